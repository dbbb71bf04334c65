"""Plan and list exports open in German Excel, parse back, print well, and never carry a live
formula: CSV neutralises with an apostrophe, XLSX stores text as plain string cells."""

import csv
import io
import re

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from matching.lists.participants import read_participants
from matching.model import Event, Participant, Plan, Round, Sector, Table
from matching.output.exports import (
    export_file_name,
    participants_to_csv,
    participants_to_xlsx,
    plan_to_csv,
    plan_to_xlsx,
    question_for_round,
    safe_cell,
)

FORMULA = '=HYPERLINK("http://x")'


def people():
    return [
        Participant("p1", FORMULA, "AOK", Sector.HEALTH_INSURER),
        Participant("p2", "Jörg Groß", "Rheuma-Liga", Sector.SELF_HELP_ORG, topics=("ePA",)),
        Participant("p3", "+Anna", "KISS", Sector.CONTACT_OFFICE, stays_seated=True),
        Participant("p4", "@Ben", "-Minus e.V.", Sector.OTHER, wants_to_meet=("p2",)),
        Participant("p5", "Eva", "TK", Sector.HEALTH_INSURER),
    ]


def a_plan():
    return Plan(
        (
            Round(1, (Table(1, ("p3", "p1")), Table(2, ("p2", "p4", "p5")))),
            Round(2, (Table(1, ("p3", "p2")), Table(2, ("p1", "p4"))), ("p5",)),
        )
    )


def an_event(**changes):
    values = {
        "title": "Austauschtreffen Selbsthilfe",
        "date": "2026-03-14",
        "place": "Köln",
        "questions": ("Was macht Ihre Organisation?", "Was brauchen Sie?"),
    }
    return Event(**(values | changes))


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def cells(ws):
    return [c for row in ws.iter_rows() for c in row if c.value is not None]


def table(ws, header_row: int = 1) -> list[dict]:
    """A sheet's rows below `header_row` as dicts keyed by that row's headers."""
    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@given(st.text())
def test_safe_cell_never_starts_with_a_formula_trigger(text):
    """OWASP CSV injection: no exported CSV text cell may start with = + - @ tab or CR."""
    out = safe_cell(text)
    assert not str(out).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert str(out).endswith(text)


def test_plan_csv_is_semicolon_utf8_bom_and_neutralised():
    data = plan_to_csv(a_plan(), people(), ("Frage A", "Frage B"), "de")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 5  # 2 + 2 tables and one resting person
    first = rows[0]
    assert first["Runde"] == "1" and first["Tisch"] == "1"
    assert first["Person 1"] == "'+Anna"
    assert first["Person 2"].startswith("'=HYPERLINK")
    assert first["Frage"] == "Frage A"
    assert rows[-1]["Tisch"] == "Pause"
    assert "Jörg Groß" in data.decode("utf-8-sig")


def test_plan_xlsx_has_overview_round_sheets_and_one_people_sheet():
    """Adapted from the former one-sheet-per-person test: the rounds' sheets and headings are
    as before; the people are now rows of one sheet, and no sheet is named after a person."""
    event = an_event(questions=("Was macht Ihre Organisation?",))
    book = workbook(plan_to_xlsx(a_plan(), people(), event, "de"))
    assert book.sheetnames == ["Übersicht", "Runde 1", "Runde 2", "Personen"]
    assert not {p.name for p in people()} & set(book.sheetnames)

    overview = [c.value for c in cells(book["Übersicht"])]
    assert overview[0] == "Austauschtreffen Selbsthilfe"
    for label, value in [("Datum", "14.03.2026"), ("Ort", "Köln"), ("Runden", 2)]:
        assert overview[overview.index(label) + 1] == value
    assert overview[overview.index("Personen") + 1] == 5
    assert overview[overview.index("Tische je Runde (höchstens)") + 1] == 2
    header_row = book["Übersicht"].print_title_rows
    first = int(re.match(r"\$?(\d+)", header_row).group(1))
    questions = table(book["Übersicht"], first)
    assert [(r["Runde"], r["Tische"], r["Frage"]) for r in questions] == [
        (1, 2, "Was macht Ihre Organisation?"),
        (2, 2, "Was macht Ihre Organisation?"),  # one question: it comes again
    ]

    values = [c.value for c in cells(book["Runde 1"])]
    assert "Runde 1: Was macht Ihre Organisation?" in values
    round_2 = table(book["Runde 2"], 3)
    assert [r["Tisch"] for r in round_2] == [1, 2, "Pause"]
    assert round_2[0]["Person 1"] == "+Anna" and round_2[0]["Person 2"] == "Jörg Groß"

    rows = table(book["Personen"])
    assert list(rows[0]) == ["Person", "Organisation", "Runde", "Tisch", "Gesprächspartner"]
    assert len(rows) == 5 * 2  # one row per person and round
    names = [r["Person"] for r in rows]
    assert (
        names
        == ["+Anna", "+Anna", FORMULA, FORMULA, "@Ben", "@Ben", "Eva", "Eva"] + ["Jörg Groß"] * 2
    )  # by name, then round
    jorg = [r for r in rows if r["Person"] == "Jörg Groß"]
    assert jorg == [
        {
            "Person": "Jörg Groß",
            "Organisation": "Rheuma-Liga",
            "Runde": 1,
            "Tisch": 2,
            "Gesprächspartner": "@Ben (-Minus e.V.), Eva (TK)",
        },
        {
            "Person": "Jörg Groß",
            "Organisation": "Rheuma-Liga",
            "Runde": 2,
            "Tisch": 1,
            "Gesprächspartner": "+Anna (KISS)",
        },
    ]
    eva_resting = [r for r in rows if r["Person"] == "Eva" and r["Runde"] == 2]
    assert eva_resting[0]["Tisch"] == "Pause" and not eva_resting[0]["Gesprächspartner"]


def test_plan_xlsx_in_english_and_without_event():
    book = workbook(plan_to_xlsx(a_plan(), people(), None, "en"))
    assert book.sheetnames == ["Overview", "Round 1", "Round 2", "People"]
    assert book["Overview"]["A1"].value == "Rotation plan"
    assert "Date" not in [c.value for c in cells(book["Overview"])]
    rows = table(book["People"])
    assert list(rows[0]) == ["Person", "Organisation", "Round", "Table", "Partners"]
    assert [r["Table"] for r in rows if r["Person"] == "Eva"] == [2, "Break"]


def test_formula_like_names_are_plain_strings_in_xlsx_and_neutralised_in_csv():
    """Excel never runs a string cell, so XLSX keeps the name exactly as typed (no apostrophe);
    CSV has no cell types, so there the apostrophe stays."""
    tricky = [*people(), Participant("p6", "#N/A", "-1", Sector.OTHER)]
    plan = Plan((*a_plan().rounds, Round(3, (Table(1, ("p6", "p1")),))))
    book = workbook(plan_to_xlsx(plan, tricky, an_event(), "de"))
    written = {c.value: c for ws in book for c in cells(ws) if isinstance(c.value, str)}
    for text in (FORMULA, "+Anna", "@Ben", "-Minus e.V.", "#N/A", "-1"):
        assert written[text].data_type == "s", text
    assert not [v for v in written if v.startswith("'")]
    assert all(c.data_type != "f" for ws in book for c in cells(ws))

    sheet = workbook(participants_to_xlsx(tricky)).active
    assert sheet["B2"].value == FORMULA and sheet["B2"].data_type == "s"
    assert sheet["B7"].value == "#N/A" and sheet["B7"].data_type == "s"
    back = read_participants(participants_to_xlsx(tricky), "liste.xlsx")
    assert [p.name for p in back.participants] == [p.name for p in tricky]

    for data in (plan_to_csv(plan, tricky, (), "de"), participants_to_csv(tricky)):
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
        values = {value for row in rows for value in row}
        assert {"'" + FORMULA, "'+Anna", "'@Ben", "'-Minus e.V."} <= values
        assert not {FORMULA, "+Anna", "@Ben", "-Minus e.V."} & values


def test_a_control_character_does_not_break_any_download():
    """openpyxl refuses characters XML cannot hold; they are dropped from XLSX, and CSV is
    written as before."""
    odd = [
        Participant("p1", "An\x07na", "KI\x00SS", Sector.CONTACT_OFFICE, topics=("e\x1bPA",)),
        Participant("p2", "Bert\ud800", "AOK\x0b", Sector.HEALTH_INSURER),
        Participant("p3", "Cem", "Liga", Sector.SELF_HELP_ORG),
    ]
    plan = Plan((Round(1, (Table(1, ("p1", "p2")),), ("p3",)),))
    event = an_event(title="Treffen\x07", place="Ort\x01", questions=("Frage\x02?",))
    book = workbook(plan_to_xlsx(plan, odd, event, "de"))
    texts = {c.value for ws in book for c in cells(ws)}
    assert {"Anna", "KISS", "Bert", "AOK", "Treffen", "Ort", "Anna (KISS)"} <= texts
    assert "Runde 1: Frage?" in texts
    back = read_participants(participants_to_xlsx(odd), "liste.xlsx")
    assert (back.participants[0].name, back.participants[0].organisation) == ("Anna", "KISS")
    assert back.participants[0].topics == ("ePA",)

    readable = odd[:1] + odd[2:]  # a lone surrogate cannot be encoded: not in a decoded list
    plan_csv = plan_to_csv(plan, readable, (), "de").decode("utf-8-sig")
    assert "An\x07na" in plan_csv
    assert "An\x07na" in participants_to_csv(readable).decode("utf-8-sig")


def test_a_person_missing_from_the_list_shows_by_id():
    """Someone removed after their round took place: the plan still names them."""
    listed = [p for p in people() if p.id != "p4"]
    book = workbook(plan_to_xlsx(a_plan(), listed, an_event(), "de"))
    rows = table(book["Personen"])
    ghost = [r for r in rows if r["Person"] == "p4"]
    assert [(r["Runde"], r["Tisch"], r["Organisation"]) for r in ghost] == [
        (1, 2, None),
        (2, 2, None),
    ]
    jorg = next(r for r in rows if r["Person"] == "Jörg Groß" and r["Runde"] == 1)
    assert jorg["Gesprächspartner"] == "p4, Eva (TK)"
    assert "p4" in plan_to_csv(a_plan(), listed, (), "de").decode("utf-8-sig")


def circle_plan(n: int, rounds: int) -> tuple[Plan, list[Participant]]:
    """Round-robin by the circle method: everybody once per round, nobody twice together."""
    ids = [f"p{i:03d}" for i in range(n)]
    out = []
    for r in range(rounds):
        rest = ids[1:][r:] + ids[1:][:r]
        ring = [ids[0], *rest]
        tables = tuple(Table(k + 1, (ring[k], ring[n - 1 - k])) for k in range(n // 2))
        out.append(Round(r + 1, tables))
    sectors = list(Sector)
    listed = [
        Participant(pid, f"Person {n - i:03d}", f"Org {i % 50}", sectors[i % 4])
        for i, pid in enumerate(ids)
    ]
    return Plan(tuple(out)), listed


def test_300_people_and_10_rounds_give_12_sheets():
    plan, listed = circle_plan(300, 10)
    book = workbook(plan_to_xlsx(plan, listed, an_event(), "de"))
    assert len(book.sheetnames) == 12
    assert book.sheetnames[0] == "Übersicht" and book.sheetnames[-1] == "Personen"
    rows = table(book["Personen"])
    assert len(rows) == 3000
    assert [r["Person"] for r in rows[:11]] == ["Person 001"] * 10 + ["Person 002"]
    assert [r["Runde"] for r in rows[:10]] == list(range(1, 11))


def test_every_sheet_prints_landscape_page_wide_with_title_rows():
    books = [
        workbook(plan_to_xlsx(a_plan(), people(), an_event(), "de")),
        workbook(plan_to_xlsx(a_plan(), people(), None, "en")),
        workbook(participants_to_xlsx(people())),
        workbook(participants_to_xlsx([])),
    ]
    for book in books:
        for ws in book:
            assert ws.page_setup.orientation == "landscape", ws.title
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
            assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title
            assert ws.print_title_rows, ws.title
    plan_book = books[0]
    assert plan_book["Personen"].print_title_rows == "$1:$1"
    assert plan_book["Runde 1"].print_title_rows == "$1:$3"  # heading and header
    assert books[3].active["A1"].value == "ID"  # an empty list still has its header


def test_questions_rotate_over_rounds():
    assert question_for_round(("a", "b"), 1) == "a"
    assert question_for_round(("a", "b"), 3) == "a"
    assert question_for_round((), 2) == ""


def test_participant_exports_are_neutralised_and_readable():
    """CSV neutralises; XLSX (adapted: it used to carry the apostrophe too) stores the name
    exactly, as a string cell."""
    data = participants_to_csv(people())
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("ID;Name;Organisation;Bereich")
    assert "'=HYPERLINK" in text and ";ja;" in text
    book = load_workbook(io.BytesIO(participants_to_xlsx(people())))
    names = [row[1].value for row in book.active.iter_rows(min_row=2)]
    assert names[0] == FORMULA
    assert book.active.title == "Teilnehmende"
    assert workbook(participants_to_xlsx(people(), lang="en")).active.title == "Participants"


def test_file_names():
    event = an_event()
    assert (
        export_file_name("plan", event, "xlsx")
        == "Plan_Austauschtreffen-Selbsthilfe_2026-03-14.xlsx"
    )
    assert (
        export_file_name("participants", event, ".csv")
        == "Teilnehmende_Austauschtreffen-Selbsthilfe_2026-03-14.csv"
    )
    assert (
        export_file_name("participants", event, "CSV", "en")
        == "Participants_Austauschtreffen-Selbsthilfe_2026-03-14.csv"
    )
    assert export_file_name("plan", event, "json", "en").startswith("Plan_Austausch")
    assert export_file_name("plan", None, "xlsx") == "Plan.xlsx"
    assert export_file_name("participants", None, "csv") == "Teilnehmende.csv"
    assert export_file_name("participants", None, "csv", "en") == "Participants.csv"

    umlauts = an_event(title="Größere Übung: Ärzte & Öffentlichkeit – Café Élysée")
    assert (
        export_file_name("plan", umlauts, "xlsx")
        == "Plan_Groessere-Uebung-Aerzte-Oeffentlichkeit-Cafe-Elysee_2026-03-14.xlsx"
    )
    slashes = an_event(title='AOK/BKK\\Treffen: "a*b?" <c>|d ../', date="")
    assert export_file_name("plan", slashes, "xlsx") == "Plan_AOK-BKK-Treffen-a-b-c-d.xlsx"
    assert export_file_name("plan", an_event(title="???", date="14.03.2026"), "xlsx") == (
        "Plan_2026-03-14.xlsx"
    )
    assert export_file_name("plan", an_event(date="bald"), "xlsx") == (
        "Plan_Austauschtreffen-Selbsthilfe.xlsx"
    )

    long = an_event(title="Austauschtreffen der Selbsthilfe " * 10)
    name = export_file_name("plan", long, "xlsx")
    title_part = name.split("_")[1]
    assert 30 <= len(title_part) <= 60 and not title_part.endswith("-")
    assert title_part.startswith("Austauschtreffen-der-Selbsthilfe-")
    assert name.endswith("_2026-03-14.xlsx")
    one_word = export_file_name("plan", an_event(title="x" * 200), "xlsx")
    assert one_word == "Plan_" + "x" * 60 + "_2026-03-14.xlsx"


@given(st.text(min_size=1).filter(str.strip), st.sampled_from(["de", "en"]))
def test_any_title_gives_a_safe_file_name(title, lang):
    name = export_file_name("plan", an_event(title=title), "xlsx", lang)
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", name)
    assert name.startswith("Plan") and name.endswith("_2026-03-14.xlsx")
    parts = name.removesuffix(".xlsx").split("_")
    assert len(parts) in (2, 3) and all(len(p) <= 60 for p in parts)
    assert ".." not in name and not parts[-2 if len(parts) == 3 else 0].startswith("-")


def test_unknown_file_kind_is_refused():
    import pytest

    with pytest.raises(ValueError, match="kind"):
        export_file_name("pdf", None, "pdf")

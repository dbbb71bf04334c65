"""Plan and list exports open in German Excel, parse back, and never carry a live formula."""

import csv
import io

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from matching.model import Event, Participant, Plan, Round, Sector, Table
from matching.output.exports import (
    participants_to_csv,
    participants_to_xlsx,
    plan_to_csv,
    plan_to_xlsx,
    question_for_round,
    safe_cell,
)


def people():
    return [
        Participant("p1", '=HYPERLINK("http://x")', "AOK", Sector.HEALTH_INSURER),
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


@given(st.text())
def test_safe_cell_never_starts_with_a_formula_trigger(text):
    """OWASP CSV injection: no exported text cell may start with = + - @ tab or CR."""
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


def test_plan_xlsx_has_a_sheet_per_round_and_per_person():
    event = Event("Austausch", questions=("Was macht Ihre Organisation?",))
    data = plan_to_xlsx(a_plan(), people(), event, "de")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[:2] == ["Runde 1", "Runde 2"]
    assert len(book.sheetnames) == 2 + 5
    values = [c.value for row in book["Runde 1"].iter_rows() for c in row if c.value]
    assert "Runde 1: Was macht Ihre Organisation?" in values
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "@")) for v in values)
    jorg = book["Jörg Groß"]
    cells = [c.value for row in jorg.iter_rows() for c in row if c.value is not None]
    assert "Jörg Groß (Rheuma-Liga)" in cells
    assert any(isinstance(v, str) and "Eva (TK)" in v for v in cells)


def test_questions_rotate_over_rounds():
    assert question_for_round(("a", "b"), 1) == "a"
    assert question_for_round(("a", "b"), 3) == "a"
    assert question_for_round((), 2) == ""


def test_participant_exports_are_neutralised_and_readable():
    data = participants_to_csv(people())
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("ID;Name;Organisation;Bereich")
    assert "'=HYPERLINK" in text and ";ja;" in text
    book = load_workbook(io.BytesIO(participants_to_xlsx(people())))
    names = [row[1].value for row in book.active.iter_rows(min_row=2)]
    assert names[0] == '\'=HYPERLINK("http://x")'

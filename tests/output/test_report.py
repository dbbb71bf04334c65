"""The event report (PDF and XLSX), its network picture and `python -m matching report`.

The PDF is read back with pypdf: the key numbers, umlauts, "ß", "–" and "€", the ideas with or
without their author, "Seite x von y" and no heading alone at the foot of a page."""

from __future__ import annotations

import datetime as dt
import io
import json

import networkx as nx
import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from matching.i18n import t
from matching.model import Event, Participant, Plan, Round, Sector, Table
from matching.network import layout, organisation_graph, person_graph
from matching.network.picture import network_png
from matching.output.exports import export_file_name
from matching.output.report import report_data, report_pdf, report_xlsx
from matching.storage.records import IdeaRecord
from tests.conftest import run_cli

KK, KS, SHO = Sector.HEALTH_INSURER, Sector.CONTACT_OFFICE, Sector.SELF_HELP_ORG
NOW = dt.datetime(2026, 3, 14, 15, 0, tzinfo=dt.UTC)

PEOPLE = [
    Participant("a", "Jürgen Weiß", "AOK Nordwest", KK),
    Participant("b", "Bärbel Groß", "AOK Nordwest", KK),
    Participant("c", "Özlem Çelik", "KISS Köln", KS),
    Participant("d", "Dörte Maß", "KISS Köln", KS),
    Participant("e", "Emil Straße", "Liga „Gesundheit“ e.V.", SHO),
    Participant("f", "Fiona Müller", "Liga „Gesundheit“ e.V.", SHO),
    Participant("g", "Gustav Öhler", "Ärger – 5 € Fonds", SHO),
]
# Round 1: two pairs and a trio (three conversations; f-g is within one sector) = 5.
# Round 2: three pairs, d rests = 3. Together 8 conversations, 7 between sectors (88 %).
PLAN = Plan(
    (
        Round(1, (Table(1, ("a", "c")), Table(2, ("b", "e")), Table(3, ("d", "f", "g")))),
        Round(2, (Table(1, ("a", "f")), Table(2, ("b", "g")), Table(3, ("c", "e"))), ("d",)),
    )
)
EVENT = Event(
    "Austausch Größe – Maß · 10 €",
    date="2026-03-14",
    place="Köln, Straße des 17. Juni",
    rounds=2,
    questions=("Was fördert § 20h SGB V – und was nicht?", "Wie erreichen wir Jüngere?"),
)
IDEAS = (
    IdeaRecord(1, "a", "Räume für 50 € gemeinsam nutzen – ganz einfach", True, NOW),
    IdeaRecord(1, "c", "Öffentlichkeitsarbeit bündeln", True, NOW),  # not in names_allowed
    IdeaRecord(2, "e", "Sprechstunde im Quartier", False, NOW),  # allowed, but not shown
    IdeaRecord(2, "f", "   ", True, NOW),  # empty: left out
    IdeaRecord(2, "b", "=1+1", True, NOW),
)
ALLOWED = frozenset({"a", "b", "e"})


def pdf_text(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def german_pdf():
    data = report_pdf(EVENT, PLAN, PEOPLE, ideas=IDEAS, names_allowed=ALLOWED)
    return data, *pdf_text(data)


def test_report_data_counts_like_the_network():
    data = report_data(EVENT, PLAN, PEOPLE, picture=False)
    assert (data.people, data.conversations, data.rounds_held) == (7, 8, 2)
    assert data.numbers["cross_sector_share"] == pytest.approx(7 / 8)
    assert [(r.sector, r.people, r.organisations) for r in data.sectors] == [
        ("Krankenkasse", 2, 1),
        ("Selbsthilfekontaktstelle", 2, 1),
        ("Selbsthilfeorganisation", 3, 2),
    ]
    liga = next(o for o in data.organisations if o.name.startswith("Liga"))
    assert (liga.people, liga.conversations, liga.met) == (2, 5, 3)
    first = report_data(EVENT, PLAN, PEOPLE, after_round=1, picture=False)
    assert (first.conversations, first.rounds_held, first.rounds_planned) == (5, 1, 2)


def test_pdf_states_the_key_numbers_and_prints_every_character(german_pdf):
    data, reader, pages = german_pdf
    assert data.startswith(b"%PDF-") and len(pages) > 0
    text = flat(" ".join(pages))
    assert "7 Personen aus 4 Organisationen führten 8 Gespräche; 88 % davon" in text
    assert "88 %" in text
    assert "Bericht: Austausch Größe – Maß · 10 €" in text
    assert "Köln, Straße des 17. Juni" in text and "14.03.2026" in text
    assert "Ärger – 5 € Fonds" in text and "Liga „Gesundheit“ e.V." in text
    assert "§ 20h SGB V" in text
    assert "Stand: alle 2 Runden" in text
    assert reader.metadata.title == "Bericht: Austausch Größe – Maß · 10 €"
    assert b"/FontFile2" in data and b"DejaVu" in data  # the fonts travel with the file
    assert len(reader.pages[0].images) + sum(len(p.images) for p in reader.pages[1:]) == 1


def test_pdf_pages_are_a4_and_numbered(german_pdf):
    _, reader, pages = german_pdf
    total = len(pages)
    for number, (page, text) in enumerate(zip(reader.pages, pages, strict=True), start=1):
        assert f"Seite {number} von {total}" in text
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_ideas_show_the_author_only_when_allowed(german_pdf):
    _, _, pages = german_pdf
    text = flat(" ".join(pages))
    assert "Was fördert § 20h SGB V – und was nicht?" in text
    assert "Räume für 50 € gemeinsam nutzen – ganz einfach" in text
    assert "Jürgen Weiß (AOK Nordwest)" in text  # show_name and allowed
    assert "Öffentlichkeitsarbeit bündeln" in text and "Özlem Çelik" not in text
    assert "Sprechstunde im Quartier" in text and "Emil Straße" not in text
    assert "Fiona Müller" not in text  # her empty idea is left out, no name anywhere


def test_english_pdf_and_rounds_held_so_far():
    data = report_pdf(EVENT, PLAN, PEOPLE, lang="en", after_round=1)
    _, pages = pdf_text(data)
    text = flat(" ".join(pages))
    assert "Report: Austausch Größe – Maß · 10 €" in text
    assert "7 people from 4 organisations had 5 conversations" in text
    assert "As of: after round 1 of 2" in text and "Page 1 of" in text
    assert "No ideas noted." in text


def _big_event(people: int = 60, rounds: int = 8):
    """Many organisations and ideas, so the report runs over several pages."""
    sectors = (KK, KS, SHO, Sector.OTHER)
    listed = [
        Participant(f"p{i:02d}", f"Person {i}", f"Organisation Nummer {i // 2}", sectors[i % 4])
        for i in range(people)
    ]
    ids = [p.id for p in listed]
    made = []
    for r in range(rounds):  # circle method: everybody meets somebody new each round
        order = [ids[0], *(ids[1:][-r:] + ids[1:][:-r] if r else ids[1:])]
        half = len(order) // 2
        tables = [Table(k + 1, (order[k], order[-k - 1])) for k in range(half)]
        made.append(Round(r + 1, tuple(tables)))
    ideas = [
        IdeaRecord(r, ids[(r * 7 + k) % people], f"Idee {r}.{k}: " + "gemeinsam planen " * (k % 9),
                   k % 2 == 0, NOW + dt.timedelta(seconds=k))
        for r in range(1, rounds + 1)
        for k in range(14)
    ]  # fmt: skip
    event = Event("Großes Treffen", rounds=rounds, questions=("Frage eins?", "Frage zwei?"))
    return event, Plan(tuple(made)), listed, ideas


def test_no_heading_stands_alone_at_the_foot_of_a_page():
    event, plan, listed, ideas = _big_event()
    data = report_pdf(event, plan, listed, ideas=ideas, names_allowed={p.id for p in listed})
    _, pages = pdf_text(data)
    assert len(pages) >= 3
    headings = {
        t(f"report.{key}", "de")
        for key in (
            "summary_heading",
            "sectors_heading",
            "network_heading",
            "mixing_heading",
            "organisations_heading",
            "ideas_heading",
        )
    } | {"Frage eins?", "Frage zwei?"}
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        body = [line for line in lines if "Seite" not in line and "Bericht:" not in line]
        assert body, f"page {number} is empty"
        assert body[-1] not in headings, f"page {number} ends with the heading {body[-1]!r}"
        assert not body[-1].startswith("Frage 1 ·") and not body[-1].startswith("Frage 2 ·")


def test_xlsx_has_the_sheets_and_numbers_and_no_formulas():
    workbook = load_workbook(
        io.BytesIO(report_xlsx(EVENT, PLAN, PEOPLE, ideas=IDEAS, names_allowed=ALLOWED))
    )
    assert workbook.sheetnames == ["Überblick", "Organisationen", "Mischung", "Ideen"]
    facts = {
        row[0]: row[1]
        for row in workbook["Überblick"].iter_rows(values_only=True)
        if row[0] is not None
    }
    assert facts["Personen"] == 7 and facts["Gespräche"] == 8 and facts["Organisationen"] == 4
    assert facts["Runden durchgeführt"] == 2 and facts["Ort"] == "Köln, Straße des 17. Juni"
    assert facts["Anteil der Gespräche zwischen Bereichen"] == pytest.approx(0.875)
    orgs = list(workbook["Organisationen"].iter_rows(values_only=True))
    assert orgs[0][0] == "Organisation" and ("Ärger – 5 € Fonds", "Selbsthilfeorganisation",
                                             1, 3, 3) in orgs  # fmt: skip
    mixing = list(workbook["Mischung"].iter_rows(values_only=True))
    assert ("Selbsthilfeorganisation", 3, 3, 1) in [row[:4] for row in mixing]
    ideas = list(workbook["Ideen"].iter_rows(values_only=True))
    assert ideas[0] == ("Runde", "Frage", "Idee", "Von")
    by_text = {row[2]: row for row in ideas[1:]}
    assert (
        by_text["Räume für 50 € gemeinsam nutzen – ganz einfach"][3] == "Jürgen Weiß (AOK Nordwest)"
    )
    assert by_text["Öffentlichkeitsarbeit bündeln"][3] is None
    assert by_text["Sprechstunde im Quartier"][3] is None
    assert by_text["=1+1"][1] == "Wie erreichen wir Jüngere?"
    for ws in workbook:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"


def test_xlsx_in_english():
    workbook = load_workbook(io.BytesIO(report_xlsx(EVENT, PLAN, PEOPLE, lang="en")))
    assert workbook.sheetnames == ["Overview", "Organisations", "Mixing", "Ideas"]


def test_report_file_name():
    assert (
        export_file_name("report", EVENT, "pdf")
        == "Bericht_Austausch-Groesse-Mass-10_2026-03-14.pdf"
    )
    assert export_file_name("report", None, "xlsx", "en") == "Report.xlsx"


# --- the picture --------------------------------------------------------------------------


def test_network_png_is_a_png_of_the_asked_size_and_deterministic():
    graph = organisation_graph(PLAN, PEOPLE)
    positions = layout(graph, 0)
    data = network_png(graph, positions)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (1200, 900)
    assert network_png(graph, positions) == data
    shuffled = nx.Graph()  # the same graph built in another order draws the same picture
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(data=True))))
    assert network_png(shuffled, dict(reversed(positions.items()))) == data
    assert network_png(graph, positions, labels=False) != data
    small = Image.open(io.BytesIO(network_png(graph, positions, width=600, height=450)))
    assert small.size == (600, 450)


def test_network_png_draws_people_empty_graphs_and_refuses_missing_positions():
    people = person_graph(PLAN, PEOPLE)
    assert Image.open(io.BytesIO(network_png(people, layout(people, 1), lang="en"))).size == (
        1200,
        900,
    )
    assert Image.open(io.BytesIO(network_png(nx.Graph(), {}))).format == "PNG"
    with pytest.raises(ValueError, match="position"):
        network_png(people, {})


# --- the command line ---------------------------------------------------------------------

LIST = (
    "Name;Institution;Bereich\n"
    "Jürgen Weiß;AOK Nordwest;Krankenkasse\n"
    "Bärbel Groß;AOK Nordwest;Krankenkasse\n"
    "Özlem Çelik;KISS Köln;Kontaktstelle\n"
    "Dörte Maß;KISS Köln;Kontaktstelle\n"
    "Emil Straße;Liga;Selbsthilfeorganisation\n"
    "Fiona Müller;Liga;Selbsthilfeorganisation\n"
)
PLAN_FILE = {
    "rounds": [
        {"round": 1, "tables": [{"table": 1, "members": ["p001", "p003"]},
                                {"table": 2, "members": ["p002", "p005"]},
                                {"table": 3, "members": ["p004", "p006"]}]},
        {"round": 2, "tables": [{"table": 1, "members": ["p001", "p005"]},
                                {"table": 2, "members": ["p002", "p004"]},
                                {"table": 3, "members": ["p003", "p006"]}]},
    ]
}  # fmt: skip
EVENT_FILE = {
    "title": "Treffen in Köln – 5 €",
    "date": "2026-10-07",
    "place": "Bürgerhaus",
    "rounds": 2,
    "minutes_per_round": 8,
    "questions": [{"de": "Was läuft gut?", "en": "What works?"}, "Was fehlt?"],
}


@pytest.fixture
def files(tmp_path):
    listed = tmp_path / "liste.csv"
    listed.write_text(LIST, encoding="utf-8")
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(PLAN_FILE), encoding="utf-8")
    event = tmp_path / "event.json"
    event.write_text(json.dumps(EVENT_FILE), encoding="utf-8")
    return listed, plan, event, tmp_path


def test_cli_writes_the_pdf_and_the_workbook(files):
    listed, plan, event, folder = files
    out = folder / "bericht.pdf"
    result = run_cli("report", str(listed), str(plan), "--event-file", str(event),
                     "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "6 people, 6 conversations" in result.stdout
    text = flat(" ".join(pdf_text(out.read_bytes())[1]))
    assert "Bericht: Treffen in Köln – 5 €" in text and "Was läuft gut?" in text
    assert "6 Personen aus 3 Organisationen führten 6 Gespräche; 100 % davon" in text

    out = folder / "report.xlsx"
    result = run_cli("report", str(listed), str(plan), "--lang", "en", "--after-round", "1",
                     "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "6 people, 3 conversations" in result.stdout
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Overview", "Organisations", "Mixing", "Ideas"]
    assert workbook["Overview"]["A1"].value == "Report: plan"  # named after the plan file


@pytest.mark.parametrize(
    "case",
    ["extension", "no extension", "missing plan", "missing list", "bad event", "event values",
     "bad round", "missing folder", "bad lang"],
)  # fmt: skip
def test_cli_refuses_bad_input_with_exit_2_and_writes_nothing(files, case):
    listed, plan, event, folder = files
    out = folder / "bericht.pdf"
    args = [str(listed), str(plan), "--out", str(out)]
    if case == "extension":
        out = folder / "bericht.docx"
        args[-1] = str(out)
    elif case == "no extension":
        out = folder / "bericht"
        args[-1] = str(out)
    elif case == "missing plan":
        args[1] = str(folder / "fehlt.json")
    elif case == "missing list":
        args[0] = str(folder / "fehlt.csv")
    elif case == "bad event":
        event.write_text("{not json", encoding="utf-8")
        args += ["--event-file", str(event)]
    elif case == "event values":
        event.write_text(json.dumps({"title": "X", "rounds": 0}), encoding="utf-8")
        args += ["--event-file", str(event)]
    elif case == "bad round":
        args += ["--after-round", "3"]
    elif case == "missing folder":
        out = folder / "nicht-da" / "bericht.pdf"
        args[-1] = str(out)
    elif case == "bad lang":
        args += ["--lang", "fr"]
    result = run_cli("report", *args)
    assert result.returncode == 2, (case, result.stdout, result.stderr)
    assert result.stderr.strip() and "Traceback" not in result.stderr
    assert not out.exists()


def test_a_series_gets_its_own_part_in_the_pdf_and_the_workbook():
    """For funders: how the network grew over the meetings of a series."""
    from matching.network.series import SeriesStep

    steps = [
        SeriesStep("Austausch 2025", "2025-05-05", 40, 20, 120, 120, 20, 120, 0),
        SeriesStep("Austausch 2026", "2026-05-04", 44, 22, 130, 74, 24, 194, 3),
    ]
    pdf = report_pdf(EVENT, PLAN, PEOPLE, series=steps, series_name="Austausch")
    _reader, pages = pdf_text(pdf)
    text = flat(" ".join(pages))
    assert "Die Reihe „Austausch“: wie das Netzwerk wächst" in text
    assert "Über 2 Treffen haben 194 Paare von Organisationen" in text
    assert "04.05.2026 · Austausch 2026" in text
    workbook = load_workbook(
        io.BytesIO(report_xlsx(EVENT, PLAN, PEOPLE, series=steps, series_name="Austausch"))
    )
    rows = list(workbook["Reihe"].iter_rows(values_only=True))
    assert rows[0][0] == "Treffen" and rows[2] == (
        "04.05.2026 · Austausch 2026",
        44,
        22,
        130,
        74,
        194,
    )
    # One meeting is no series yet: no such part.
    assert "Die Reihe" not in flat(
        " ".join(pdf_text(report_pdf(EVENT, PLAN, PEOPLE, series=steps[:1]))[1])
    )

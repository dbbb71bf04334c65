"""Walk-ins and event form input."""

import datetime as dt

from matching.lists.events import build_event, parse_questions
from matching.lists.roster import editor_rows, next_free_id, rows_to_csv, walk_in
from matching.model import Participant, Sector, Severity
from ui.common import md_escape


def test_next_free_id_continues_the_importers_numbering():
    assert next_free_id([]) == "p001"
    assert next_free_id(["p001", "p007", "x"]) == "p008"


def test_walk_in_validates_and_gets_a_fresh_id():
    existing = [Participant("p001", "Anna", "AOK", Sector.HEALTH_INSURER)]
    person, problems = walk_in(existing, " Ben ", "KISS", "Selbsthilfekontaktstelle", "ePA; Pflege")
    assert person is not None and not problems
    assert (person.id, person.name, person.topics) == ("p002", "Ben", ("ePA", "Pflege"))
    none, problems = walk_in(existing, "", "", "Bank")
    assert none is None
    assert {p.code for p in problems} == {"empty_name", "empty_organisation", "unknown_sector"}
    twin, problems = walk_in(existing, "anna", "aok", Sector.HEALTH_INSURER)
    assert twin is not None and problems[0].severity is Severity.WARNING


def test_editor_rows_name_wishes_unambiguously():
    """Wishes show names, but an id where the name is shared or contains a separator."""
    people = [
        Participant("a", "Anna", "X", Sector.OTHER, wants_to_meet=("b", "c", "d")),
        Participant("b", "Ben", "Y", Sector.OTHER),
        Participant("c", "Müller, Eva", "Z", Sector.OTHER),
        Participant("d", "Ben", "W", Sector.OTHER),
    ]
    assert editor_rows(people)[0]["Möchte treffen"] == "b, c, d"
    csv_text = rows_to_csv(editor_rows(people)).decode()
    assert csv_text.splitlines()[0].startswith("ID;Name;Organisation;Bereich")
    assert '"Müller, Eva"' in csv_text or "Müller, Eva" in csv_text


def test_build_event_reports_each_bad_field():
    event, problems = build_event(
        "  Austausch 2026 ", dt.date(2026, 3, 1), "Halle", 8, 7, "A?\n\n B? "
    )
    assert not problems
    assert (event.title, event.date, event.questions) == (
        "Austausch 2026",
        "2026-03-01",
        ("A?", "B?"),
    )
    event, problems = build_event("", "1.3.2026", "", 0, 500, "")
    assert event is None
    assert {p.column for p in problems} == {"title", "date", "rounds", "minutes_per_round"}
    assert parse_questions("x\n\ny ") == ("x", "y")


def test_md_escape_keeps_names_literal():
    """Names are shown through markdown; links, emphasis and HTML must stay plain text."""
    escaped = md_escape("[klick](javascript:alert(1)) **fett** <script>")
    for raw in ("[", "]", "(", ")", "*", "<", ">"):
        assert f"\\{raw}" in escaped
    assert md_escape("Jörg Groß") == "Jörg Groß"


def test_edited_table_is_validated_like_an_upload():
    """The participants page's editor goes through the importer: same rules, rows from 1."""
    from matching.lists.roster import read_editor_rows

    people = [
        Participant(
            "p001", "Anna", "AOK", Sector.HEALTH_INSURER, wants_to_meet=("p002",), stays_seated=True
        ),
        Participant("p002", "Ben", "KISS", Sector.CONTACT_OFFICE, topics=("ePA", "Pflege")),
    ]
    rows = editor_rows(people)
    again = read_editor_rows(rows, "Tabelle")
    assert again.ok and [
        (p.id, p.wants_to_meet, p.topics, p.stays_seated) for p in again.participants
    ] == [
        ("p001", ("p002",), (), True),
        ("p002", (), ("ePA", "Pflege"), False),
    ]
    rows[1]["Bereich"] = "Bank"
    rows.append(
        {
            "ID": None,
            "Name": "Neu",
            "Organisation": "Liga",
            "Bereich": "SHO",
            "Bleibt sitzen": float("nan"),
        }
    )
    result = read_editor_rows(rows, "Tabelle")
    (problem,) = result.errors
    assert (problem.row, problem.column, problem.file) == (2, "Bereich", "Tabelle")
    assert [p.id for p in result.participants][-1] == "p003"


def test_a_follow_up_series_is_named_after_the_title_without_its_year():
    from matching.lists.events import series_name_from

    assert series_name_from("Austausch Selbsthilfe 2026") == "Austausch Selbsthilfe"
    assert series_name_from("Fachtag – 2025") == "Fachtag"
    assert series_name_from("2026") == "2026"
    assert series_name_from("Treffen 12") == "Treffen 12"

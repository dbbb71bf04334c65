"""Participant import: formats, encodings, separators, aliases and every kind of problem."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from openpyxl import Workbook

from matching.lists.participants import read_participants, split_list
from matching.model import Sector, Severity
from tests.conftest import DATA

HEADER = "Name;Institution;Bereich;Themen;Bleibt sitzen;Möchte treffen;Nicht mit"


def csv_bytes(lines: list[str], sep: str = ";", encoding: str = "utf-8") -> bytes:
    return "\n".join(line.replace(";", sep) for line in lines).encode(encoding)


def codes(result) -> list[str]:
    return [p.code for p in result.problems]


def test_example_list_reads_without_problems():
    """The sample an organiser sends us (shared/examples) must import cleanly."""
    result = read_participants(DATA / "teilnehmende_beispiel.csv")
    assert result.ok and not result.problems
    assert len(result.participants) == 8
    clara = next(p for p in result.participants if p.name == "Clara Test")
    dora = next(p for p in result.participants if p.name == "Dora Probe")
    assert clara.sector is Sector.CONTACT_OFFICE
    assert clara.wants_to_meet == (dora.id,)
    assert dora.stays_seated
    hanna = next(p for p in result.participants if p.name == "Hanna Exempel")
    bernd = next(p for p in result.participants if p.name == "Bernd Muster")
    assert hanna.avoid == (bernd.id,)
    assert [p.id for p in result.participants][:3] == ["p001", "p002", "p003"]
    assert clara.topics == ("Gruppengründung", "Junge Selbsthilfe")


@pytest.mark.parametrize("sep", [";", ",", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_separators_and_encodings_are_detected(sep, encoding):
    lines = [
        "Name;Organisation;Bereich;Themen",
        "Jürgen Größe;Ärzte-Kasse;KK;Öffentlichkeit",
        "Zoë Maß;KISS Süd;KISS;",
    ]
    result = read_participants(csv_bytes(lines, sep, encoding), "liste.csv")
    assert result.ok, result.problems
    assert [p.name for p in result.participants] == ["Jürgen Größe", "Zoë Maß"]
    assert result.participants[0].organisation == "Ärzte-Kasse"


def test_xlsx_first_sheet_with_numbers_as_ids():
    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "NAME ", " organisation", "Sektor", "sitzt fest"])
    sheet.append([1, "Anna", "AOK", "health insurer", "x"])
    sheet.append([2.0, "Ben", "Liga", "self-help organisation", None])
    book.create_sheet("ignored").append(["nothing"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = read_participants(buffer.getvalue(), "liste.xlsx")
    assert result.ok, result.problems
    assert [(p.id, p.stays_seated) for p in result.participants] == [("1", True), ("2", False)]
    assert result.participants[1].sector is Sector.SELF_HELP_ORG


@pytest.mark.parametrize(
    ("alias", "sector"),
    [
        ("KK", Sector.HEALTH_INSURER),
        ("kasse", Sector.HEALTH_INSURER),
        ("Health Insurer", Sector.HEALTH_INSURER),
        ("KISS", Sector.CONTACT_OFFICE),
        ("contact office", Sector.CONTACT_OFFICE),
        ("Kontaktstelle", Sector.CONTACT_OFFICE),
        ("SHO", Sector.SELF_HELP_ORG),
        ("Selbsthilfegruppe", Sector.SELF_HELP_ORG),
        ("self-help organisation", Sector.SELF_HELP_ORG),
        ("other", Sector.OTHER),
        ("Klinik", Sector.OTHER),
        ("Beratungsstelle", Sector.OTHER),
    ],
)
def test_sector_aliases(alias, sector):
    result = read_participants(csv_bytes(["Name;Organisation;Bereich", f"A;B;{alias}"]), "l.csv")
    assert result.participants[0].sector is sector


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Nr", "id"),
        ("Nummer", "id"),
        ("Angebot", "offers"),
        ("Ich biete", "offers"),
        ("Bedarf", "needs"),
        ("Ich suche", "needs"),
        ("E-Mail", "email"),
        ("Wunsch", "wants_to_meet"),
        ("Nicht mit", "avoid"),
        ("topics", "topics"),
    ],
)
def test_header_aliases(header, field):
    value = {"id": "x9", "wants_to_meet": "B", "avoid": "B"}.get(field, "Wert")
    lines = [f"Name;Organisation;Bereich;{header}", f"A;Org A;KK;{value}", "B;Org B;SHO;"]
    if field == "id":
        lines[2] += "x8"
    result = read_participants(csv_bytes(lines), "l.csv")
    assert result.ok, result.problems
    got = getattr(result.participants[0], field)
    if field == "id":
        assert got == "x9"
    elif field in ("wants_to_meet", "avoid"):
        assert got == (result.participants[1].id,)
    elif field == "email":
        assert got == "Wert"
    else:
        assert got == ("Wert",)


@pytest.mark.parametrize("word", ["ja", "JA", "x", "1", "true", "yes"])
def test_yes_words(word):
    result = read_participants(
        csv_bytes(["Name;Organisation;Bereich;Bleibt sitzen", f"A;B;KK;{word}"]), "l.csv"
    )
    assert result.participants[0].stays_seated


def test_bad_yes_no_is_a_problem_with_row_and_column():
    result = read_participants(
        csv_bytes(["Name;Organisation;Bereich;Bleibt sitzen", "A;B;KK;vielleicht"]), "l.csv"
    )
    (problem,) = result.problems
    assert (problem.code, problem.row, problem.column) == ("bad_yes_no", 2, "Bleibt sitzen")


def test_missing_required_column_names_the_column_and_aliases():
    result = read_participants(csv_bytes(["Name;Bereich", "A;KK"]), "l.csv")
    (problem,) = result.errors
    assert problem.code == "missing_column" and problem.row == 1
    assert "Organisation" in problem.message_de and "institution" in problem.message_en


def test_every_row_problem_is_located():
    lines = [
        "ID;Name;Organisation;Bereich;Möchte treffen;Nicht mit",
        "a;;AOK;KK;;",  # row 2 empty name
        "b;Ben;KISS;Kontaktstele;;",  # row 3 unknown sector with suggestion
        "b;Cem;Liga;SHO;;",  # row 4 duplicate id
        "d;Dana;Liga;SHO;Niemand;",  # row 5 wish names nobody
        "e;Eva;TK;KK;e;",  # row 6 names herself
        "f;Ben;KISS;KISS;;Ben",  # row 7 same name+org (warning), ambiguous Ben
    ]
    result = read_participants(csv_bytes(lines), "liste.csv")
    found = {(p.code, p.row, p.column) for p in result.problems}
    assert ("empty_name", 2, "Name") in found
    assert ("unknown_sector", 3, "Bereich") in found
    assert ("duplicate_id", 4, "ID") in found
    assert ("unknown_person", 5, "Möchte treffen") in found
    assert ("self_reference", 6, "Möchte treffen") in found
    assert ("duplicate_person", 7, "Name") in found
    assert ("ambiguous_name", 7, "Nicht mit") in found
    sector = next(p for p in result.problems if p.code == "unknown_sector")
    assert "Selbsthilfekontaktstelle" in sector.message_de and "Meinten Sie" in sector.message_de
    assert "Did you mean" in sector.message_en
    assert all(p.file == "liste.csv" for p in result.problems)
    warning = next(p for p in result.problems if p.code == "duplicate_person")
    assert warning.severity is Severity.WARNING and "Zeile 3" in warning.message_de
    assert not result.ok


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "leer.csv", "empty_file"),
        (b"\xef\xbb\xbf\r\n \r\n", "leer.csv", "empty_file"),
        (b"Name;Organisation;Bereich\n;;\n", "kopf.csv", "no_rows"),
        (b"%PDF-1.7 binary \x00\x01", "liste.csv", "not_a_table"),
        (bytes(range(256)) * 4, "zufall.csv", "not_a_table"),
        (b"PK\x03\x04 not really a zip", "liste.xlsx", "not_a_table"),
        (b"Name;Organisation;Bereich", "liste.pdf", "not_a_table"),
        (b"whatever", "alt.xls", "old_excel"),
    ],
)
def test_files_that_are_not_lists(data, name, code):
    result = read_participants(data, name)
    assert code in codes(result)
    assert not result.ok and not result.participants


def test_header_only_xlsx_is_no_rows():
    book = Workbook()
    book.active.append(["Name", "Organisation", "Bereich"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert codes(read_participants(buffer.getvalue(), "kopf.xlsx")) == ["no_rows"]


def test_unknown_column_is_a_warning_not_an_error():
    result = read_participants(
        csv_bytes(["Name;Organisation;Bereich;Telefon", "A;B;KK;123"]), "l.csv"
    )
    assert result.ok and codes(result) == ["unknown_column"]


def test_empty_lines_are_skipped_but_rows_keep_excel_numbers():
    result = read_participants(
        csv_bytes(["Name;Organisation;Bereich", ";;", "A;B;KK", "C;D;Bäcker"]), "l.csv"
    )
    assert result.participants[0].source_row == 3
    assert next(p.row for p in result.problems) == 4


def test_our_own_formula_guard_is_undone_on_import():
    """A list exported by Paarweise (names like '=x guarded by an apostrophe) reads back."""
    result = read_participants(csv_bytes(["Name;Organisation;Bereich", "'=Anna;'-Org;KK"]), "l.csv")
    assert (result.participants[0].name, result.participants[0].organisation) == ("=Anna", "-Org")


def test_american_spelling_of_organisation():
    result = read_participants(csv_bytes(["name;organization;sector", "A;B;other"]), "l.csv")
    assert result.ok and result.participants[0].organisation == "B"


def test_split_list():
    assert split_list(" a, b;c | A ;; ") == ("a", "b", "c")


@pytest.mark.parametrize("target", ["missing.csv", "."])
def test_cli_validate_bad_paths_exit_2_without_traceback(tmp_path, target):
    path = tmp_path / target if target != "." else tmp_path
    run = subprocess.run(
        [sys.executable, "-m", "matching", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stderr.strip()


def test_cli_validate_good_and_bad_lists(tmp_path):
    ok = subprocess.run(
        [sys.executable, "-m", "matching", "validate", str(DATA / "teilnehmende_beispiel.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert "8 people" in ok.stdout and "AOK Musterland: 2" in ok.stdout
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02binary")
    run = subprocess.run(
        [sys.executable, "-m", "matching", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr and "bad.csv" in run.stderr
    helptext = subprocess.run(
        [sys.executable, "-m", "matching", "validate", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert helptext.returncode == 0 and "PARTICIPANTS" in helptext.stdout

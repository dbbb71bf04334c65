"""What the importer recognised: encoding, separator, sheet, columns, sector words, ids –
carried out of the import and said in plain German or English, without changing the import."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from matching.lists.participants import parse_sheet, read_participants
from matching.lists.recognition import SectorWord, recognition_lines
from matching.lists.tabular import Sheet
from matching.model import Sector
from tests.conftest import DATA, run_cli


def csv_bytes(lines: list[str], sep: str = ";", encoding: str = "utf-8") -> bytes:
    return "\n".join(line.replace(";", sep) for line in lines).encode(encoding)


GERMAN_HEADERS = [
    "Nr;Name;Institution;Bereich",
    "1;Jürgen Größe;AOK Süd;KK",
    "2;Anna Beispiel;Ersatzkasse Nord;kk",
    "3;Zoë Maß;KISS Süd;KISS",
    "4;Ben Muster;Klinik am See;Klinik",
]


def xlsx_bytes(rows: list[list[object]], title: str = "Teilnehmende", more: int = 0) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for i in range(more):
        book.create_sheet(f"Notizen {i + 1}").append(["nicht gelesen"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_windows_1252_semicolon_list_with_german_headers():
    result = read_participants(csv_bytes(GERMAN_HEADERS, encoding="cp1252"), "liste.csv")
    assert result.ok and not result.problems
    seen = result.recognised
    assert (seen.file_type, seen.encoding, seen.separator) == ("csv", "cp1252", ";")
    assert seen.garbled == 0 and seen.rows == 4 and seen.empty_rows == 0
    assert seen.columns == (
        ("Nr", "id"),
        ("Name", "name"),
        ("Institution", "organisation"),
        ("Bereich", "sector"),
    )
    assert seen.sectors == (
        SectorWord("KK", Sector.HEALTH_INSURER, 2),  # "KK" and "kk" are one word
        SectorWord("KISS", Sector.CONTACT_OFFICE, 1),
        SectorWord("Klinik", Sector.OTHER, 1),
    )
    assert (seen.id_column, seen.ids_from_file, seen.ids_generated) == ("Nr", 4, ())
    lines = recognition_lines(seen)
    assert lines == [
        "Dateiart: CSV-Textdatei",
        "Zeichensatz: Windows-1252 (wie Excel „CSV (Trennzeichen-getrennt)“)",
        "Trennzeichen: Semikolon (;)",
        "Zeilen: 4 unter der Kopfzeile",
        "Spalten: Nr → ID, Name, Institution → Organisation, Bereich",
        "Bereiche: KK → Krankenkasse (2×), KISS → Selbsthilfekontaktstelle (1×), "
        "Klinik → Sonstige (1×)",
        "IDs: aus der Spalte „Nr“ übernommen (4)",
    ]


def test_english_lines():
    result = read_participants(csv_bytes(GERMAN_HEADERS, encoding="cp1252"), "liste.csv")
    lines = recognition_lines(result.recognised, "en")
    assert "Columns separated by: semicolon (;)" in lines
    assert "Text encoding: Windows-1252 (like Excel “CSV (comma delimited)”)" in lines
    assert "Columns: Nr → ID, Name, Institution → Organisation, Bereich → Sector" in lines
    assert (
        "Sectors: KK → Health insurer (2×), KISS → Self-help contact office (1×), "
        "Klinik → Other (1×)"
    ) in lines
    assert "IDs: taken from the column “Nr” (4)" in lines
    assert not any("Trennzeichen" in line or "Spalte" in line for line in lines)


def test_utf8_with_bom_and_comma():
    lines = ["Name;Organisation;Sektor", "Jürgen;AOK;Krankenkasse", "Zoë;Liga;SHO"]
    result = read_participants(csv_bytes(lines, ",", "utf-8-sig"), "liste.csv")
    assert result.ok
    seen = result.recognised
    assert (seen.encoding, seen.separator) == ("utf-8-sig", ",")
    said = recognition_lines(seen)
    assert "Zeichensatz: UTF-8 mit BOM (wie Excel „CSV UTF-8“)" in said
    assert "Trennzeichen: Komma (,)" in said
    assert "Spalten: Name, Organisation, Sektor → Bereich" in said
    assert "Bereiche: Krankenkasse (1×), SHO → Selbsthilfeorganisation (1×)" in said


def test_plain_utf8_and_tab():
    result = read_participants(csv_bytes(GERMAN_HEADERS, "\t"), "liste.txt")
    seen = result.recognised
    assert (seen.encoding, seen.separator) == ("utf-8", "\t")
    assert "Zeichensatz: UTF-8" in recognition_lines(seen)
    assert "Trennzeichen: Tabulator (Tab-Taste)" in recognition_lines(seen)
    assert "Columns separated by: tab (Tab key)" in recognition_lines(seen, "en")


def test_xlsx_names_the_sheet_that_was_read_and_its_rows():
    data = xlsx_bytes(
        [
            ["Nr", "Name", "Institution", "Bereich"],
            [1, "Anna", "AOK", "KK"],
            [2, "Ben", "X", "SHO"],
        ],
        more=2,
    )
    result = read_participants(data, "liste.xlsx")
    assert result.ok, result.problems
    seen = result.recognised
    assert (seen.file_type, seen.sheet_name, seen.sheet_count, seen.rows) == (
        "xlsx",
        "Teilnehmende",
        3,
        2,
    )
    assert seen.encoding is None and seen.separator is None
    lines = recognition_lines(seen)
    assert lines[:3] == [
        "Dateiart: Excel-Arbeitsmappe (.xlsx)",
        "Tabellenblatt: „Teilnehmende“ (das erste von 3; die anderen werden nicht gelesen)",
        "Zeilen: 2 unter der Kopfzeile",
    ]
    assert not any("Trennzeichen" in line or "Zeichensatz" in line for line in lines)
    single = read_participants(
        xlsx_bytes([["Name", "Organisation", "Bereich"], ["A", "B", "KK"]]), "1.xlsx"
    )
    assert "Tabellenblatt: „Teilnehmende“" in recognition_lines(single.recognised)
    assert "Sheet: “Teilnehmende”" in recognition_lines(single.recognised, "en")


def test_unknown_column_is_listed_as_not_used():
    lines = ["Name;Organisation;Bereich;Lieblingsfarbe", "Anna;AOK;KK;blau"]
    result = read_participants(csv_bytes(lines), "liste.csv")
    assert result.ok and [p.code for p in result.problems] == ["unknown_column"]
    assert result.recognised.ignored_columns == ("Lieblingsfarbe",)
    assert "Nicht verwendet (unbekannte Spalten): Lieblingsfarbe" in recognition_lines(
        result.recognised
    )
    assert "Not used (unknown columns): Lieblingsfarbe" in recognition_lines(
        result.recognised, "en"
    )


def test_generated_ids_are_said():
    lines = ["Name;Organisation;Bereich", "Anna;AOK;KK", "Ben;Liga;SHO"]
    seen = read_participants(csv_bytes(lines), "liste.csv").recognised
    assert (seen.id_column, seen.ids_from_file, seen.ids_generated) == (None, 0, ("p001", "p002"))
    assert "IDs: keine in der Datei – neu vergeben: p001, p002" in recognition_lines(seen)
    assert "IDs: none in the file – newly given: p001, p002" in recognition_lines(seen, "en")
    many = ["Name;Organisation;Bereich"] + [f"P{i};Org {i};KK" for i in range(12)]
    seen = read_participants(csv_bytes(many), "liste.csv").recognised
    assert "IDs: keine in der Datei – neu vergeben: p001 … p012" in recognition_lines(seen)


def test_ids_partly_from_the_file():
    lines = ["ID;Name;Organisation;Bereich", "p001;Anna;AOK;KK", ";Ben;Liga;SHO", ";Cem;TK;KK"]
    result = read_participants(csv_bytes(lines), "liste.csv")
    assert [p.id for p in result.participants] == ["p001", "p002", "p003"]
    seen = result.recognised
    assert (seen.ids_from_file, seen.ids_generated) == (1, ("p002", "p003"))
    assert (
        "IDs: 1 aus der Spalte „ID“ übernommen, 2 leere neu vergeben: p002, p003"
        in recognition_lines(seen)
    )
    empty = ["Nr;Name;Organisation;Bereich", ";Anna;AOK;KK"]
    said = recognition_lines(read_participants(csv_bytes(empty), "l.csv").recognised)
    assert "IDs: die Spalte „Nr“ ist leer – neu vergeben: p001" in said


def test_problems_stay_and_what_was_found_is_still_said():
    """A list that cannot be planned still says what was recognised (that is when it helps
    most); the problems are exactly the import's."""
    lines = [
        "Name;Bereich;Sektor;;Telefon",
        "Anna;KK;KK;Notiz;1",
        ";;;;",
        "Ben;Bäcker;SHO;;",
        "Cem;;KK;;",
    ]
    result = read_participants(csv_bytes(lines), "liste.csv")
    assert [p.code for p in result.problems] == [
        "duplicate_column",
        "unknown_column",
        "missing_column",
    ]
    seen = result.recognised
    assert seen.missing_fields == ("organisation",)
    assert seen.duplicate_columns == (("Sektor", "Bereich"),)
    assert seen.unnamed_columns == (4,)
    assert (seen.rows, seen.empty_rows) == (3, 1)
    assert seen.sectors == (
        SectorWord("KK", Sector.HEALTH_INSURER, 1),
        SectorWord("Bäcker", None, 1),
        SectorWord("", None, 1),
    )
    said = recognition_lines(seen)
    assert "Zeilen: 3 unter der Kopfzeile (1 leere übersprungen)" in said
    assert "Pflichtspalte nicht gefunden: Organisation" in said
    assert "Nicht verwendet (doppelt): Sektor (wie Bereich)" in said
    assert "Nicht verwendet (ohne Überschrift): Spalte 4" in said
    assert "Nicht verwendet (unbekannte Spalten): Telefon" in said
    assert "Bereiche nicht erkannt: Bäcker (1×), (leer) (1×)" in said
    assert not any(line.startswith("IDs") for line in said)  # never assigned


def test_single_column_means_no_separator_was_found():
    result = read_participants(b"Name|Organisation|Bereich\nAnna|AOK|KK\n", "liste.csv")
    assert [p.code for p in result.problems] == ["unknown_column"] + ["missing_column"] * 3
    said = recognition_lines(result.recognised)
    assert "Trennzeichen: keines gefunden – die Kopfzeile ist eine einzige Spalte" in said
    assert "Spalten: keine erkannt" in said


def test_garbled_umlauts_are_pointed_out():
    twice = "Name;Organisation;Bereich\nJÃ¼rgen GrÃ¶ÃŸe;AOK;KK\n".encode()
    seen = read_participants(twice, "liste.csv").recognised
    assert seen.garbled == 3
    assert any(line.startswith("Achtung: 3 Zeichen") for line in recognition_lines(seen))
    undecodable = b"Name;Organisation;Bereich\nAnna\x81;AOK;KK\n"  # 0x81: not in Windows-1252
    seen = read_participants(undecodable, "liste.csv").recognised
    assert (seen.encoding, seen.garbled) == ("cp1252", 1)
    clean = read_participants(csv_bytes(GERMAN_HEADERS, encoding="cp1252"), "l.csv").recognised
    assert not any(line.startswith("Achtung") for line in recognition_lines(clean))


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "leer.csv", "empty_file"),
        (b"\xef\xbb\xbf\r\n \r\n", "leer.csv", "empty_file"),
        (b"%PDF-1.7 binary \x00\x01", "liste.csv", "not_a_table"),
        (b"PK\x03\x04 not really a zip", "liste.xlsx", "not_a_table"),
        (b"whatever", "alt.xls", "old_excel"),
    ],
)
def test_unreadable_files_give_their_problem_and_nothing_recognised(data, name, code):
    result = read_participants(data, name)
    assert [p.code for p in result.problems] == [code]
    assert result.recognised is None and recognition_lines(result.recognised) == []


def test_header_only_says_what_it_found_without_ids():
    result = read_participants(b"Name;Organisation;Bereich\n", "kopf.csv")
    assert [p.code for p in result.problems] == ["no_rows"]
    said = recognition_lines(result.recognised)
    assert "Zeilen: 0 unter der Kopfzeile" in said
    assert not any(line.startswith(("IDs", "Bereiche")) for line in said)


def test_missing_file_recognises_nothing(tmp_path):
    result = read_participants(tmp_path / "fehlt.csv")
    assert result.recognised is None and [p.code for p in result.problems] == ["file_not_found"]


def test_sheet_built_in_code_has_no_file_lines():
    sheet = Sheet(("Name", "Organisation", "Bereich"), (("Anna", "AOK", "KK"),))
    said = recognition_lines(parse_sheet(sheet, "editor").recognised)
    assert said[0] == "Zeilen: 1 unter der Kopfzeile"


def test_recognition_does_not_change_what_equals_what():
    a = read_participants(csv_bytes(GERMAN_HEADERS), "liste.csv")
    b = read_participants(csv_bytes(GERMAN_HEADERS, ",", "cp1252"), "liste.csv")
    assert a.recognised != b.recognised
    assert a == b  # the import's result compares as before


def test_cli_validate_prints_what_it_recognised(tmp_path):
    ok = run_cli("validate", str(DATA / "teilnehmende_beispiel.csv"))
    assert ok.returncode == 0, ok.stderr
    out = ok.stdout
    assert "How the file was read:" in out
    assert "  Columns separated by: semicolon (;)" in out
    assert "Institution → Organisation" in out
    assert "KK → Health insurer (1×)" in out
    assert "IDs: none in the file – newly given: p001 … p008" in out
    assert out.index("How the file was read:") < out.index("8 people")

    bad = tmp_path / "liste.csv"
    bad.write_bytes(csv_bytes(["Name;Bereich;Lieblingsfarbe", "Anna;KK;blau"]))
    run = run_cli("validate", str(bad))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "Text encoding: UTF-8" in run.stdout
    assert "Required column not found: Organisation" in run.stdout
    assert "Not used (unknown columns): Lieblingsfarbe" in run.stdout
    assert "missing" in run.stderr

    empty = tmp_path / "leer.csv"
    empty.write_bytes(b"")
    run = run_cli("validate", str(empty))
    assert run.returncode == 2 and "How the file was read" not in run.stdout
    assert "empty" in run.stderr

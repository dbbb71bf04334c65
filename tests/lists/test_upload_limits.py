"""Uploads cannot sink the server: time and memory stay bounded, every limit is a clear,
located problem, never a traceback. The files are generated here, in small pieces."""

from __future__ import annotations

import gc
import io
import os
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from matching.lists import tabular
from matching.lists.limits import (
    MAX_CELL_CHARS,
    MAX_CELL_PROBLEMS,
    MAX_COLUMNS,
    MAX_PEOPLE,
    MAX_ROWS,
    MAX_XLSX_ROW_TAGS,
    MAX_XLSX_STRINGS,
)
from matching.lists.participants import parse_sheet, read_participants
from matching.lists.recognition import recognition_lines
from matching.lists.tabular import Sheet
from matching.model import Severity
from matching.output.exports import participants_to_xlsx
from tests.conftest import run_cli

SECTORS = ("KK", "KISS", "SHO", "Sonstige")
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def codes(result) -> list[str]:
    return [p.code for p in result.problems]


def people_rows(n: int, strangers: bool = False) -> list[tuple[str, ...]]:
    """n people; every third wishes the next by name, every tenth by id; with `strangers`,
    every other row names someone not on the list."""
    rows = []
    for i in range(n):
        wish = f"Person {i + 1}" if i % 3 == 0 and i + 1 < n else ""
        if i % 10 == 1:
            wish = f"p{i + 2:03d}"
        if strangers and i % 2:
            wish = f"Persson {i}"
        rows.append((f"Person {i}", f"Org {i // 3}", SECTORS[i % 4], f"Thema {i % 7}", wish, ""))
    return rows


HEADER = ("Name", "Organisation", "Bereich", "Themen", "Möchte treffen", "Nicht mit")


def people_csv(n: int) -> bytes:
    lines = [";".join(HEADER), *(";".join(row) for row in people_rows(n))]
    return "\n".join(lines).encode("utf-8")


def fastest(action, repeats: int = 2) -> float:
    """This process's CPU seconds (not the wall clock: other processes on a busy machine do
    not count), the best of a few runs, garbage collection kept out of the measurement."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            action()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def xlsx_bytes(header, *rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_with_part(name: str, write_part, content_type: bytes = b"") -> bytes:
    """A small valid workbook (Name/Organisation/Bereich, one person) plus the part `name`
    written by `write_part(handle)` in pieces, so a huge part never sits in memory."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(("Name", "Organisation", "Bereich"))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            if info.filename == name:
                continue
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml" and content_type:
                data = data.replace(b"</Types>", content_type + b"</Types>")
            target.writestr(info.filename, data)
        with target.open(name, "w", force_zip64=True) as part:
            write_part(part)
    return out.getvalue()


# --- time: the import is linear ------------------------------------------------------------


def test_parsing_is_linear_in_the_number_of_rows():
    """Was quadratic (every row rebuilt the index of all people): 20,000 rows took minutes.
    Ten times the rows must take about ten times as long, not a hundred times."""
    small, big = Sheet(HEADER, tuple(people_rows(2_000))), Sheet(HEADER, tuple(people_rows(20_000)))
    result = parse_sheet(big, "gross.csv")
    assert len(result.participants) == 20_000 and result.ok
    assert result.participants[1].wants_to_meet == ("p003",)
    ratio = fastest(lambda: parse_sheet(big, "gross.csv")) / fastest(
        lambda: parse_sheet(small, "klein.csv"), 3
    )
    assert ratio < 35, f"20,000 rows took {ratio:.0f} times as long as 2,000"


def test_a_list_full_of_strangers_costs_a_bounded_number_of_name_comparisons(monkeypatch):
    """Each unknown name would be compared with every name for "Did you mean …?" - 10,000
    strangers in 20,000 rows: 200 million comparisons. The list has a budget instead."""
    from matching.lists import references

    compared = []
    close_matches = references.difflib.get_close_matches

    def counting(word, possibilities, *args, **kwargs):
        compared.append(len(possibilities))
        return close_matches(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(references.difflib, "get_close_matches", counting)
    result = parse_sheet(Sheet(HEADER, tuple(people_rows(20_000, strangers=True))), "f.csv")
    unknown = [p for p in result.problems if p.code == "unknown_person"]
    assert len(unknown) == 10_000 and "Did you mean “Person 1”?" in unknown[0].message("en")
    assert 0 < sum(compared) <= references.SUGGESTION_COMPARISONS


def test_an_ambiguous_name_lists_a_few_rows_only():
    rows = tuple(("Anna", f"Org {i}", "KK", "", "Anna", "") for i in range(2_000))
    result = parse_sheet(Sheet(HEADER, rows), "annas.csv")
    ambiguous = [p for p in result.problems if p.code == "ambiguous_name"]
    assert len(ambiguous) == 2_000
    assert "(rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …)" in ambiguous[0].message("en")


def test_the_largest_list_allowed_reads_in_linear_time():
    small, big = people_csv(MAX_PEOPLE // 10), people_csv(MAX_PEOPLE)
    result = read_participants(big, "liste.csv")
    assert len(result.participants) == MAX_PEOPLE
    ratio = fastest(lambda: read_participants(big, "liste.csv")) / fastest(
        lambda: read_participants(small, "liste.csv"), 3
    )
    assert ratio < 35, f"{MAX_PEOPLE} rows took {ratio:.0f} times as long as a tenth"


def test_a_20000_row_csv_is_refused_at_once_with_the_limit():
    result = read_participants(people_csv(20_000), "riesig.csv")
    assert not result.ok and not result.participants
    (problem,) = result.problems
    assert problem.code == "too_many_rows" and problem.severity is Severity.ERROR
    assert (problem.file, problem.row) == ("riesig.csv", MAX_PEOPLE + 2)
    assert str(MAX_PEOPLE) in problem.message("de") and str(MAX_PEOPLE) in problem.message("en")


def test_content_far_below_the_list_is_refused_but_trailing_empty_lines_are_not():
    lines = "Name;Organisation;Bereich\nAnna;AOK;KK\n"
    trailing = read_participants((lines + ";;\n" * (MAX_ROWS + 10)).encode(), "l.csv")
    assert trailing.ok and len(trailing.participants) == 1
    far = read_participants((lines + "\n" * MAX_ROWS + "Ben;Liga;SHO\n").encode(), "l.csv")
    (problem,) = far.problems
    assert (problem.code, problem.row) == ("rows_too_far", MAX_ROWS + 3)


def test_too_many_columns_is_a_problem_in_row_1():
    header = ";".join(["Name", "Organisation", "Bereich"] + [f"X{i}" for i in range(MAX_COLUMNS)])
    result = read_participants(f"{header}\nAnna;AOK;KK\n".encode(), "breit.csv")
    (problem,) = result.problems
    assert (problem.code, problem.row) == ("too_many_columns", 1)
    # empty columns after the last header (Excel exports them) do not count
    wide = "Name;Organisation;Bereich" + ";" * 5 * MAX_COLUMNS + "\nAnna;AOK;KK\n"
    assert read_participants(wide.encode(), "l.csv").ok


# --- memory: .xlsx files that unpack to far more than they are ----------------------------


def test_a_zip_bomb_xlsx_is_refused_before_anything_is_unpacked():
    """1.4 MB packed, a 300 MB shared string unpacked (the old import took over 6 GB)."""

    def huge_string(part):
        part.write(b'<?xml version="1.0"?><sst xmlns="' + MAIN_NS + b'"><si><t>')
        chunk = b"A" * (1024 * 1024)
        for _ in range(300):
            part.write(chunk)
        part.write(b"</t></si></sst>")

    data = xlsx_with_part("xl/sharedStrings.xml", huge_string, SHARED_STRINGS_TYPE)
    assert len(data) < tabular.MAX_BYTES
    tracemalloc.start()
    try:
        result = read_participants(data, "bombe.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, f"{peak / 2**20:.0f} MB while refusing"
    (problem,) = result.problems
    assert problem.code == "xlsx_too_large" and problem.file == "bombe.xlsx"
    assert "xl/sharedStrings.xml" in problem.message("en") and "300 MB" in problem.message("de")


def test_a_part_packed_far_too_tightly_is_refused():
    """Under the size limits, but 1 : 200+ - no spreadsheet packs like that."""

    def tight(part):
        part.write(b'<?xml version="1.0"?><sst xmlns="' + MAIN_NS + b'"><si><t>')
        part.write(b"B" * (10 * 1024 * 1024))
        part.write(b"</t></si></sst>")

    result = read_participants(xlsx_with_part("xl/sharedStrings.xml", tight), "dicht.xlsx")
    assert codes(result) == ["xlsx_packed_too_tightly"]


def test_a_sheet_with_too_many_rows_is_refused_before_openpyxl_reads_it():
    """openpyxl keeps every row element until the sheet is read: 500,000 empty rows in a 1 MB
    file took 6 s and 250 MB; 1.5 million cells in one row 15 s and 900 MB."""

    def many_rows(part):
        part.write(b'<?xml version="1.0"?><worksheet xmlns="' + MAIN_NS + b'"><sheetData>')
        for start in range(1, MAX_XLSX_ROW_TAGS + 2, 1000):
            part.write(b"".join(b'<row r="%d"/>' % r for r in range(start, start + 1000)))
        part.write(b"</sheetData></worksheet>")

    result = read_participants(xlsx_with_part("xl/worksheets/sheet1.xml", many_rows), "x.xlsx")
    assert codes(result) == ["xlsx_sheet_too_big"]
    assert "xl/worksheets/sheet1.xml" in result.problems[0].message("de")


def test_too_many_shared_strings_are_refused():
    def strings(part):
        part.write(b'<?xml version="1.0"?><sst xmlns="' + MAIN_NS + b'">')
        for start in range(0, MAX_XLSX_STRINGS + 1000, 1000):
            part.write(b"".join(b"<si><t>%d</t></si>" % i for i in range(start, start + 1000)))
        part.write(b"</sst>")

    data = xlsx_with_part("xl/sharedStrings.xml", strings, SHARED_STRINGS_TYPE)
    assert codes(read_participants(data, "texte.xlsx")) == ["xlsx_too_many_strings"]


@pytest.mark.parametrize(
    "sheet_xml",
    [
        b"<worksheet><sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>Name",  # cut off
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        b']><worksheet xmlns="' + MAIN_NS + b'"><sheetData><row r="1"><c r="A1" '
        b't="inlineStr"><is><t>&d;&d;&d;&d;&d;&d;</t></is></c></row></sheetData></worksheet>',
    ],
)
def test_broken_sheet_xml_is_a_problem_not_a_traceback(sheet_xml):
    data = xlsx_with_part("xl/worksheets/sheet1.xml", lambda part: part.write(sheet_xml))
    result = read_participants(data, "kaputt.xlsx")
    assert not result.ok and result.problems[0].severity is Severity.ERROR


def test_columns_far_to_the_right_are_not_read():
    wide = xlsx_bytes(("Name", "Organisation", "Bereich"), ("Anna", "AOK", "KK"))
    book_zip = zipfile.ZipFile(io.BytesIO(wide))
    sheet = book_zip.read("xl/worksheets/sheet1.xml")
    far = b'<c r="XFD2"><v>1</v></c></row>'
    sheet = sheet.replace(b"</row></sheetData>", far + b"</sheetData>", 1)  # last row: 2
    data = xlsx_with_part("xl/worksheets/sheet1.xml", lambda part: part.write(sheet))
    result = read_participants(data, "l.xlsx")
    assert result.ok and [p.name for p in result.participants] == ["Anna"]


# --- cells: too long, control characters ----------------------------------------------------


@pytest.mark.parametrize("length", [MAX_CELL_CHARS + 1, 131_073])
def test_a_cell_over_the_limit_is_a_located_error(length):
    """131,073 characters raised the csv module's own error (a traceback in the CLI)."""
    data = f"Name;Organisation;Bereich\nAnna;{'x' * length};KK\nBen;Liga;SHO\n".encode()
    result = read_participants(data, "lang.csv")
    assert not result.ok
    (problem,) = result.problems
    assert (problem.code, problem.row, problem.column) == ("cell_too_long", 2, "Organisation")
    assert str(length) in problem.message("en") and str(MAX_CELL_CHARS) in problem.message("de")


def test_a_long_cell_in_an_xlsx_is_located_too():
    data = xlsx_bytes(("Name", "Organisation", "Bereich"), ("Anna", "AOK", "K" * 5000))
    problem = read_participants(data, "lang.xlsx").problems[0]  # then: unknown sector "KKK…"
    assert (problem.code, problem.row, problem.column) == ("cell_too_long", 2, "Bereich")


def test_a_cell_at_the_limit_is_fine():
    data = f"Name;Organisation;Bereich\nAnna;{'x' * MAX_CELL_CHARS};KK\n".encode()
    assert read_participants(data, "l.csv").ok


def test_many_long_cells_are_named_up_to_a_count_then_summed_up():
    rows = "".join(f"P{i};{'o' * (MAX_CELL_CHARS + 1)};KK\n" for i in range(60))
    result = read_participants(f"Name;Organisation;Bereich\n{rows}".encode(), "l.csv")
    located = [p for p in result.problems if p.code == "cell_too_long"]
    (more,) = [p for p in result.problems if p.code == "cell_too_long_more"]
    assert len(located) == MAX_CELL_PROBLEMS and located[-1].row == MAX_CELL_PROBLEMS + 1
    assert str(60 - MAX_CELL_PROBLEMS) in more.message("en")


def test_control_characters_are_removed_with_a_warning_naming_the_cell():
    data = b'Name;Organisation;Bereich\nAn\x07na;AOK\x1b;KK\n"Ben\tBo\nB";Liga;SHO\n'
    result = read_participants(data, "steuer.csv")
    assert result.ok
    anna, ben = result.participants
    assert (anna.name, anna.organisation) == ("Anna", "AOK")
    assert ben.name == "Ben Bo B"  # tab and line break in a name: a space, nothing to warn
    assert [(p.code, p.severity, p.row, p.column) for p in result.problems] == [
        ("control_characters", Severity.WARNING, 2, "Name"),
        ("control_characters", Severity.WARNING, 2, "Organisation"),
    ]
    assert "U+0007" in result.problems[0].message("de")
    participants_to_xlsx(result.participants)  # the download works


def test_control_characters_in_a_header_are_named_by_column_letter():
    result = read_participants(b"Name;Organi\x1bsation;Bereich\nAnna;AOK;KK\n", "l.csv")
    assert result.ok
    (problem,) = result.problems
    assert (problem.code, problem.row, problem.column) == ("control_characters", 1, "B")


# --- encodings -------------------------------------------------------------------------------

UNICODE_TEXT = (
    "Name\tOrganisation\tBereich\r\nJürgen Größe\tÄrzte-Kasse\tKK\r\nZoë\tKISS Süd\tKISS\r\n"
)


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
    ],
)
def test_excel_unicode_text_utf16_is_read(codec, bom):
    """Excel's "Unicode-Text" is UTF-16 with a BOM, tab separated; it was refused as binary."""
    result = read_participants(bom + UNICODE_TEXT.encode(codec), "unicode.txt")
    assert result.ok, result.problems
    assert [p.name for p in result.participants] == ["Jürgen Größe", "Zoë"]
    assert result.participants[0].organisation == "Ärzte-Kasse"
    assert result.recognised.encoding == "utf-16" and result.recognised.separator == "\t"
    assert any("UTF-16" in line for line in recognition_lines(result.recognised, "de"))


# --- files on disk and the CLI ---------------------------------------------------------------


def test_a_huge_file_on_disk_is_not_read_whole(tmp_path):
    path = tmp_path / "gross.csv"
    with path.open("wb") as handle:
        handle.truncate(tabular.MAX_BYTES * 50)  # sparse: 500 MB that take no disk
    tracemalloc.start()
    try:
        result = read_participants(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert codes(result) == ["too_large"]
    assert peak < 3 * tabular.MAX_BYTES


def test_cli_exits_2_with_the_message_for_an_over_long_cell(tmp_path):
    path = tmp_path / "lang.csv"
    path.write_text(f"Name;Organisation;Bereich\nAnna;{'x' * 140_000};KK\nBen;Liga;SHO\n")
    for command in (["validate", str(path)], ["plan", str(path), "--rounds", "1", "--out"]):
        if command[0] == "plan":
            command.append(str(tmp_path / "plan.json"))
        done = run_cli(*command)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert "lang.csv, row 2, column „Organisation“" in done.stderr
        assert "140000 characters" in done.stderr
    assert not os.path.exists(tmp_path / "plan.json")


def test_a_walk_in_typed_with_control_characters_is_stored_without_them():
    from matching.lists.roster import walk_in

    person, _problems = walk_in([], "Bell\x07 Name", "Org\x1b e.V.", "Krankenkasse", "A\x00, B")
    assert person.name == "Bell Name" and person.organisation == "Org e.V."
    assert person.topics == ("A", "B")

"""What an uploaded list may be. A real participant list is a few hundred rows, a dozen columns
and short cells, so each limit is far above any list and far below what could take the server
down. An .xlsx is checked before openpyxl opens it: a few hundred kilobytes can unpack to
gigabytes (a "zip bomb") or hold millions of empty cells; checked on the packed file and by
counting elements part by part, in pieces, so checking costs little memory."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from matching.lists.cells import coded_problem
from matching.model import Problem, Severity

MAX_BYTES = 10 * 1024 * 1024  # the file as uploaded (an .xlsx: packed)
MAX_PEOPLE = 5_000  # rows with content below the header
MAX_ROWS = 20_000  # rows counted with the empty ones: content further down is refused
MAX_COLUMNS = 100  # columns in the header row
MAX_CELL_CHARS = 1_000  # characters in any one cell
EXCEL_MAX_ROWS = 1_048_576  # Excel's last row: an .xlsx claiming rows further down is broken
MAX_CELL_PROBLEMS = 50  # located problems per kind; the rest are counted in one more problem
MAX_XLSX_UNPACKED = 50 * 1024 * 1024  # all parts of an .xlsx together, unpacked
MAX_XLSX_PART = 25 * 1024 * 1024  # one part unpacked (sharedStrings.xml is read whole)
MAX_XLSX_PARTS = 1_000  # entries in the .xlsx (zip); Excel writes a dozen or two
MAX_XLSX_RATIO = 200  # unpacked : packed for one part; Excel's XML packs about 5-20 : 1
XLSX_RATIO_FROM = 1024 * 1024  # the ratio is checked for parts from this size on
# openpyxl keeps every row element of a sheet until the sheet is read (~0.4 KB each) and all
# cells of a row at once (~0.6 KB each): every part is counted before openpyxl opens the file.
MAX_XLSX_ROW_TAGS = 100_000  # rows in the sheet, empty formatted ones included
MAX_XLSX_ROW_CELLS = 16_384  # cells in one row (Excel's number of columns)
MAX_XLSX_CELLS = 2 * (MAX_PEOPLE + 1) * MAX_COLUMNS  # cells in the sheet
MAX_XLSX_STRINGS = 200_000  # different texts (sharedStrings.xml is read whole, ~0.2 KB each)

# A row, cell or shared-string element of an .xlsx part (any namespace prefix): <row ...>,
# <x:c .../>, <si>
ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?(row|c|si)[\s/>]")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def xlsx_problem(data: bytes, file: str) -> Problem | None:
    """Why the .xlsx must not be opened: unpacked too large, packed suspiciously tightly (a
    "zip bomb"), too many parts, or a sheet with more rows or cells than openpyxl may be given.
    Judged from the zip directory (zipfile never unpacks more than it says) and by scanning
    the parts in pieces, before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            refused = _zip_directory_problem(parts, file)
            if refused is not None:
                return refused
            # openpyxl reads every sheet until its <dimension> (the whole sheet without one),
            # so every part is counted; no other part of an .xlsx has rows or cells.
            for part in parts:
                too_many = _too_many_elements(archive, part)
                if too_many == "strings":
                    return coded_problem(
                        "xlsx_too_many_strings",
                        Severity.ERROR,
                        file,
                        part=part.filename[:100],
                        limit=MAX_XLSX_STRINGS,
                    )
                if too_many:
                    return coded_problem(
                        "xlsx_sheet_too_big",
                        Severity.ERROR,
                        file,
                        part=part.filename[:100],
                        rows=MAX_XLSX_ROW_TAGS,
                        cells=MAX_XLSX_CELLS,
                    )
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        ValueError,
        EOFError,
        RuntimeError,  # an encrypted part
        NotImplementedError,  # a compression method zipfile does not know
    ):
        return None  # openpyxl then says that the file cannot be read
    return None


def _zip_directory_problem(parts: list[zipfile.ZipInfo], file: str) -> Problem | None:
    if len(parts) > MAX_XLSX_PARTS:
        return coded_problem(
            "xlsx_too_many_parts", Severity.ERROR, file, n=len(parts), limit=MAX_XLSX_PARTS
        )
    if not parts:
        return None
    total = sum(part.file_size for part in parts)
    biggest = max(parts, key=lambda part: part.file_size)
    if total > MAX_XLSX_UNPACKED or biggest.file_size > MAX_XLSX_PART:
        return coded_problem(
            "xlsx_too_large",
            Severity.ERROR,
            file,
            size=_megabytes(total),
            part=biggest.filename[:100],
            part_size=_megabytes(biggest.file_size),
            limit=_megabytes(MAX_XLSX_UNPACKED),
            part_limit=_megabytes(MAX_XLSX_PART),
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size >= XLSX_RATIO_FROM and ratio > MAX_XLSX_RATIO:
            return coded_problem(
                "xlsx_packed_too_tightly",
                Severity.ERROR,
                file,
                part=part.filename[:100],
                ratio=f"{ratio:.0f}",
            )
    return None


def _too_many_elements(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """ "rows" when the part holds more row or cell elements than MAX_XLSX_ROW_TAGS,
    MAX_XLSX_ROW_CELLS (in one row) or MAX_XLSX_CELLS, "strings" when more shared strings
    than MAX_XLSX_STRINGS, else None; read in pieces, stops at the limit."""
    rows = cells = in_row = strings = 0
    with archive.open(info) as part:
        block = b""
        while True:
            chunk = part.read(1024 * 1024)
            block += chunk
            # a tag cut at the end of the block is found in the next one (kept from `rest`)
            end = len(block) if not chunk else max(len(block) - 64, 0)
            rest = max(end - 64, 0)
            for match in ELEMENT.finditer(block, 0, end):
                tag = match.group(1)
                if tag == b"c":
                    cells, in_row = cells + 1, in_row + 1
                    if in_row > MAX_XLSX_ROW_CELLS:
                        return "rows"
                elif tag == b"row":
                    rows, in_row = rows + 1, 0
                else:
                    strings += 1
                rest = max(rest, match.end())
            if rows > MAX_XLSX_ROW_TAGS or cells > MAX_XLSX_CELLS:
                return "rows"
            if strings > MAX_XLSX_STRINGS:
                return "strings"
            if not chunk:
                return None
            block = block[rest:]

"""Bytes of an uploaded file -> header and rows of text, whatever German Excel produced.

Handles .xlsx (first sheet), and .csv/.txt with comma, semicolon or tab in UTF-8, UTF-8 with
BOM, Windows-1252 or UTF-16 (Excel's "Unicode-Text"), without asking the user. Anything else
becomes a clear Problem. What was guessed (encoding, separator, sheet) travels with the sheet
as `Sheet.format`, to be shown.

An upload must never sink the server: the file, the unpacked parts of an .xlsx, the rows, the
columns and every cell have a limit (below), checked while reading, each a clear Problem. Cells
are cleaned of control characters (a warning names the cell), which would break Excel exports.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import PurePath

from matching.lists.cells import CONTROL, coded_problem
from matching.lists.limits import (
    EXCEL_MAX_ROWS,
    MAX_BYTES,
    MAX_CELL_CHARS,
    MAX_CELL_PROBLEMS,
    MAX_COLUMNS,
    MAX_PEOPLE,
    MAX_ROWS,
    xlsx_problem,
)
from matching.model import Problem, Severity

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}


# Every cell of a file is at most the whole file: the csv module's own guard (131,072
# characters, an exception) would only stop us from saying which cell is too long.
csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES + 1))


# Umlauts of a UTF-8 file read as Windows-1252 ("Ã¼" for "ü") and characters that could not
# be decoded at all: signs that the guessed encoding is wrong.
GARBLED = re.compile(
    "\ufffd"  # undecodable byte
    "|Ã[\u0080-\u00bf\u0152-\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)


@dataclass(frozen=True, slots=True)
class TableFormat:
    """How the file was read, so the organiser can see what was guessed (nothing is asked)."""

    kind: str  # "csv" or "xlsx"
    encoding: str | None = None  # csv: "utf-8", "utf-8-sig" (with BOM), "cp1252" or "utf-16"
    separator: str | None = None  # csv: ";", "," or "\t"
    garbled: int = 0  # csv: characters that look wrongly decoded ("�", "Ã¼")
    sheet_name: str | None = None  # xlsx: the sheet that was read (always the first)
    sheet_count: int = 0  # xlsx: sheets in the workbook


@dataclass(frozen=True, slots=True)
class Sheet:
    """Header cells and data rows as text; `rows[i]` is what Excel shows as row `i + 2`."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    format: TableFormat | None = None  # how it was read; None when built in code


def _problem(code: str, de: str, en: str, file: str) -> Problem:
    return Problem(Severity.ERROR, code, de, en, file=file)


def cell_text(value: object) -> str:
    """Excel cell -> text as the user typed it: 12.0 -> '12', dates -> ISO, None -> ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA': how Excel names the column at that position."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _utf16_codec(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes are UTF-16 (Excel's "Unicode-Text"): a byte
    order mark, or without one every second byte zero (the high byte of Latin letters)."""
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le"
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be"
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    low_zeros, high_zeros = sample[1 : 2 * pairs : 2].count(0), sample[0 : 2 * pairs : 2].count(0)
    if low_zeros >= 0.4 * pairs and high_zeros <= 0.05 * pairs:
        return "utf-16-le"
    if high_zeros >= 0.4 * pairs and low_zeros <= 0.05 * pairs:
        return "utf-16-be"
    return None


def decode_with_encoding(data: bytes) -> tuple[str, str]:
    """The text and the encoding used: UTF-8 (with BOM: "utf-8-sig") when it is valid UTF-8,
    "utf-16" for UTF-16 (with or without BOM), else "cp1252" (what German Excel writes)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    codec = _utf16_codec(data)
    if codec is not None:
        body = data[2:] if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data
        return body.decode(codec, errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_separator(text: str) -> str:
    """The separator that splits the header line into the most fields, ties -> ';' then ','."""
    first_line = next((line for line in io.StringIO(text) if line.strip()), "")
    first_line = first_line.rstrip("\r\n")[:100_000]  # plenty to tell; a header is short
    counts = {sep: len(next(csv.reader([first_line], delimiter=sep))) for sep in (";", ",", "\t")}
    best = max(counts.values())
    for sep in (";", "\t", ","):
        if counts[sep] == best:
            return sep
    return ";"  # pragma: no cover - counts is never empty


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample or sample.startswith((b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG")):
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


class _Cells:
    """Checks every cell read: too long (an error, the cell is cut) and control characters
    (removed, a warning). The first MAX_CELL_PROBLEMS of each kind name their cell; the rest
    are counted in one more problem, so a broken file cannot flood the page."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.counts: Counter[str] = Counter()
        self.severity: dict[str, Severity] = {}

    def check(self, text: str, row: int, column: str) -> str:
        if len(text) > MAX_CELL_CHARS:
            self._add(
                "cell_too_long", Severity.ERROR, row, column, n=len(text), limit=MAX_CELL_CHARS
            )
            text = text[:MAX_CELL_CHARS]
        if CONTROL.search(text):
            found = ", ".join(f"U+{ord(c):04X}" for c in sorted(set(CONTROL.findall(text))))
            self._add("control_characters", Severity.WARNING, row, column, chars=found)
            text = CONTROL.sub("", text).strip()
        return text

    def _add(self, code: str, severity: Severity, row: int, column: str, **values) -> None:
        self.counts[code] += 1
        self.severity[code] = severity
        if self.counts[code] <= MAX_CELL_PROBLEMS:
            self.problems.append(coded_problem(code, severity, self.file, row, column, **values))

    def all(self) -> list[Problem]:
        more = [
            coded_problem(
                f"{code}_more",
                self.severity[code],
                self.file,
                n=count - MAX_CELL_PROBLEMS,
                limit=MAX_CELL_CHARS,
            )
            for code, count in self.counts.items()
            if count > MAX_CELL_PROBLEMS
        ]
        return self.problems + more


def _empty_file(file: str) -> tuple[None, list[Problem]]:
    return None, [
        _problem(
            "empty_file",
            "Die Datei ist leer. Die erste Zeile braucht die Spaltennamen (z. B. Name; "
            "Organisation; Bereich), darunter eine Zeile pro Person.",
            "The file is empty. The first row needs the column names (e.g. Name, "
            "Organisation, Sector), then one row per person.",
            file,
        )
    ]


def _build_sheet(
    records: Iterable[Sequence[object]],
    text_of: Callable[[object], str],
    file: str,
    found: TableFormat | None,
) -> tuple[Sheet | None, list[Problem]]:
    """Header and rows from the records of a file, read once and within the limits: rows
    beyond the limits stop the reading, empty rows cost (almost) nothing."""
    records = iter(records)
    first = next(records, None)
    first = first if first is not None else ()
    width = len(first)
    while width and not text_of(first[width - 1]):
        width -= 1
    if width > MAX_COLUMNS:
        problem = coded_problem("too_many_columns", Severity.ERROR, file, 1, limit=MAX_COLUMNS)
        return None, [problem]
    if width == 0:  # no column names: say so if anything follows, else the file is empty
        rest = (any(text_of(v) for v in raw[:MAX_COLUMNS]) for raw in records)
        return (Sheet((), (), found), []) if any(rest) else _empty_file(file)
    cells = _Cells(file)
    header = tuple(
        cells.check(text_of(v), 1, column_letter(i)) for i, v in enumerate(first[:width])
    )
    labels = [title or column_letter(i) for i, title in enumerate(header)]
    blank = ("",) * width
    body: list[tuple[str, ...]] = []
    pending = people = 0  # empty rows not stored yet (only if content follows); people so far
    last_empty: object = None  # openpyxl fills missing rows with one and the same tuple
    for number, raw in enumerate(records, start=2):
        if not raw or raw is last_empty:  # a blank CSV line; a row openpyxl filled in
            pending += 1
            continue
        texts = [text_of(v) for v in raw[:width]]
        if not any(texts):
            last_empty = raw
            pending += 1
            continue
        if number > MAX_ROWS:
            problem = coded_problem("rows_too_far", Severity.ERROR, file, number, limit=MAX_ROWS)
            return None, [problem]
        people += 1
        if people > MAX_PEOPLE:
            problem = coded_problem(
                "too_many_rows", Severity.ERROR, file, number, limit=MAX_PEOPLE, next=people
            )
            return None, [problem]
        body.extend(repeat(blank, pending))
        pending = 0
        texts += [""] * (width - len(texts))
        body.append(tuple(cells.check(text, number, labels[i]) for i, text in enumerate(texts)))
    return Sheet(header, tuple(body), found), cells.all()


def _read_csv(data: bytes, file: str) -> tuple[Sheet | None, list[Problem]]:
    if _utf16_codec(data) is None and _looks_binary(data):
        return None, [
            _problem(
                "not_a_table",
                "Die Datei ist keine Tabelle (sie enthält Binärdaten). Bitte in Excel "
                "„Speichern unter → CSV (Trennzeichen-getrennt)“ oder als .xlsx speichern.",
                "The file is not a table (it contains binary data). Please save it from Excel "
                "as “CSV (comma delimited)” or as .xlsx.",
                file,
            )
        ]
    text, encoding = decode_with_encoding(data)
    text = text.rstrip()  # Excel's trailing empty lines (up to millions) are nobody
    separator = sniff_separator(text)
    found = TableFormat("csv", encoding, separator, len(GARBLED.findall(text)))
    records = csv.reader(io.StringIO(text), delimiter=separator)
    return _build_sheet(records, str.strip, file, found)


def _read_xlsx(data: bytes, file: str) -> tuple[Sheet | None, list[Problem]]:
    from openpyxl import load_workbook

    refused = xlsx_problem(data, file)
    if refused is not None:
        return None, [refused]
    # read_only: rows are parsed one by one, never the whole sheet at once.
    unreadable = (
        zipfile.BadZipFile,
        zlib.error,
        KeyError,
        IndexError,
        AttributeError,
        OSError,
        ValueError,
        TypeError,
        SyntaxError,  # xml.etree.ElementTree.ParseError: broken XML, entity bombs
        EOFError,
        RuntimeError,
        NotImplementedError,
    )
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            found = TableFormat("xlsx", sheet_name=sheet.title, sheet_count=len(book.worksheets))
            sheet.reset_dimensions()  # the stored size may be wrong; read what is there
            records = sheet.iter_rows(
                max_row=EXCEL_MAX_ROWS, max_col=MAX_COLUMNS + 1, values_only=True
            )
            return _build_sheet(records, cell_text, file, found)
        finally:
            book.close()
    except unreadable as error:
        return None, [
            _problem(
                "not_a_table",
                f"Die Excel-Datei lässt sich nicht lesen ({type(error).__name__}). Bitte in "
                "Excel öffnen und erneut als .xlsx speichern.",
                f"The Excel file cannot be read ({type(error).__name__}). Please open it in "
                "Excel and save it again as .xlsx.",
                file,
            )
        ]


def read_table(data: bytes, filename: str) -> tuple[Sheet | None, list[Problem]]:
    """Header and rows of a .csv/.txt/.xlsx file given as bytes, or the problems why not.
    A sheet can come with problems too: cells that are too long (errors) or were cleaned of
    control characters (warnings), each with row and column."""
    file = PurePath(filename).name or filename
    suffix = PurePath(filename).suffix.casefold()
    if len(data) > MAX_BYTES:
        return None, [
            _problem(
                "too_large",
                "Die Datei ist größer als 10 MB – das ist keine Teilnehmendenliste. Bitte die "
                "richtige Datei wählen.",
                "The file is larger than 10 MB – that is not a participant list. Please choose "
                "the right file.",
                file,
            )
        ]
    if not data.strip(b" \t\r\n\xef\xbb\xbf\xff\xfe\x00"):
        return _empty_file(file)
    if suffix == ".xls":
        return None, [
            _problem(
                "old_excel",
                "Das alte Excel-Format .xls wird nicht gelesen. Bitte in Excel „Speichern "
                "unter → Excel-Arbeitsmappe (.xlsx)“ wählen.",
                "The old Excel format .xls is not supported. Please use “Save as → Excel "
                "Workbook (.xlsx)” in Excel.",
                file,
            )
        ]
    if suffix in XLSX_SUFFIXES or data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, file)
    if suffix in CSV_SUFFIXES or not suffix:
        return _read_csv(data, file)
    return None, [
        _problem(
            "not_a_table",
            f"Dateien mit der Endung „{suffix}“ können nicht gelesen werden. Bitte eine "
            "Excel-Datei (.xlsx) oder CSV-Datei (.csv) wählen.",
            f"Files ending in “{suffix}” cannot be read. Please choose an Excel (.xlsx) or "
            "CSV (.csv) file.",
            file,
        )
    ]

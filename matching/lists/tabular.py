"""Bytes of an uploaded file -> header and rows of text, whatever German Excel produced.

Handles .xlsx (first sheet), and .csv/.txt with comma, semicolon or tab in UTF-8, UTF-8 with
BOM or Windows-1252, without asking the user. Anything else becomes a clear Problem. What was
guessed (encoding, separator, sheet) travels with the sheet as `Sheet.format`, to be shown.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from matching.model import Problem, Severity

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
MAX_BYTES = 10 * 1024 * 1024


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
    encoding: str | None = None  # csv: "utf-8", "utf-8-sig" (with BOM) or "cp1252"
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


def decode_with_encoding(data: bytes) -> tuple[str, str]:
    """The text and the encoding used: UTF-8 (with BOM: "utf-8-sig") when it is valid UTF-8,
    else "cp1252" (what German Excel writes)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_separator(text: str) -> str:
    """The separator that splits the header line into the most fields, ties -> ';' then ','."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
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


def _read_csv(data: bytes, file: str) -> tuple[Sheet | None, list[Problem]]:
    if _looks_binary(data):
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
    separator = sniff_separator(text)
    rows = [
        tuple(cell.strip() for cell in row)
        for row in csv.reader(io.StringIO(text), delimiter=separator)
    ]
    found = TableFormat("csv", encoding, separator, len(GARBLED.findall(text)))
    return _to_sheet(rows, file, found)


def _read_xlsx(data: bytes, file: str) -> tuple[Sheet | None, list[Problem]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
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
    try:
        sheet = book.worksheets[0]
        found = TableFormat("xlsx", sheet_name=sheet.title, sheet_count=len(book.worksheets))
        rows = [tuple(cell_text(v) for v in row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    return _to_sheet(rows, file, found)


def _to_sheet(
    rows: list[tuple[str, ...]], file: str, found: TableFormat | None = None
) -> tuple[Sheet | None, list[Problem]]:
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
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
    header = rows[0]
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    body = tuple(tuple((row + ("",) * width)[:width]) for row in rows[1:])
    return Sheet(tuple(header[:width]), body, found), []


def read_table(data: bytes, filename: str) -> tuple[Sheet | None, list[Problem]]:
    """Header and rows of a .csv/.txt/.xlsx file given as bytes, or the problems why not."""
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
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        return _to_sheet([], file)
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

"""What the importer recognised in a participant list, said in plain words.

The import guesses encoding, separator, columns and sector words without asking; these facts
let the organiser see a wrong guess before anything is stored. Reading stays in `tabular` and
`participants`; this module holds the facts and the sentences only.
"""

from __future__ import annotations

from dataclasses import dataclass

from matching.i18n import t
from matching.lists.cells import header_key
from matching.model import Sector

ENCODING_KEYS = {
    "utf-8": "recognition.encoding_utf8",
    "utf-8-sig": "recognition.encoding_utf8_bom",
    "cp1252": "recognition.encoding_cp1252",
    "utf-16": "recognition.encoding_utf16",
}
SEPARATOR_KEYS = {
    ";": "recognition.separator_semicolon",
    ",": "recognition.separator_comma",
    "\t": "recognition.separator_tab",
}
FIELD_KEYS = {
    "id": "recognition.field_id",
    "name": "col.name",
    "organisation": "col.organisation",
    "sector": "col.sector",
    "topics": "col.topics",
    "offers": "col.offers",
    "needs": "col.needs",
    "email": "recognition.field_email",
    "stays_seated": "col.stays_seated",
    "wants_to_meet": "col.wants_to_meet",
    "avoid": "col.avoid",
}
SHOWN_IDS = 3  # more generated ids than this are shown as "first … last"


@dataclass(frozen=True, slots=True)
class SectorWord:
    """A word from the sector column, how it was understood and how many rows use it."""

    word: str  # as first written in the file ('' for empty cells)
    sector: Sector | None  # None: not recognised (the problems name the rows)
    count: int


@dataclass(frozen=True, slots=True)
class Recognition:
    """What the importer recognised; parts it could not get to stay empty.

    columns: (header as written, field) in file order, for every column that is read.
    duplicate_columns: (header, header of the earlier column meaning the same).
    unnamed_columns: 1-based positions of columns with content but no header.
    """

    file_type: str  # "csv" or "xlsx" ("" for a sheet built in code)
    encoding: str | None = None  # csv: "utf-8", "utf-8-sig", "cp1252" or "utf-16"
    separator: str | None = None  # csv: ";", "," or "\t"
    garbled: int = 0  # csv: characters that look wrongly decoded
    sheet_name: str | None = None  # xlsx: the sheet read (always the first)
    sheet_count: int = 0  # xlsx: sheets in the workbook
    header_width: int = 0  # columns in the header row
    rows: int = 0  # rows with content below the header
    empty_rows: int = 0  # empty rows between them, skipped
    columns: tuple[tuple[str, str], ...] = ()
    ignored_columns: tuple[str, ...] = ()  # headers that mean no field
    duplicate_columns: tuple[tuple[str, str], ...] = ()
    unnamed_columns: tuple[int, ...] = ()
    missing_fields: tuple[str, ...] = ()  # required fields without a column
    sectors: tuple[SectorWord, ...] = ()
    id_column: str | None = None  # header of the id column, if any
    ids_from_file: int = 0
    ids_generated: tuple[str, ...] = ()


def _field(field: str, lang: str) -> str:
    return t(FIELD_KEYS[field], lang)


def _sector(sector: Sector, lang: str) -> str:
    return t(f"sector.{sector.value}", lang)


def _column(title: str, field: str, lang: str) -> str:
    label = _field(field, lang)
    return title if header_key(title) == header_key(label) else f"{title} → {label}"


def _sector_word(word: SectorWord, lang: str) -> str:
    count = f"({word.count}×)"
    if word.sector is None:
        shown = word.word or t("recognition.sector_empty", lang)
        return f"{shown} {count}"
    label = _sector(word.sector, lang)
    if header_key(word.word) == header_key(label):
        return f"{label} {count}"
    return f"{word.word} → {label} {count}"


def _ids(ids: tuple[str, ...]) -> str:
    return ", ".join(ids) if len(ids) <= SHOWN_IDS else f"{ids[0]} … {ids[-1]}"


def _file_lines(seen: Recognition, lang: str) -> list[str]:
    if seen.file_type == "xlsx":
        lines = [t("recognition.file_xlsx", lang)]
        if seen.sheet_name is not None:
            key = "recognition.sheet_first_of" if seen.sheet_count > 1 else "recognition.sheet"
            lines.append(t(key, lang, name=seen.sheet_name, n=seen.sheet_count))
        return lines
    if seen.file_type != "csv":
        return []  # a sheet built in code: nothing was read from a file
    lines = [t("recognition.file_csv", lang)]
    if seen.encoding in ENCODING_KEYS:
        encoding = t(ENCODING_KEYS[seen.encoding], lang)
        lines.append(t("recognition.encoding", lang, encoding=encoding))
    if seen.garbled:
        lines.append(t("recognition.garbled", lang, n=seen.garbled))
    if seen.separator in SEPARATOR_KEYS:
        if seen.header_width <= 1:
            lines.append(t("recognition.separator_none", lang))
        else:
            separator = t(SEPARATOR_KEYS[seen.separator], lang)
            lines.append(t("recognition.separator", lang, separator=separator))
    return lines


def _column_lines(seen: Recognition, lang: str) -> list[str]:
    lines = []
    if seen.columns:
        columns = ", ".join(_column(title, field, lang) for title, field in seen.columns)
        lines.append(t("recognition.columns", lang, columns=columns))
    elif seen.header_width:
        lines.append(t("recognition.columns_none", lang))
    if seen.missing_fields:
        fields = ", ".join(_field(f, lang) for f in seen.missing_fields)
        lines.append(t("recognition.missing", lang, fields=fields))
    if seen.ignored_columns:
        lines.append(t("recognition.ignored", lang, columns=", ".join(seen.ignored_columns)))
    if seen.duplicate_columns:
        pairs = ", ".join(
            t("recognition.same_as", lang, column=title, first=first)
            for title, first in seen.duplicate_columns
        )
        lines.append(t("recognition.duplicate", lang, columns=pairs))
    if seen.unnamed_columns:
        numbers = ", ".join(str(n) for n in seen.unnamed_columns)
        lines.append(t("recognition.unnamed", lang, columns=numbers))
    return lines


def _sector_lines(seen: Recognition, lang: str) -> list[str]:
    known = [w for w in seen.sectors if w.sector is not None]
    unknown = [w for w in seen.sectors if w.sector is None]
    lines = []
    if known:
        words = ", ".join(_sector_word(w, lang) for w in known)
        lines.append(t("recognition.sectors", lang, sectors=words))
    if unknown:
        words = ", ".join(_sector_word(w, lang) for w in unknown)
        lines.append(t("recognition.sectors_unknown", lang, sectors=words))
    return lines


def _id_lines(seen: Recognition, lang: str) -> list[str]:
    generated = len(seen.ids_generated)
    if seen.ids_from_file and generated:
        return [
            t(
                "recognition.ids_mixed",
                lang,
                n=seen.ids_from_file,
                column=seen.id_column or "",
                m=generated,
                ids=_ids(seen.ids_generated),
            )
        ]
    if seen.ids_from_file:
        return [t("recognition.ids_file", lang, column=seen.id_column or "", n=seen.ids_from_file)]
    if generated:
        key = "recognition.ids_generated_empty" if seen.id_column else "recognition.ids_generated"
        return [t(key, lang, column=seen.id_column or "", ids=_ids(seen.ids_generated))]
    return []


def recognition_lines(recognition: Recognition | None, lang: str = "de") -> list[str]:
    """Short sentences on how the file was read, in German (default) or English.

    Order: file type, encoding and separator (csv) or sheet (xlsx), rows, columns, sectors,
    ids. `None` (the file could not be read at all) gives no lines."""
    if recognition is None:
        return []
    seen = recognition
    lines = _file_lines(seen, lang)
    if seen.header_width:
        if seen.empty_rows:
            lines.append(t("recognition.rows_with_empty", lang, n=seen.rows, empty=seen.empty_rows))
        else:
            lines.append(t("recognition.rows", lang, n=seen.rows))
    lines += _column_lines(seen, lang)
    lines += _sector_lines(seen, lang)
    lines += _id_lines(seen, lang)
    return lines

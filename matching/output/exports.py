"""Plan and list exports for organisers: CSV for German Excel, XLSX workbooks that print well.

CSV: every text cell goes through `safe_cell` (OWASP CSV injection): a participant list is
user-supplied, and a name like `=HYPERLINK(...)` must never become a live formula when Excel
opens the file.

XLSX: text is written as a string cell (data_type "s"), which Excel shows as it is and never
runs, so it needs no apostrophe: a name reads back exactly as typed. Characters an XLSX file
(XML) cannot hold, such as control characters, are dropped, so one stray character never stops
a download.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from matching.i18n import format_date, t
from matching.model import Event, Participant, Plan

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# What XML 1.0 (and so XLSX) cannot hold: control characters other than tab, line feed and
# carriage return, lone surrogates, and the two non-characters U+FFFE and U+FFFF.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
EXCEL_MAX_CHARS = 32_767
FILE_TITLE_MAX = 60


def safe_cell(value: object) -> object:
    """CSV only: neutralise text a spreadsheet would run as a formula; numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def xlsx_text(value: str) -> str:
    """Text as an XLSX cell can hold it: characters XML forbids dropped, cut at Excel's limit."""
    return XML_ILLEGAL.sub("", value)[:EXCEL_MAX_CHARS]


def question_for_round(questions: Sequence[str], round_number: int) -> str:
    """Questions rotate: round 1 gets the first, and after the last one it starts again."""
    if not questions:
        return ""
    return questions[(round_number - 1) % len(questions)]


@dataclass(frozen=True, slots=True)
class Seat:
    """One person's place in one round, resolved to names for printing and exporting."""

    round: int
    table: int | None  # None = resting
    person_id: str
    partner_ids: tuple[str, ...]


def seats(plan: Plan) -> list[Seat]:
    """Every person's seat in every round, in round order, then table order."""
    out: list[Seat] = []
    for rnd in plan.rounds:
        for table in sorted(rnd.tables, key=lambda tb: tb.number):
            for pid in table.members:
                partners = tuple(m for m in table.members if m != pid)
                out.append(Seat(rnd.number, table.number, pid, partners))
        out.extend(Seat(rnd.number, None, pid, ()) for pid in rnd.resting)
    return out


# A plan may name someone no longer on the list (removed after their round took place): such a
# person shows by id and without organisation rather than breaking an export.
def _name(people: Mapping[str, Participant], pid: str) -> str:
    person = people.get(pid)
    return person.name if person else pid


def _org(people: Mapping[str, Participant], pid: str) -> str:
    person = people.get(pid)
    return person.organisation if person else ""


def _labelled(people: Mapping[str, Participant], pid: str) -> str:
    """'Name (Organisation)', or just the name when the organisation is unknown."""
    org = _org(people, pid)
    return f"{_name(people, pid)} ({org})" if org else _name(people, pid)


def round_rows(
    plan: Plan, participants: Sequence[Participant], questions: Sequence[str], lang: str = "de"
) -> list[dict[str, object]]:
    """One row per table and round (plus one per resting person): the facilitator's list."""
    people = {p.id: p for p in participants}
    rows: list[dict[str, object]] = []
    for rnd in plan.rounds:
        question = question_for_round(questions, rnd.number)
        for table in sorted(rnd.tables, key=lambda tb: tb.number):
            row: dict[str, object] = {
                t("export.round", lang): rnd.number,
                t("export.table", lang): table.number,
            }
            for i in range(3):
                pid = table.members[i] if i < len(table.members) else None
                row[t("export.person_n", lang, n=i + 1)] = _name(people, pid) if pid else ""
                row[t("export.org_n", lang, n=i + 1)] = _org(people, pid) if pid else ""
            row[t("export.question", lang)] = question
            rows.append(row)
        for pid in rnd.resting:
            rows.append(
                {
                    t("export.round", lang): rnd.number,
                    t("export.table", lang): t("export.resting", lang),
                    t("export.person_n", lang, n=1): _name(people, pid),
                    t("export.org_n", lang, n=1): _org(people, pid),
                    t("export.question", lang): "",
                }
            )
    return rows


def person_rows(
    plan: Plan, participants: Sequence[Participant], questions: Sequence[str], lang: str = "de"
) -> dict[str, list[dict[str, object]]]:
    """Per person id: one row per round with table, partners and question (their own card).

    People on the list come first, in list order; people only the plan names follow."""
    people = {p.id: p for p in participants}
    out: dict[str, list[dict[str, object]]] = {p.id: [] for p in participants}
    round_key = t("export.round", lang)
    for seat in seats(plan):
        partners = ", ".join(_labelled(people, q) for q in seat.partner_ids)
        out.setdefault(seat.person_id, []).append(
            {
                round_key: seat.round,
                t("export.table", lang): seat.table
                if seat.table is not None
                else t("export.resting", lang),
                t("export.partners", lang): partners,
                t("export.question", lang): question_for_round(questions, seat.round)
                if seat.table is not None
                else "",
            }
        )
    for rows in out.values():
        rows.sort(key=lambda r: int(str(r[round_key])))
    return out


def plan_to_csv(
    plan: Plan,
    participants: Sequence[Participant],
    questions: Sequence[str] = (),
    lang: str = "de",
) -> bytes:
    """Semicolon CSV in UTF-8 with BOM: German Excel opens it with umlauts intact."""
    rows = round_rows(plan, participants, questions, lang)
    header = list(rows[0].keys()) if rows else [t("export.round", lang)]
    for row in rows:
        header.extend(k for k in row if k not in header)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8-sig")


# --- XLSX -------------------------------------------------------------------------------------


def _sheet_title(text: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    text = xlsx_text(text)
    clean = "".join("_" if c in "[]:*?/\\" else c for c in text).strip("'") or "Blatt"
    title = clean[:31]
    n = 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title = clean[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.casefold())
    return title


def _put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell; text always as a plain string cell, never a formula or an error value."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"  # openpyxl would make "=..." a formula and "#N/A" an error
    else:
        cell.value = value
    return cell


def _print_setup(ws: Worksheet, title_rows: tuple[int, int] | None) -> None:
    """A4 landscape, as wide as the page, grid printed, title rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "&A – &P/&N"
    if title_rows:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"


def _fit_columns(ws: Worksheet, widths: Mapping[int, int]) -> None:
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(8, width + 2))


def _write_sheet(
    ws: Worksheet,
    rows: Sequence[Mapping[str, object]],
    heading: str | None = None,
    header: Sequence[str] | None = None,
) -> None:
    """A heading (optional), a bold header row, the rows; columns sized, header frozen, and
    print settings with the header (and heading) repeated on every printed page."""
    start = 1
    if heading:
        _put(ws, 1, 1, heading).font = Font(bold=True, size=13)
        start = 3
    columns = list(header) if header is not None else []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    if not columns:
        _print_setup(ws, None)
        return
    widths = {}
    for col, name in enumerate(columns, start=1):
        _put(ws, start, col, name).font = Font(bold=True)
        widths[col] = len(name)
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=start + 1):
        for col, name in enumerate(columns, start=1):
            value = row.get(name, "")
            _put(ws, r, col, value).alignment = wrap
            widths[col] = max(widths[col], len(str(value)))
    _fit_columns(ws, widths)
    ws.freeze_panes = ws.cell(row=start + 1, column=1)
    _print_setup(ws, (1, start))


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _event_date(event: Event, lang: str) -> str:
    try:
        return format_date(event.date.strip(), lang)
    except ValueError:  # not an ISO date: shown as typed
        return event.date


def _write_overview(ws: Worksheet, plan: Plan, event: Event | None, lang: str) -> None:
    """Event, size of the plan, and per round its tables and question."""
    questions = event.questions if event else ()
    title = event.title if event else t("export.untitled_plan", lang)
    _put(ws, 1, 1, title).font = Font(bold=True, size=14)
    people = {pid for rnd in plan.rounds for pid in (*rnd.seated(), *rnd.resting)}
    facts: list[tuple[str, object]] = []
    if event and event.date.strip():
        facts.append((t("export.date", lang), _event_date(event, lang)))
    if event and event.place.strip():
        facts.append((t("export.place", lang), event.place))
    facts.append((t("export.rounds", lang), len(plan.rounds)))
    if event:
        facts.append((t("export.minutes_per_round", lang), event.minutes_per_round))
    facts.append((t("export.people", lang), len(people)))
    most_tables = max((len(rnd.tables) for rnd in plan.rounds), default=0)
    facts.append((t("export.tables_per_round", lang), most_tables))
    left = Alignment(horizontal="left", vertical="top")
    widths = {1: 0, 2: 0, 3: 0}
    row = 3
    for label, value in facts:
        _put(ws, row, 1, label).font = Font(bold=True)
        _put(ws, row, 2, value).alignment = left
        widths[1] = max(widths[1], len(label))
        row += 1
    row += 1
    _put(ws, row, 1, t("export.questions", lang)).font = Font(bold=True, size=13)
    header_row = row + 1
    header = (t("export.round", lang), t("export.tables", lang), t("export.question", lang))
    for col, name in enumerate(header, start=1):
        _put(ws, header_row, col, name).font = Font(bold=True)
        widths[col] = max(widths[col], len(name))
    wrap = Alignment(wrap_text=True, vertical="top", horizontal="left")
    for r, rnd in enumerate(plan.rounds, start=header_row + 1):
        question = question_for_round(questions, rnd.number)
        values = (rnd.number, len(rnd.tables), question)
        for col, value in enumerate(values, start=1):
            _put(ws, r, col, value).alignment = wrap
        widths[3] = max(widths[3], len(question))
    _fit_columns(ws, widths)
    _print_setup(ws, (header_row, header_row))


def _sort_name(name: str) -> str:
    """German phone-book order without locale: case and accents do not matter (Ä sorts as A)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _people_rows(
    plan: Plan, participants: Sequence[Participant], lang: str
) -> list[dict[str, object]]:
    """One row per person and round: person, organisation, round, table, partners; sorted by
    name, then round."""
    people = {p.id: p for p in participants}
    person, org = t("export.person", lang), t("export.organisation", lang)
    round_key, table = t("export.round", lang), t("export.table", lang)
    partners = t("export.partners", lang)
    by_person = person_rows(plan, participants, (), lang)
    order = sorted(
        (pid for pid, rows in by_person.items() if rows),
        key=lambda pid: (_sort_name(_name(people, pid)), _name(people, pid), pid),
    )
    return [
        {
            person: _name(people, pid),
            org: _org(people, pid),
            round_key: row[round_key],
            table: row[table],
            partners: row[partners],
        }
        for pid in order
        for row in by_person[pid]
    ]


def plan_to_xlsx(
    plan: Plan,
    participants: Sequence[Participant],
    event: Event | None = None,
    lang: str = "de",
) -> bytes:
    """Workbook for printing: an overview, one sheet per round, and one sheet of all people
    (a row per person and round), each landscape, page-wide, with repeated header rows."""
    questions = event.questions if event else ()
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    overview = workbook.create_sheet(_sheet_title(t("export.overview_sheet", lang), used))
    _write_overview(overview, plan, event, lang)
    all_rows = round_rows(plan, participants, questions, lang)
    round_key, question_key = t("export.round", lang), t("export.question", lang)
    for rnd in plan.rounds:
        ws = workbook.create_sheet(_sheet_title(t("export.round_sheet", lang, n=rnd.number), used))
        # The question is in the heading; a column repeating it would shrink the printout.
        rows = [
            {k: v for k, v in r.items() if k != question_key}
            for r in all_rows
            if r[round_key] == rnd.number
        ]
        question = question_for_round(questions, rnd.number)
        heading = t("export.round_heading", lang, n=rnd.number)
        _write_sheet(ws, rows, f"{heading}: {question}" if question else heading)
    people_sheet = workbook.create_sheet(_sheet_title(t("export.people_sheet", lang), used))
    header = (
        t("export.person", lang),
        t("export.organisation", lang),
        round_key,
        t("export.table", lang),
        t("export.partners", lang),
    )
    people_rows = _people_rows(plan, participants, lang)
    _write_sheet(people_sheet, people_rows, header=header)
    people_sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(people_rows) + 1}"
    return _save(workbook)


def _participant_table(
    participants: Sequence[Participant], *, for_csv: bool = True
) -> tuple[tuple[str, ...], list]:
    from matching.lists.roster import EDITOR_COLUMNS, editor_rows

    def cell(value: object) -> object:
        if isinstance(value, bool):
            return "ja" if value else ""
        return safe_cell(value) if for_csv else value

    rows = [[cell(row[c]) for c in EDITOR_COLUMNS] for row in editor_rows(participants)]
    return EDITOR_COLUMNS, rows


def participants_to_csv(
    participants: Sequence[Participant], *, sep: str = ";", encoding: str = "utf-8-sig"
) -> bytes:
    """The list with the importer's German headers, re-importable, formula-safe."""
    header, rows = _participant_table(participants)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def participants_to_xlsx(participants: Sequence[Participant], *, lang: str = "de") -> bytes:
    """The list with the importer's German headers (whatever `lang`, so it re-imports); text as
    typed, in string cells. `lang` names the sheet."""
    header, rows = _participant_table(participants, for_csv=False)
    workbook = Workbook()
    ws = workbook.active
    ws.title = _sheet_title(t("export.file_participants", lang), set())
    _write_sheet(ws, [dict(zip(header, r, strict=True)) for r in rows], header=header)
    return _save(workbook)


# --- file names -------------------------------------------------------------------------------

_GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


def file_name_part(text: str, limit: int = FILE_TITLE_MAX) -> str:
    """Text as a safe piece of a file name: umlauts as ae/oe/ue/ss, accents dropped, every run
    of anything but ASCII letters and digits as one "-", at most `limit` characters (cut at a
    word where that keeps most of it)."""
    text = unicodedata.normalize("NFC", text).translate(_GERMAN_LETTERS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    if slug[limit] != "-" and "-" in cut:
        at_word = cut.rsplit("-", 1)[0]
        if len(at_word) >= limit // 2:
            cut = at_word
    return cut.strip("-")


def _iso_date(text: str) -> str:
    """An ISO date (or a German one, 14.03.2026) in ISO form; anything else gives ''."""
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.strptime(text.strip(), "%d.%m.%Y").date().isoformat()
    except ValueError:
        return ""


def export_file_name(kind: str, event: Event | None, extension: str, lang: str = "de") -> str:
    """Download name like `Plan_Austauschtreffen-Selbsthilfe_2026-03-14.xlsx`: what it is (in
    `lang`), the event's title made file-safe, its ISO date; `Plan.xlsx` without an event.

    kind: "plan", "participants", "links" or "report"; extension with or without the dot."""
    names = {
        "plan": t("export.file_plan", lang),
        "participants": t("export.file_participants", lang),
        "links": t("export.file_links", lang),
        "report": t("export.file_report", lang),
    }
    if kind not in names:
        raise ValueError(f"Unknown export kind {kind!r}; expected one of {sorted(names)}.")
    parts = [names[kind]]
    if event is not None:
        parts.append(file_name_part(event.title))
        parts.append(_iso_date(event.date))
    suffix = file_name_part(extension, 10).lower()
    stem = "_".join(p for p in parts if p)
    return f"{stem}.{suffix}" if suffix else stem

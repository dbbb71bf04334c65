"""Plan exports for organisers: CSV for German Excel and XLSX with a sheet per round and person.

Every text cell goes through `safe_cell` (OWASP CSV injection): a participant list is
user-supplied, and a name like `=HYPERLINK(...)` must never become a live formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from matching.i18n import t
from matching.model import Event, Participant, Plan

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Neutralise text that a spreadsheet would run as a formula; numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


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


def _name(people: Mapping[str, Participant], pid: str) -> str:
    person = people.get(pid)
    return person.name if person else pid


def _org(people: Mapping[str, Participant], pid: str) -> str:
    person = people.get(pid)
    return person.organisation if person else ""


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
    """Per person id: one row per round with table, partners and question (their own card)."""
    people = {p.id: p for p in participants}
    out: dict[str, list[dict[str, object]]] = {p.id: [] for p in participants}
    for seat in seats(plan):
        partners = ", ".join(f"{_name(people, q)} ({_org(people, q)})" for q in seat.partner_ids)
        out.setdefault(seat.person_id, []).append(
            {
                t("export.round", lang): seat.round,
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
        rows.sort(key=lambda r: int(str(r[t("export.round", lang)])))
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


def _sheet_title(text: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    clean = "".join("_" if c in "[]:*?/\\" else c for c in text).strip("'") or "Blatt"
    title = clean[:31]
    n = 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title = clean[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.casefold())
    return title


def _write_sheet(ws, rows: list[dict[str, object]], heading: str | None = None) -> None:
    start = 1
    if heading:
        ws.cell(row=1, column=1, value=safe_cell(heading)).font = Font(bold=True, size=13)
        start = 3
    if not rows:
        return
    header = list(rows[0].keys())
    for row in rows:
        header.extend(k for k in row if k not in header)
    for col, name in enumerate(header, start=1):
        cell = ws.cell(row=start, column=col, value=name)
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=start + 1):
        for col, name in enumerate(header, start=1):
            cell = ws.cell(row=r, column=col, value=safe_cell(row.get(name, "")))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, name in enumerate(header, start=1):
        width = max([len(str(name))] + [len(str(row.get(name, ""))) for row in rows])
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(8, width + 2))
    ws.freeze_panes = ws.cell(row=start + 1, column=1)


def plan_to_xlsx(
    plan: Plan,
    participants: Sequence[Participant],
    event: Event | None = None,
    lang: str = "de",
) -> bytes:
    """Workbook with one sheet per round and one per person."""
    questions = event.questions if event else ()
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    all_rows = round_rows(plan, participants, questions, lang)
    round_key = t("export.round", lang)
    for rnd in plan.rounds:
        ws = workbook.create_sheet(_sheet_title(t("export.round_sheet", lang, n=rnd.number), used))
        rows = [r for r in all_rows if r[round_key] == rnd.number]
        question = question_for_round(questions, rnd.number)
        heading = t("export.round_heading", lang, n=rnd.number)
        _write_sheet(ws, rows, f"{heading}: {question}" if question else heading)
    people = {p.id: p for p in participants}
    for pid, rows in person_rows(plan, participants, questions, lang).items():
        person = people.get(pid)
        title = person.name if person else pid
        ws = workbook.create_sheet(_sheet_title(title, used))
        heading = f"{title} ({person.organisation})" if person else title
        _write_sheet(ws, rows, heading)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _participant_table(participants: Sequence[Participant]) -> tuple[tuple[str, ...], list]:
    from matching.lists.roster import EDITOR_COLUMNS, editor_rows

    def cell(value: object) -> object:
        if isinstance(value, bool):
            return "ja" if value else ""
        return safe_cell(value)

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


def participants_to_xlsx(participants: Sequence[Participant]) -> bytes:
    header, rows = _participant_table(participants)
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Teilnehmende"
    _write_sheet(ws, [dict(zip(header, r, strict=True)) for r in rows])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Editing a stored participant list: table rows for an editor, walk-ins, fresh ids.

Edited rows go back through the same reader as an uploaded file, so a list typed into the app
is validated by exactly the rules (and messages) of an imported one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

from matching.lists.cells import drop_controls
from matching.model import (
    ROSTER_KEY,
    ImportResult,
    Participant,
    Plan,
    Problem,
    Sector,
    Severity,
    person_key,
)

EDITOR_COLUMNS = (
    "ID",
    "Name",
    "Organisation",
    "Bereich",
    "Themen",
    "Ich biete",
    "Ich suche",
    "E-Mail",
    "Bleibt sitzen",
    "Möchte treffen",
    "Nicht mit",
)
_LIST_SEPARATORS = re.compile(r"[,;|]")


def next_free_id(existing: Iterable[str]) -> str:
    """The next id in the importer's `p001` style that nobody has (or had: pass every id the
    event has ever used, so a newcomer never inherits a removed person's seats)."""
    taken = set(existing)
    numbers = [int(m.group(1)) for i in taken if (m := re.fullmatch(r"p(\d+)", i))]
    n = max(numbers, default=0) + 1
    while f"p{n:03d}" in taken:
        n += 1
    return f"p{n:03d}"


def _reference(pid: str, people: Mapping[str, Participant], name_counts: Mapping[str, int]) -> str:
    """Name when it is unique and safe to split, else the id: readable and unambiguous."""
    person = people.get(pid)
    if person is None:
        return pid
    name = person.name
    if name_counts.get(name.casefold(), 0) == 1 and not _LIST_SEPARATORS.search(name):
        return name
    return pid


def editor_rows(participants: Sequence[Participant]) -> list[dict[str, object]]:
    """One dict per person with the German headers the importer understands."""
    people = {p.id: p for p in participants}
    name_counts: dict[str, int] = {}
    for p in participants:
        name_counts[p.name.casefold()] = name_counts.get(p.name.casefold(), 0) + 1
    return [
        {
            "ID": p.id,
            "Name": p.name,
            "Organisation": p.organisation,
            "Bereich": p.sector.value,
            "Themen": ", ".join(p.topics),
            "Ich biete": ", ".join(p.offers),
            "Ich suche": ", ".join(p.needs),
            "E-Mail": p.email,
            "Bleibt sitzen": p.stays_seated,
            "Möchte treffen": ", ".join(
                _reference(i, people, name_counts) for i in p.wants_to_meet
            ),
            "Nicht mit": ", ".join(_reference(i, people, name_counts) for i in p.avoid),
        }
        for p in participants
    ]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else ""
    if isinstance(value, float) and value != value:  # NaN from an emptied editor cell
        return ""
    return str(value)


def rows_to_csv(rows: Iterable[Mapping[str, object]]) -> bytes:
    """Editor rows as a semicolon CSV in UTF-8, the importer's most ordinary input."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(EDITOR_COLUMNS)
    for row in rows:
        writer.writerow([_cell(row.get(col)) for col in EDITOR_COLUMNS])
    return buffer.getvalue().encode("utf-8")


def read_editor_rows(
    rows: Sequence[Mapping[str, object]],
    label: str,
    shown: Sequence[Participant] = (),
    used_ids: Iterable[str] = (),
) -> ImportResult:
    """Validate edited rows like an upload; problem rows count people from 1 (no header).

    shown: the list the editor was filled from. Its wishes and avoids show people by name, so
    renaming a person must not break them: references as shown are turned back into ids, and
    references to people deleted in the editor are dropped with a note. A new row gets an id
    that neither the list nor `used_ids` (everyone the event's plans know) has."""
    from matching.lists.participants import read_participants

    rows, notes = _references_to_ids(rows, shown)
    taken = {*used_ids, *(p.id for p in shown), *(_cell(r.get("ID")).strip() for r in rows)}
    for row in rows:
        if not _cell(row.get("ID")).strip() and any(_cell(v).strip() for v in row.values()):
            row["ID"] = next_free_id(taken)
            taken.add(row["ID"])
    result = read_participants(rows_to_csv(rows), filename=f"{label}.csv")
    problems = tuple(_shift_row(p, label) for p in (*result.problems, *notes))
    return ImportResult(result.participants, problems, label)


def _references_to_ids(
    rows: Sequence[Mapping[str, object]], shown: Sequence[Participant]
) -> tuple[list[dict[str, object]], list[Problem]]:
    if not shown:
        return [dict(r) for r in rows], []
    people = {p.id: p for p in shown}
    counts: dict[str, int] = {}
    for p in shown:
        counts[p.name.casefold()] = counts.get(p.name.casefold(), 0) + 1
    shown_as = {pid.casefold(): pid for pid in people}  # text the editor showed -> id
    for pid in people:
        shown_as[_reference(pid, people, counts).casefold()] = pid
    kept = {_cell(r.get("ID")).strip() for r in rows} - {""}
    out, notes = [], []
    for number, row in enumerate(rows, start=2):  # row 1 is the CSV header
        row = dict(row)
        for column in ("Möchte treffen", "Nicht mit"):
            tokens = [t.strip() for t in _LIST_SEPARATORS.split(_cell(row.get(column)))]
            resolved = []
            for token in filter(None, tokens):
                pid = shown_as.get(token.casefold())
                if pid is None:  # typed anew: the importer resolves (or questions) it
                    resolved.append(token)
                elif pid in kept:
                    resolved.append(pid)
                else:
                    notes.append(_dropped_reference(number, column, token))
            row[column] = ", ".join(resolved)
        out.append(row)
    return out, notes


def _dropped_reference(row: int, column: str, name: str) -> Problem:
    return Problem(
        Severity.WARNING,
        "reference_removed",
        f"„{name}“ wurde aus der Liste gelöscht; der Eintrag in „{column}“ entfällt.",
        f"“{name}” was deleted from the list; the entry in “{column}” is dropped.",
        row=row,
        column=column,
    )


def _shift_row(problem: Problem, label: str) -> Problem:
    from dataclasses import replace

    row = problem.row - 1 if problem.row is not None else None
    return replace(problem, row=row, file=label)


def walk_in(
    existing: Sequence[Participant],
    name: str,
    organisation: str,
    sector: Sector | str,
    topics: str = "",
    stays_seated: bool = False,
    used_ids: Iterable[str] = (),
) -> tuple[Participant | None, list[Problem]]:
    """A person who turns up unannounced: validated, with an id nobody in the event has ever
    had (`used_ids`: every id the event's plans know)."""
    problems: list[Problem] = []
    # Typed into a form: control characters (invisible, they break Excel files) just go.
    name, organisation = (
        drop_controls(name or "").strip(),
        drop_controls(organisation or "").strip(),
    )
    topics = drop_controls(topics or "")
    if not name:
        problems.append(
            Problem(
                Severity.ERROR,
                "empty_name",
                "Bitte einen Namen eingeben.",
                "Please enter a name.",
                column="Name",
            )
        )
    if not organisation:
        problems.append(
            Problem(
                Severity.ERROR,
                "empty_organisation",
                "Bitte eine Organisation eingeben.",
                "Please enter an organisation.",
                column="Organisation",
            )
        )
    if not sector:
        problems.append(
            Problem(
                Severity.ERROR,
                "missing_sector",
                "Bitte einen Bereich wählen.",
                "Please choose a sector.",
                column="Bereich",
            )
        )
        return None, problems
    try:
        sector = Sector(sector)
    except ValueError:
        problems.append(
            Problem(
                Severity.ERROR,
                "unknown_sector",
                f"Unbekannter Bereich „{sector}“.",
                f"Unknown sector “{sector}”.",
                column="Bereich",
            )
        )
    if problems:
        return None, problems
    twins = [
        p for p in existing if person_key(p.name, p.organisation) == person_key(name, organisation)
    ]
    if twins:
        problems.append(
            Problem(
                Severity.WARNING,
                "duplicate_person",
                f"{name} ({organisation}) steht schon auf der Liste (ID {twins[0].id}).",
                f"{name} ({organisation}) is already on the list (ID {twins[0].id}).",
            )
        )
    person = Participant(
        id=next_free_id({*used_ids, *(p.id for p in existing)}),
        name=name,
        organisation=organisation,
        sector=Sector(sector),
        topics=tuple(t.strip() for t in _LIST_SEPARATORS.split(topics or "") if t.strip()),
        stays_seated=stays_seated,
    )
    return person, problems


def people_of_plan(participants: Sequence[Participant], plan: Plan) -> tuple[Participant, ...]:
    """The list, plus everyone the plan seats who has left the list since, under the name,
    organisation and sector the plan remembers (for showing and exporting past rounds; rules
    are still judged against the list itself)."""
    on_list = {p.id for p in participants}
    remembered = plan.extra.get(ROSTER_KEY) or {}
    departed = []
    for rnd in plan.rounds:
        for pid in (*rnd.seated(), *rnd.resting):
            if pid in on_list:
                continue
            on_list.add(pid)
            known = remembered.get(pid) if isinstance(remembered, Mapping) else None
            known = known if isinstance(known, Mapping) else {}
            try:
                sector = Sector(known.get("sector"))
            except ValueError:
                sector = Sector.OTHER
            departed.append(
                Participant(
                    id=pid,
                    name=str(known.get("name") or pid),
                    organisation=str(known.get("organisation") or ""),
                    sector=sector,
                )
            )
    return (*participants, *departed)

"""Wishes and avoids name other people by id or by name; resolve them, or say precisely why not."""

from __future__ import annotations

import difflib

from matching.lists.cells import Collector, SheetRow, split_list
from matching.model import Participant, same_organisation


def resolve_people(
    text: str,
    own_id: str,
    row: int,
    column: str,
    ids: list[str],
    names: dict[str, list[int]],
    out: Collector,
    rows: list[SheetRow],
) -> tuple[str, ...]:
    """Wishes/avoids name people by id or by name; ambiguity and strangers are problems."""
    by_id = {pid.casefold(): pid for pid in ids}
    resolved: list[str] = []
    for token in split_list(text):
        if token.casefold() in by_id:
            target = by_id[token.casefold()]
        else:
            matches = names.get(token.casefold(), [])
            if len(matches) > 1:
                where = ", ".join(str(rows[i].excel_row) for i in matches)
                out.error(
                    "ambiguous_name",
                    f"„{token}“ passt auf mehrere Personen (Zeilen {where}). Bitte die ID statt "
                    "des Namens eintragen.",
                    f"“{token}” matches several people (rows {where}). Please use the id instead "
                    "of the name.",
                    row,
                    column,
                )
                continue
            if not matches:
                close = difflib.get_close_matches(token.casefold(), list(names), n=1, cutoff=0.75)
                hint_de = (
                    f" Meinten Sie „{rows[names[close[0]][0]].values['name']}“?" if close else ""
                )
                hint_en = (
                    f" Did you mean “{rows[names[close[0]][0]].values['name']}”?" if close else ""
                )
                out.error(
                    "unknown_person",
                    f"„{token}“ steht nicht auf der Liste.{hint_de} Bitte Namen oder ID einer "
                    "Person der Liste eintragen oder den Eintrag löschen.",
                    f"“{token}” is not on the list.{hint_en} Please enter the name or id of a "
                    "person on the list, or delete the entry.",
                    row,
                    column,
                )
                continue
            target = ids[matches[0]]
        if target == own_id:
            out.error(
                "self_reference",
                "Eine Person kann sich nicht selbst nennen. Bitte den Eintrag löschen.",
                "A person cannot name themselves. Please delete the entry.",
                row,
                column,
            )
            continue
        if target not in resolved:
            resolved.append(target)
    return tuple(resolved)


def warn_unmeetable_wishes(people: list[Participant], out: Collector, column: str) -> None:
    by_id = {p.id: p for p in people}
    for p in people:
        for target in p.wants_to_meet:
            other = by_id.get(target)
            if other and same_organisation(other, p):
                out.warning(
                    "wish_same_organisation",
                    f"{p.name} möchte {other.name} treffen – beide sind von {p.organisation}. "
                    "Kolleg:innen sitzen nie zusammen; der Wunsch bleibt unerfüllt.",
                    f"{p.name} wants to meet {other.name} – both are from {p.organisation}. "
                    "Colleagues never sit together; the wish cannot be met.",
                    p.source_row,
                    column,
                )
            if other and target in p.avoid:
                out.error(
                    "wish_and_avoid",
                    f"{p.name} soll {other.name} treffen und zugleich nicht. Bitte einen der "
                    "beiden Einträge löschen.",
                    f"{p.name} should both meet and not meet {other.name}. Please delete one "
                    "of the two entries.",
                    p.source_row,
                    column,
                )
            elif other and p.id in other.avoid:
                out.warning(
                    "wish_avoided",
                    f"{p.name} möchte {other.name} treffen, aber {other.name} möchte das nicht "
                    "(„Nicht mit“). Der Wunsch bleibt unerfüllt.",
                    f"{p.name} wants to meet {other.name}, but {other.name} does not (“Avoid”). "
                    "The wish cannot be met.",
                    p.source_row,
                    column,
                )

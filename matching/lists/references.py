"""Wishes and avoids name other people by id or by name; resolve them, or say precisely why not."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from matching.lists.cells import Collector, SheetRow, split_list
from matching.model import Participant, same_organisation

# "Did you mean …?" compares a stranger's name with every name of the list: per list at most
# this many comparisons (well under a second), so a list full of strangers stays fast.
SUGGESTION_COMPARISONS = 50_000
SHOWN_ROWS = 10  # rows listed for an ambiguous name; more become "…"


@dataclass(slots=True)
class People:
    """Everyone on the list by id and by name, built once per list (not once per row)."""

    ids: list[str]
    rows: list[SheetRow]
    by_id: dict[str, str] = field(default_factory=dict)  # casefolded id -> id
    names: dict[str, list[int]] = field(default_factory=dict)  # casefolded name -> indexes
    known_names: list[str] = field(default_factory=list)  # the keys of names, for difflib
    suggestions_left: int = 0

    @classmethod
    def of(cls, rows: list[SheetRow], ids: list[str]) -> People:
        people = cls(ids, rows, by_id={pid.casefold(): pid for pid in ids})
        for i, row in enumerate(rows):
            name = row.values.get("name", "")
            if name:
                people.names.setdefault(name.casefold(), []).append(i)
        people.known_names = list(people.names)
        people.suggestions_left = SUGGESTION_COMPARISONS // max(len(people.names), 1)
        return people

    def suggestion(self, token: str) -> str | None:
        """The name of the list closest to `token`, while comparisons are left (125 lookups
        in a list of 400 people, 10 in one of 5,000)."""
        if self.suggestions_left <= 0:
            return None
        self.suggestions_left -= 1
        close = difflib.get_close_matches(token.casefold(), self.known_names, n=1, cutoff=0.75)
        return self.rows[self.names[close[0]][0]].values["name"] if close else None


def _rows_of(people: People, matches: list[int]) -> str:
    shown = [str(people.rows[i].excel_row) for i in matches[:SHOWN_ROWS]]
    return ", ".join(shown) + (", …" if len(matches) > SHOWN_ROWS else "")


def resolve_people(
    text: str,
    own_id: str,
    row: int,
    column: str,
    people: People,
    out: Collector,
) -> tuple[str, ...]:
    """Wishes/avoids name people by id or by name; ambiguity and strangers are problems."""
    resolved: list[str] = []
    for token in split_list(text):
        if token.casefold() in people.by_id:
            target = people.by_id[token.casefold()]
        else:
            matches = people.names.get(token.casefold(), [])
            if len(matches) > 1:
                where = _rows_of(people, matches)
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
                close = people.suggestion(token)
                hint_de = f" Meinten Sie „{close}“?" if close else ""
                hint_en = f" Did you mean “{close}”?" if close else ""
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
            target = people.ids[matches[0]]
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

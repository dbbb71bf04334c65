"""A new version of a list against the one the event has: who is new, who is gone, who changed.

Re-importing a list must not renumber people: every pairing of a plan belongs to an id, and an
id that moves to someone else silently seats the wrong person. People are matched by the id
the file gives, else by name and organisation (compared as everywhere: `person_key`); new
people get ids nobody in the event ever had.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, fields, replace

from matching.lists.roster import next_free_id
from matching.model import Participant, person_key

COMPARED = ("name", "organisation", "sector", "topics", "offers", "needs", "email")
COMPARED += ("stays_seated", "wants_to_meet", "avoid")


@dataclass(frozen=True, slots=True)
class Changed:
    before: Participant
    after: Participant
    fields: tuple[str, ...]  # Participant field names that differ


@dataclass(frozen=True, slots=True)
class ListChange:
    """What storing `people` instead of the event's list would do."""

    people: tuple[Participant, ...]  # the incoming list with its final ids
    added: tuple[Participant, ...]
    removed: tuple[Participant, ...]
    changed: tuple[Changed, ...]
    unchanged: int
    renumbered: tuple[tuple[str, str, str], ...] = ()  # (id in the file, new id, whose it was)

    @property
    def anything(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _differences(before: Participant, after: Participant) -> tuple[str, ...]:
    names = {f.name for f in fields(Participant)}
    return tuple(
        name for name in COMPARED if name in names and getattr(before, name) != getattr(after, name)
    )


def reconcile(
    existing: Sequence[Participant],
    incoming: Sequence[Participant],
    *,
    generated: Collection[str],
    known: Mapping[str, Mapping[str, str]] | Collection[str] = (),
) -> ListChange:
    """Match `incoming` (a freshly read list) to `existing` (the event's list).

    generated: ids the importer made up (no id in the file) - those people are matched by
    name and organisation, to someone on the list or, failing that, to someone the event's
    plans remember (`known`: id -> {name, organisation}); everyone else gets a fresh id.
    Ids from the file are kept as they are."""
    current = {p.id: p for p in existing}
    by_key = {person_key(p.name, p.organisation): p.id for p in existing}
    remembered = {}
    if isinstance(known, Mapping):
        for pid, person in known.items():
            if pid not in current and person.get("name"):
                remembered.setdefault(
                    person_key(str(person["name"]), str(person.get("organisation", ""))), pid
                )
    # An id in the file that the event's plans remember for somebody else (who has left the
    # list) would hand that person's past seats to a newcomer: such rows get a new id.
    foreign = {}
    if isinstance(known, Mapping):
        for person in incoming:
            was = known.get(person.id)
            if (
                person.id not in generated
                and person.id not in current
                and was
                and was.get("name")
                and person_key(str(was["name"]), str(was.get("organisation", "")))
                != person_key(person.name, person.organisation)
            ):
                foreign[person.id] = str(was["name"])
    generated = {*generated, *foreign}
    taken = {*current, *known, *(p.id for p in incoming if p.id not in generated)}
    mapping: dict[str, str] = {}
    claimed: set[str] = {p.id for p in incoming if p.id not in generated}
    for person in incoming:
        if person.id not in generated:
            mapping[person.id] = person.id
            continue
        match = by_key.get(person_key(person.name, person.organisation))
        if match is None or match in claimed:
            match = remembered.get(person_key(person.name, person.organisation))
        if match is None or match in claimed:
            match = next_free_id(taken)
            taken.add(match)
        claimed.add(match)
        mapping[person.id] = match

    def remap(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(mapping.get(i, i) for i in ids)

    people = tuple(
        replace(
            p,
            id=mapping[p.id],
            wants_to_meet=remap(p.wants_to_meet),
            avoid=remap(p.avoid),
        )
        for p in incoming
    )
    added, changed, unchanged = [], [], 0
    for person in people:
        before = current.get(person.id)
        if before is None:
            added.append(person)
        elif differences := _differences(before, person):
            changed.append(Changed(before, person, differences))
        else:
            unchanged += 1
    staying = {p.id for p in people}
    removed = tuple(p for p in existing if p.id not in staying)
    renumbered = tuple((old, mapping[old], whose) for old, whose in sorted(foreign.items()))
    return ListChange(people, tuple(added), removed, tuple(changed), unchanged, renumbered)

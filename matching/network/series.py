"""Events that build on each other: who met whom at earlier events of a series, and how the
network grew from one event to the next.

People are recognised across events by e-mail address when both have one, otherwise by name
and organisation (organisations through `canonical`, the directory's name for a spelling, so
"AOK LSA" last year is "AOK Sachsen-Anhalt" this year). Ids are per list and never compared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from matching.model import Participant, Plan, organisation_key
from matching.network.measures import measures, organisation_pairs_met
from matching.pairs import Pair, key

Canonical = Callable[[str], str]


def _same(name: str) -> str:
    return name


@dataclass(frozen=True, slots=True)
class SeriesEvent:
    """One event of a series as far as history goes: its list, its plan and how many rounds
    of it took place (None: all of them - an event run on paper counts as planned)."""

    title: str
    date: str
    participants: tuple[Participant, ...]
    plan: Plan
    held_rounds: int | None = None


def _identities(p: Participant, canonical: Canonical) -> tuple[str, ...]:
    out = []
    email = p.email.strip().casefold()
    if email:
        out.append(f"mail:{email}")
    name = organisation_key(p.name)
    if name:
        out.append(f"name:{name}|{organisation_key(canonical(p.organisation))}")
    return tuple(out)


def _met_pairs(event: SeriesEvent) -> set[Pair]:
    rounds = event.plan.rounds
    if event.held_rounds is not None:
        rounds = rounds[: event.held_rounds]
    out: set[Pair] = set()
    for rnd in rounds:
        for table in rnd.tables:
            members = table.members
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    out.add(key(a, b))
    return out


def pairs_met_before(
    current: Sequence[Participant],
    earlier: Iterable[SeriesEvent],
    canonical: Canonical = _same,
) -> frozenset[Pair]:
    """Pairs of today's list (ids, a < b) who sat at one table at an earlier event."""
    now: dict[str, list[str]] = {}
    for p in current:
        for identity in _identities(p, canonical):
            now.setdefault(identity, []).append(p.id)
    found: set[Pair] = set()
    for event in earlier:
        people = {p.id: p for p in event.participants}
        matches: dict[str, set[str]] = {}
        for pid, person in people.items():
            ids = {i for identity in _identities(person, canonical) for i in now.get(identity, ())}
            if ids:
                matches[pid] = ids
        for a, b in _met_pairs(event):
            for x in matches.get(a, ()):
                for y in matches.get(b, ()):
                    if x != y:
                        found.add(key(x, y))
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class SeriesStep:
    """One event in the growth of the series' network (organisation level)."""

    title: str
    date: str
    people: int
    organisations: int
    organisation_pairs: int  # pairs of organisations that met at this event
    new_organisation_pairs: int  # ... of them never met at an earlier event of the series
    organisations_so_far: int  # organisations at this event or an earlier one
    organisation_pairs_so_far: int  # organisation pairs that met at this event or earlier
    known_pairs: int  # pairs of people who had met at an earlier event


def series_growth(events: Sequence[SeriesEvent], canonical: Canonical = _same) -> list[SeriesStep]:
    """How the network grew, event by event (in the order given: oldest first)."""
    steps: list[SeriesStep] = []
    seen_orgs: set[str] = set()
    seen_pairs: set[Pair] = set()
    for i, event in enumerate(events):
        people = tuple(
            replace(p, organisation=canonical(p.organisation)) for p in event.participants
        )
        numbers = measures(event.plan, people, after_round=event.held_rounds)
        pairs = {
            key(organisation_key(a), organisation_key(b))
            for a, b in organisation_pairs_met(event.plan, people, after_round=event.held_rounds)
        }
        orgs = {organisation_key(p.organisation) for p in people if p.organisation.strip()}
        here = SeriesEvent(event.title, event.date, people, event.plan, event.held_rounds)
        known = pairs_met_before(people, events[:i], canonical) & _met_pairs(here)
        new = pairs - seen_pairs
        seen_orgs |= orgs
        seen_pairs |= pairs
        steps.append(
            SeriesStep(
                title=event.title,
                date=event.date,
                people=numbers["people"],
                organisations=numbers["organisations"],
                organisation_pairs=len(pairs),
                new_organisation_pairs=len(new),
                organisations_so_far=len(seen_orgs),
                organisation_pairs_so_far=len(seen_pairs),
                known_pairs=len(known),
            )
        )
    return steps

"""Pair weights and sector-coverage requirements, exactly as the planner contract's "Score".

Planner, metrics, baselines and the app all score through this module, so a plan is judged
the same way wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from matching.model import Participant, Sector, organisation_key, same_organisation

_SECTOR_WEIGHTS: dict[frozenset[Sector], int] = {
    frozenset({Sector.HEALTH_INSURER, Sector.SELF_HELP_ORG}): 10,
    frozenset({Sector.HEALTH_INSURER, Sector.CONTACT_OFFICE}): 8,
    frozenset({Sector.CONTACT_OFFICE, Sector.SELF_HELP_ORG}): 8,
}
OTHER_SECTOR_WEIGHT = 6
SAME_SECTOR_WEIGHT = 2
TOPIC_POINTS, TOPIC_CAP = 2, 4
OFFER_POINTS, OFFER_CAP = 3, 6
WISH_POINTS = 20


def normalise_term(term: str) -> str:
    """Topics, offers and needs compare case-insensitively after trimming."""
    return " ".join(term.split()).casefold()


def _terms(values: Iterable[str]) -> set[str]:
    return {t for t in (normalise_term(v) for v in values) if t}


def sector_weight(a: Sector, b: Sector) -> int:
    if a == b:
        return SAME_SECTOR_WEIGHT
    if Sector.OTHER in (a, b):
        return OTHER_SECTOR_WEIGHT
    return _SECTOR_WEIGHTS[frozenset({a, b})]


def allowed(a: Participant, b: Participant) -> bool:
    """Hard rules 3 and 4: never the same organisation, never an avoid pair."""
    if a.id == b.id:
        return False
    if same_organisation(a, b):
        return False
    return b.id not in a.avoid and a.id not in b.avoid


_Terms = tuple[set[str], set[str], set[str]]  # topics, offers, needs - normalised


def _person_terms(p: Participant) -> _Terms:
    return _terms(p.topics), _terms(p.offers), _terms(p.needs)


def _weight(a: Participant, b: Participant, terms_a: _Terms, terms_b: _Terms) -> int:
    (topics_a, offers_a, needs_a), (topics_b, offers_b, needs_b) = terms_a, terms_b
    weight = sector_weight(a.sector, b.sector)
    weight += min(TOPIC_CAP, TOPIC_POINTS * len(topics_a & topics_b))
    matches = len(offers_a & needs_b) + len(offers_b & needs_a)
    weight += min(OFFER_CAP, OFFER_POINTS * matches)
    weight += WISH_POINTS * ((b.id in a.wants_to_meet) + (a.id in b.wants_to_meet))
    return weight


@dataclass(frozen=True, slots=True)
class History:
    """What earlier events of a series mean for this one: the pairs (ids, a < b) who met
    there count `penalty` points less when they meet again - below zero too, so a higher
    weight always avoids them more (a soft rule: they may still meet when nothing better
    fits). A plan made with a history reports this score (and `known_pairs`); without one
    the score is the contract's."""

    met_before: frozenset[tuple[str, str]] = frozenset()
    penalty: int = 0

    def adjust(self, pair: tuple[str, str], weight: int) -> int:
        if self.penalty and pair in self.met_before:
            return weight - self.penalty
        return weight


def pair_weight(a: Participant, b: Participant, history: History | None = None) -> int:
    """Score of one meeting between a and b (symmetric). Call only for allowed pairs."""
    weight = _weight(a, b, _person_terms(a), _person_terms(b))
    if history is None:
        return weight
    return history.adjust((a.id, b.id) if a.id < b.id else (b.id, a.id), weight)


def pair_weights(
    participants: Iterable[Participant], history: History | None = None
) -> dict[tuple[str, str], int]:
    """Weight of every allowed pair, keyed (a, b) with a < b by id. Each person's
    organisation and terms are normalised once: 2000 people are 2 million pairs, and the
    rules of `allowed` are checked here on those precomputed keys. With a history, pairs who
    met at an earlier event of the series count less."""
    people = sorted(participants, key=lambda p: p.id)
    organisation = [organisation_key(p.organisation) for p in people]
    terms = [_person_terms(p) for p in people]
    out: dict[tuple[str, str], int] = {}
    for i, a in enumerate(people):
        org_a, terms_a, avoid_a = organisation[i], terms[i], a.avoid
        for j in range(i + 1, len(people)):
            b = people[j]
            if organisation[j] == org_a or b.id in avoid_a or a.id in b.avoid:
                continue
            out[(a.id, b.id)] = _weight(a, b, terms_a, terms[j])
    if history is not None and history.penalty:
        for pair in history.met_before:
            if pair in out:
                out[pair] = history.adjust(pair, out[pair])
    return out


def without_seated_pairs(
    weights: Mapping[tuple[str, str], int], people: Iterable[Participant]
) -> dict[tuple[str, str], int]:
    """Two people who both stay seated keep one table number each all event: they can only
    meet if they are together every round, which from two rounds on is a repeat."""
    seated = {p.id for p in people if p.stays_seated}
    return {e: w for e, w in weights.items() if not (e[0] in seated and e[1] in seated)}


@dataclass(frozen=True, slots=True)
class CoverageNeed:
    """Which other sectors a person should meet, and how many of them the rounds allow."""

    sectors: frozenset[Sector]
    count: int  # min(rounds the person is present, len(sectors))


def coverage_needs(
    participants: Iterable[Participant], rounds_present: Mapping[str, int]
) -> dict[str, CoverageNeed]:
    """Per person, the other sectors that can be reached (contract "Score", first paragraph).

    A sector is out of reach for everybody when its members together have fewer seats over the
    event (sum of their rounds) than there are people outside it; it is out of reach for one
    person when no member of it may sit with that person (organisation, avoid).
    """
    people = [p for p in participants if rounds_present.get(p.id, 0) > 0]
    seats: dict[Sector, int] = {}
    members: dict[Sector, list[Participant]] = {}
    for p in people:
        seats[p.sector] = seats.get(p.sector, 0) + rounds_present[p.id]
        members.setdefault(p.sector, []).append(p)
    reachable = {s for s in members if seats[s] >= len(people) - len(members[s])}
    needs = {}
    for p in people:
        sectors = frozenset(
            s for s in reachable if s != p.sector and any(allowed(p, q) for q in members[s])
        )
        needs[p.id] = CoverageNeed(sectors, min(rounds_present[p.id], len(sectors)))
    return needs


def is_covered(need: CoverageNeed, met_sectors: Iterable[Sector]) -> bool:
    return len(need.sectors & set(met_sectors)) >= need.count

"""Candidate pairs for the planner: a few thousand promising pairs instead of all n²/2.

The LP's pairs, each person's best pairs (random tie-breaks: many weights tie), the best pairs
into each sector a person still has to meet, and some random pairs for room to manoeuvre.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Mapping

from matching.model import Participant, Sector
from matching.pairs import Pair, incident_pairs
from matching.scoring import CoverageNeed


def shortlist(
    people: list[Participant],
    weights: Mapping[Pair, int],
    rounds: int,
    needs: Mapping[str, CoverageNeed],
    lp_values: Mapping[Pair, float],
    rng: random.Random,
    *,
    per_person: int | None = None,
    random_extra: int | None = None,
) -> set[Pair]:
    """A set of allowed pairs likely to contain a near-optimal plan."""
    per_person = per_person if per_person is not None else 2 * rounds + 2
    chosen: set[Pair] = {pair for pair, value in lp_values.items() if value > 1e-6}
    by_person = incident_pairs(weights)
    sector_of: dict[str, Sector] = {p.id: p.sector for p in people}
    for p in people:
        mine = by_person.get(p.id, [])
        ranked = sorted(mine, key=lambda e: (-weights[e], rng.random()))
        chosen.update(ranked[:per_person])
        need = needs.get(p.id)
        if need and need.sectors:
            for sector in need.sectors:
                into = [e for e in ranked if sector_of[e[0] if e[1] == p.id else e[1]] == sector]
                chosen.update(into[:3])
    all_pairs = list(weights)
    extra = random_extra if random_extra is not None else len(people) * rounds // 2
    if all_pairs and extra:
        chosen.update(rng.sample(all_pairs, min(extra, len(all_pairs))))
    return chosen


def likely_partners(
    people: list[Participant],
    weights: Mapping[Pair, int],
    needs: Mapping[str, CoverageNeed],
    per_person: int,
) -> dict[str, list[str]]:
    """Each person's heaviest pairs, and as many of their best into each sector they still
    have to meet: the pairs a round-by-round plan tries first (`greedy.repair`'s `near`).
    Ties go round the list from the person (not to the lowest ids, whom everyone would want)."""
    place = {p.id: i for i, p in enumerate(people)}
    size = max(1, len(people))
    sector_of: dict[str, Sector] = {p.id: p.sector for p in people}
    near: dict[str, list[str]] = {}
    for pid, mine in incident_pairs(weights).items():
        here = place[pid]
        others = [e[0] if e[1] == pid else e[1] for e in mine]

        def rank(i: int, mine=mine, others=others, here=here) -> tuple[int, int]:
            return weights[mine[i]], -((place[others[i]] - here) % size)

        chosen = set(heapq.nlargest(per_person, range(len(mine)), key=rank))
        need = needs.get(pid)
        for sector in need.sectors if need else ():
            into = (i for i, o in enumerate(others) if sector_of[o] == sector)
            chosen.update(heapq.nlargest(per_person, into, key=rank))
        near[pid] = [others[i] for i in sorted(chosen)]
    return near

"""The CP-SAT model of re-planning: one variable per possible table and future round.

Pairs, one table of three per odd round (trio mode) or a ghost partner for the break (rest
mode); each pair at most once over the whole event; pins forced; tables of the old plan
rewarded above any score, so as few tables as possible change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from matching.model import OddMode, Participant, Round
from matching.pairs import GHOST, Pair, key
from matching.planning.cpsat import Limits, Model, solve
from matching.planning.tables import build_replanned_rounds
from matching.planning.trios import Triangle, candidate_triangles, triangle_pairs
from matching.replanning.pins import Pin
from matching.scoring import allowed, pair_weight


@dataclass(frozen=True)
class ReplanTask:
    """Everything one re-planning solve needs to know, fixed for all its attempts."""

    people: Mapping[str, Participant]
    future: list[int]
    present: Mapping[int, set[str]]
    met: set[Pair]
    old: Mapping[int, Round]
    pins: list[Pin]
    odd: OddMode
    seat: Mapping[str, int]
    keep: bool
    rested: frozenset[str] = frozenset()  # had a break in a round that is kept


def _round_triangles(r, here, candidates, pair_w, old_tables, pins, widen) -> list[Triangle]:
    """Candidate tables of three for round r: the one it had, pinned ones, and each present
    person's best triangles of allowed, not yet used pairs."""
    pairs = [e for e in candidates if e[0] in here and e[1] in here]
    keep = [t for t in old_tables if len(t) == 3]
    keep += [tuple(sorted(p.members)) for p in pins if p.round == r and len(p.members) == 3]
    # Few tables change when someone without a table (their partner left, or new) joins a
    # table that stays: every such triangle is a candidate.
    seated_before = {m for t in old_tables if set(t) <= here for m in t}
    free = sorted(here - seated_before)
    for t in old_tables:
        if len(t) == 2 and set(t) <= here:
            keep += [tuple(sorted((*t, f))) for f in free]
    found = candidate_triangles(
        pairs, pair_w, per_person=8 if widen else 3, partners=16 if widen else 10, preferred=keep
    )
    return sorted(found)


def _starting_point(y, future, nodes, old_tables, old, odd) -> set:
    """A plan to start the solver from: the old tables where all their people are here,
    the others paired greedily, the odd one out joining a table (or resting)."""
    chosen: set = set()
    used: set[Pair] = set()

    def take(members, r) -> None:
        chosen.add((members, r))
        used.update(key(a, b) for i, a in enumerate(members) for b in members[i + 1 :])

    def free_pair(members) -> bool:
        return all(key(a, b) not in used for i, a in enumerate(members) for b in members[i + 1 :])

    for r in future:
        for t in sorted(old_tables[r]):
            if (t, r) in y and free_pair(t):
                take(t, r)
    for r in future:
        seated = {m for (t, rr) in chosen if rr == r for m in t}
        loose = [m for m in nodes[r] if m not in seated]
        while len(loose) >= 2:
            a = loose.pop(0)
            b = next((b for b in loose if (key(a, b), r) in y and free_pair(key(a, b))), None)
            if b is None:
                continue
            loose.remove(b)
            take(key(a, b), r)
        for lone in loose:
            if odd is OddMode.REST and (key(GHOST, lone), r) in y:
                chosen.add((key(GHOST, lone), r))
                continue
            table = next(
                (
                    t
                    for (t, rr) in sorted(chosen)
                    if rr == r
                    and len(t) == 2
                    and (tuple(sorted((*t, lone))), r) in y
                    and free_pair(tuple(sorted((*t, lone))))
                ),
                None,
            )
            if table is not None:
                chosen.discard((table, r))
                take(tuple(sorted((*table, lone))), r)
    return chosen


def solve_replan(
    task: ReplanTask, widen, rng, seconds: tuple[float, float], seed, banned=frozenset()
):
    """One CP-SAT model over all re-planned rounds: a variable per possible table and round
    (pairs; with an odd count one table of three, or a ghost partner for the break), each pair
    at most once, pins forced, tables of the old plan rewarded."""
    people, future, present, met = task.people, task.future, task.present, task.met
    old, pins, odd, seat, keep = task.old, task.pins, task.odd, task.seat, task.keep
    model = Model()
    nodes = {r: sorted(present[r]) for r in future}
    pair_w: dict[Pair, int] = {}
    max_w = 1
    everyone = sorted({m for r in future for m in nodes[r]})
    seated = {m for m in everyone if people[m].stays_seated}
    old_pairs = {
        r: {
            key(a, b)
            for t in old[r].tables
            for i, a in enumerate(t.members)
            for b in t.members[i + 1 :]
        }
        for r in future
    }
    pinned_pairs = {key(*pin.members[:2]) for pin in pins}
    old_tables = {r: {tuple(sorted(t.members)) for t in old[r].tables} for r in future}
    per_person = 10**9 if widen or len(everyone) <= 60 else 2 * len(future) + 6
    ranked: dict[str, list[tuple[int, float, str]]] = {m: [] for m in everyone}
    for i, a in enumerate(everyone):
        for b in everyone[i + 1 :]:
            e = key(a, b)
            if e in met or not allowed(people[a], people[b]) or (a in seated and b in seated):
                continue
            w = pair_weight(people[a], people[b])
            pair_w[e] = w
            max_w = max(max_w, w)
            ranked[a].append((-w, rng.random(), b))
            ranked[b].append((-w, rng.random(), a))
    candidates: set[Pair] = set()
    for a, options in ranked.items():
        options.sort()
        candidates.update(key(a, b) for _, _, b in options[:per_person])
    for r in future:
        candidates.update(e for e in old_pairs[r] if e in pair_w)
    candidates.update(e for e in pinned_pairs if e in pair_w)
    if any(len(pin.members) == 3 for pin in pins) and odd is OddMode.REST:
        return None
    bonus = max_w * len(everyone) * len(future) + 1 if keep else 0
    y: dict[tuple[tuple[str, ...], int], object] = {}
    uses: dict[Pair, list[object]] = {}  # every variable that seats a pair together
    objective = []

    def table_variable(members: tuple[str, ...], r: int, weight: int) -> object:
        var = y[members, r] = model.boolean()
        before = members in old_tables[r]
        weight += bonus if before and keep else 0
        weight -= 1 if before and not keep else 0  # regenerating: prefer a real change
        objective.append(weight * var)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                uses.setdefault(key(a, b), []).append(var)
        return var

    for r in future:
        here = set(nodes[r])
        odd_count = len(here) % 2 == 1
        with_trio = odd_count and odd is OddMode.TRIO
        seats: dict[str, list[object]] = {m: [] for m in nodes[r]}
        for e in sorted(candidates):
            if e[0] in here and e[1] in here and (e, r) not in banned:
                var = table_variable(e, r, pair_w[e])
                seats[e[0]].append(var)
                seats[e[1]].append(var)
        if odd_count and not with_trio:  # rest mode: the ghost's partner takes the break
            seats[GHOST] = []
            for m in nodes[r]:
                if m in task.rested:  # fair breaks: nobody rests twice while others never did
                    continue
                var = y[key(GHOST, m), r] = model.boolean()
                uses.setdefault(key(GHOST, m), []).append(var)
                seats[m].append(var)
                seats[GHOST].append(var)
        if with_trio:  # one table of three, chosen among good triangles
            trios = []
            for t in _round_triangles(r, here, candidates, pair_w, old_tables[r], pins, widen):
                var = table_variable(t, r, sum(pair_w[e] for e in triangle_pairs(t)))
                trios.append(var)
                for m in t:
                    seats[m].append(var)
            model.exactly_one(trios)
        for options in seats.values():
            model.exactly_one(options)
    for options in uses.values():
        if len(options) > 1:
            model.at_most_one(options)
    for pin in pins:
        if len(pin.members) == 3:
            t = tuple(sorted(pin.members))
            if (t, pin.round) not in y:
                return None
            model.add(y[t, pin.round] == 1)
        else:
            e = key(*pin.members[:2])
            together = [v for (m, r), v in y.items() if r == pin.round and set(e) <= set(m)]
            if not together:
                return None
            model.add(sum(together) == 1)
    # A complete hint (a partial one gets lost): keep every old table that still can be kept,
    # pair up the rest greedily.
    start = _starting_point(y, future, nodes, old_tables, old, odd)
    for k, var in y.items():
        model.hint(var, k in start)
    model.maximize(sum(objective))
    deterministic, wall = seconds
    solution = solve(model, Limits(deterministic, seed, workers=1, wall_seconds=wall))
    if not solution.found:
        return None
    chosen = {(t, r) for (t, r), var in y.items() if solution.true(var)}
    return build_replanned_rounds(chosen, future, old, odd, seat, pair_w, met, pins)

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
from matching.planning.greedy import repair
from matching.planning.tables import build_replanned_rounds
from matching.planning.trios import Triangle, candidate_triangles, triangle_pairs
from matching.replanning.pins import Pin
from matching.scoring import History, allowed, pair_weight


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
    history: History | None = None  # pairs who met at an earlier event count less


def _round_triangles(
    r, here, candidates, pair_w, old_tables, pins, widen, extra=()
) -> list[Triangle]:
    """Candidate tables of three for round r: the one it had, pinned ones, and each present
    person's best triangles of allowed, not yet used pairs."""
    pairs = [e for e in candidates if e[0] in here and e[1] in here]
    keep = [t for t in old_tables if len(t) == 3] + list(extra)
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


def _seats_everyone(chosen, future, nodes) -> bool:
    """Every present person at exactly one table (or resting with the ghost) each round, and
    at most one table of three or one break per round (rule 6)."""
    for r in future:
        tables = [t for t, rr in chosen if rr == r]
        seats = [m for t in tables for m in t if m != GHOST]
        if sorted(seats) != sorted(nodes[r]):
            return False
        if sum(len(t) == 3 for t in tables) + sum(GHOST in t for t in tables) > 1:
            return False
    return True


def _keeps_pins(chosen, pins) -> bool:
    """The starting point stands in for a plan only when every pin holds in it."""
    for pin in pins:
        members = set(pin.members)
        if pin.whole_table:
            held = any(rr == pin.round and members == set(t) for t, rr in chosen)
        else:
            held = any(rr == pin.round and members <= set(t) for t, rr in chosen)
        if not held:
            return False
    return True


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
            w = pair_weight(people[a], people[b], task.history)
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
    # A valid plan at once (old tables kept, the rest matched) over all allowed pairs; its
    # tables join the model, so the solver starts from it and can only improve on it.
    pinned = [(tuple(sorted(pin.members)), pin.round) for pin in pins]

    def allows(members: tuple[str, ...], r: int) -> bool:
        here = present[r]
        if GHOST in members:
            other = members[1] if members[0] == GHOST else members[0]
            return odd is OddMode.REST and len(here) % 2 == 1 and other not in task.rested
        if not set(members) <= here:
            return False
        if len(members) == 2:
            return members in pair_w and (members, r) not in banned
        trio = odd is OddMode.TRIO and len(here) % 2 == 1 and len(members) == 3
        return trio and all(e in pair_w for e in triangle_pairs(members))

    start = repair(allows, lambda e: pair_w[e], future, nodes, old_tables, odd, pinned)
    start_is_plan = _seats_everyone(start, future, nodes) and _keeps_pins(start, pins)
    candidates.update(t for t, _ in start if len(t) == 2 and GHOST not in t)
    start_trios = {r: [t for t, rr in start if rr == r and len(t) == 3] for r in future}
    bonus = max_w * len(everyone) * len(future) + 1 if keep else 0
    y: dict[tuple[tuple[str, ...], int], object] = {}
    uses: dict[Pair, list[object]] = {}  # every variable that seats a pair together
    objective = []
    weight_of: dict[tuple[tuple[str, ...], int], int] = {}

    def table_variable(members: tuple[str, ...], r: int, weight: int) -> object:
        var = y[members, r] = model.boolean()
        before = members in old_tables[r]
        weight += bonus if before and keep else 0
        weight -= 1 if before and not keep else 0  # regenerating: prefer a real change
        objective.append(weight * var)
        weight_of[members, r] = weight
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
            made = _round_triangles(
                r, here, candidates, pair_w, old_tables[r], pins, widen, start_trios[r]
            )
            for t in made:
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
            together = [
                v
                for (m, r), v in y.items()
                if r == pin.round and set(e) <= set(m) and (m == e or not pin.whole_table)
            ]
            if not together:
                return None
            model.add(sum(together) == 1)
    # A complete hint (a partial one gets lost).
    start_is_plan = start_is_plan and all(k in y for k in start)
    for k, var in y.items():
        model.hint(var, k in start)
    model.maximize(sum(objective))
    deterministic, wall = seconds
    solution = solve(model, Limits(deterministic, seed, workers=1, wall_seconds=wall))
    # Anytime: the greedy starting point is a valid plan when it seats everyone; the solver's
    # answer replaces it only when it is better (a busy machine may stop the solver early).
    start_value = sum(weight_of.get(k, 0) for k in start)
    if solution.found and (not start_is_plan or solution.objective() >= start_value):
        chosen = {(t, r) for (t, r), var in y.items() if solution.true(var)}
    elif start_is_plan:
        chosen = set(start)
    else:
        return None
    return build_replanned_rounds(chosen, future, old, odd, seat, pair_w, met, pins)

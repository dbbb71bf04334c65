"""The whole plan as one CP-SAT model (one boolean per pair and round), for small lists.

The two-step planner (choose pairs, then colour them into rounds) can choose a set of pairs
that fits no rounds at all - with few people and many rounds that happens (e.g. 2 rounds of
8 people whose chosen pairs form a cycle of three). For small lists this model is tiny, solves
in well under a second and proves when the rules make R rounds impossible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from matching.pairs import Pair, incident_pairs
from matching.planning.cpsat import Limits, Model, Selection, solve
from matching.planning.trios import Triangle, triangle_pairs


def exact_size(pairs: int, triangles: int, rounds: int) -> int:
    return (pairs + triangles) * rounds


@dataclass
class ExactModel:
    model: Model
    meet: dict[tuple[Pair, int], object]
    trio: dict[tuple[Triangle, int], object]
    rounds: int
    best_possible: float | None = None  # objective of a plan reaching the score cap


def build_exact(
    nodes: Sequence[str],
    pairs: Sequence[Pair],
    weights: Mapping[Pair, int],
    rounds: int,
    coverage: Mapping[str, tuple[int, Mapping[str, list[Pair]]]],
    coverage_weight: int | None,
    triangles: Sequence[Triangle] = (),
    *,
    score_cap: int | None = None,
    hint: Sequence[Sequence[tuple[str, ...]]] = (),
) -> ExactModel:
    """Every node exactly one table per round; a pair meets at most once (also inside a
    triangle); with triangles, exactly one table of three per round. Coverage and score as in
    the selection model (cpsat.build_selection). score_cap, a proven bound on the score of a
    plan with full coverage, lets the solver stop as soon as a plan reaches it. hint: a plan
    to start from, as tables (member tuples) per round."""
    model = Model()
    ks = range(rounds)
    meet = {(e, k): model.boolean() for e in pairs for k in ks}
    trio = {(t, k): model.boolean() for t in triangles for k in ks}
    met: dict[Pair, list] = {e: [meet[e, k] for k in ks] for e in pairs}
    seat: dict[tuple[str, int], list] = {}
    for (e, k), var in meet.items():
        seat.setdefault((e[0], k), []).append(var)
        seat.setdefault((e[1], k), []).append(var)
    for (t, k), var in trio.items():
        for member in t:
            seat.setdefault((member, k), []).append(var)
        for e in triangle_pairs(t):
            met[e].append(var)
    for node in nodes:
        for k in ks:
            model.exactly_one(seat.get((node, k), []))
    if triangles:
        for k in ks:
            model.exactly_one(trio[t, k] for t in triangles)
    together = {}
    for e, vars_ in met.items():
        model.at_most_one(vars_)
        together[e] = model.boolean()
        model.add(sum(vars_) == together[e])
    order = _break_round_symmetry(model, nodes, pairs, triangles, meet, trio, rounds)
    if hint:
        _add_hint(model, hint, order, meet, trio, rounds)
    covered = []
    for _node, (count, into) in coverage.items():
        if count <= 0:
            continue
        reached = []
        for sector_pairs in into.values():
            flag = model.boolean()
            present = [together[e] for e in sector_pairs if e in together]
            if present:
                model.any_of(present, only_if=flag)
            else:
                model.add(flag == 0)
            reached.append(flag)
        if coverage_weight is None:
            model.add(sum(reached) >= count)
        else:
            ok = model.boolean()
            model.add(sum(reached) >= count, only_if=ok)
            covered.append(ok)
    score = sum(weights.get(e, 0) * var for e, var in together.items())
    objective = score + (coverage_weight or 0) * sum(covered)
    best_possible = None
    if score_cap is not None:
        # Full coverage caps the score; less coverage loses more than any score can win.
        best_possible = (coverage_weight or 0) * len(covered) + score_cap
        model.add(objective <= best_possible)
    model.maximize(objective)
    return ExactModel(model, meet, trio, rounds, best_possible)


def _break_round_symmetry(model, nodes, pairs, triangles, meet, trio, rounds):
    """Rounds are interchangeable: order them by whom the first node meets. Returns the
    order (a table -> its rank), or None when not used."""
    anchor = nodes[0]
    options = [(meet, e) for e in incident_pairs(pairs).get(anchor, [])]
    options += [(trio, t) for t in triangles if anchor in t]
    if len(options) > 64 or rounds < 2:
        return None
    codes = []
    for k in range(rounds):
        code = model.integer(0, len(options))
        model.add(code == sum((i + 1) * table[item, k] for i, (table, item) in enumerate(options)))
        codes.append(code)
    for a, b in pairwise(codes):
        model.add(a < b)
    return {item: i for i, (_, item) in enumerate(options)}


def _add_hint(model, hint, order, meet, trio, rounds) -> None:
    """Hint every variable (a partial hint gets lost), rounds sorted as the symmetry
    breaking wants them."""
    tables = [[tuple(sorted(t)) for t in rnd] for rnd in hint][:rounds]
    if order is not None:
        tables.sort(key=lambda rnd: min((order[t] for t in rnd if t in order), default=-1))
    chosen = {(t, k) for k, rnd in enumerate(tables) for t in rnd}
    for (e, k), var in meet.items():
        model.hint(var, (e, k) in chosen)
    for (t, k), var in trio.items():
        model.hint(var, (t, k) in chosen)


def solve_exact(built: ExactModel, limits: Limits) -> tuple[Selection, dict[Pair, int]]:
    """The chosen pairs and triangles (the k-th triangle sits in round k) and each pair's
    round, in the form the two-step planner produces. Stops early at the score cap."""
    if built.best_possible is not None:
        limits = replace(limits, stop_at=built.best_possible)
    solution = solve(built.model, limits)
    if not solution.found:
        return Selection(solution.status), {}
    assignment = {e: k + 1 for (e, k), var in built.meet.items() if solution.true(var)}
    by_round = {k: t for (t, k), var in built.trio.items() if solution.true(var)}
    triangles = tuple(by_round[k] for k in sorted(by_round))
    pairs = set(assignment) | {e for t in triangles for e in triangle_pairs(t)}
    return Selection(solution.status, frozenset(pairs), triangles), assignment

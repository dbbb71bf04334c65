"""A proven upper bound on the score of any plan (contract metric `upper_bound`).

LP relaxation solved with OR-Tools GLOP: one variable in [0, 1] per allowed pair, each person's
meetings limited by the rounds they sit (plus the extra partner a trio gives), and, for plans
with full sector coverage, at least the required number of other sectors met. Every real plan
is a feasible point of this LP, so its optimum bounds every plan's score from above.

Trios (odd count): one variable per triangle of allowed pairs, one triangle per trio round, its
three pairs chosen and its members one partner more. With too many triangles (hundreds of
people) a smaller model gives up to three people per trio round one partner more, wherever the
LP likes - weaker (0.06% on 301 people), still a relaxation of every real plan.

Large lists (column generation): the LP starts with each person's best pairs only. Its duals
price every other pair; by LP duality, the restricted optimum plus every positive price is an
upper bound for the full LP, so the bound stays proven whether or not the loop runs to the
end. Pairs with a positive price join, until none is left (then the value is the full LP's).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.linear_solver import pywraplp

from matching.evaluation.metrics import rounds_present
from matching.model import OddMode, Participant, Plan, Sector
from matching.pairs import Pair
from matching.planning.trios import Triangle, all_triangles, triangle_pairs
from matching.scoring import History, coverage_needs, pair_weights, without_seated_pairs

TRIANGLE_LIMIT = 40_000  # above (about 65 people), a weaker but much faster trio model
FULL_LP_PAIRS = 20_000  # up to this many pairs (about 200 people) one LP over all of them
PRICING_ROUNDS = 12  # column generation stops here at the latest (the bound stays valid)
TRIANGLES_PER_PERSON = 4  # triangles the LP starts with, per person


@dataclass(frozen=True, slots=True)
class BoundResult:
    value: float
    coverage_attainable: bool
    pair_values: Mapping[Pair, float] = field(default_factory=dict)
    seconds: float = 0.0
    triangle_values: Mapping[Triangle, float] = field(default_factory=dict)


def _rounds_map(
    participants: Sequence[Participant], rounds: Mapping[str, int] | int
) -> dict[str, int]:
    if isinstance(rounds, int):
        return {p.id: rounds for p in participants}
    return {p.id: int(rounds.get(p.id, 0)) for p in participants}


def bound_for_plan(
    participants: Sequence[Participant],
    plan: Plan,
    odd: OddMode | None = None,
    history: History | None = None,
) -> BoundResult:
    """The bound a given plan (also a re-planned one) is judged by: each person's rounds in
    it, as many tables of three as it has. Two seated people never meet when both are in
    every round of a plan of two rounds or more (one table number each), so their pairs
    are left out then."""
    present = rounds_present(plan)
    counts = {p.id: present.get(p.id, 0) for p in participants}
    trio_rounds = sum(any(len(t.members) == 3 for t in rnd.tables) for rnd in plan.rounds)
    if odd is OddMode.REST:
        trio_rounds = 0
    weights = pair_weights([p for p in participants if counts[p.id] > 0], history)
    seated = [p for p in participants if p.stays_seated]
    if len(plan.rounds) > 1 and all(counts[p.id] in (0, len(plan.rounds)) for p in seated):
        weights = without_seated_pairs(weights, seated)
    return upper_bound(participants, counts, odd or OddMode.TRIO, weights, trio_rounds=trio_rounds)


def upper_bound(
    participants: Sequence[Participant],
    rounds_present: Mapping[str, int] | int,
    odd: OddMode = OddMode.TRIO,
    weights: Mapping[Pair, int] | None = None,
    *,
    with_coverage: bool = True,
    trio_rounds: int | None = None,
    deadline: float | None = None,
) -> BoundResult:
    """The LP bound; falls back to the bound without coverage when coverage is unattainable.

    trio_rounds: rounds with a table of three (default: all rounds when the count is odd and
    odd is TRIO); a re-planned event knows it per round.
    """
    start = time.perf_counter()
    present = _rounds_map(participants, rounds_present)
    people = [p for p in participants if present[p.id] > 0]
    if weights is None:
        weights = pair_weights(people)
    ids = {p.id for p in people}
    pairs = [(a, b) for (a, b) in weights if a in ids and b in ids]
    if not pairs:
        return BoundResult(0.0, True, {}, time.perf_counter() - start)
    if trio_rounds is None:
        odd_count = len(people) % 2 == 1 and odd is OddMode.TRIO
        trio_rounds = max(present[p.id] for p in people) if odd_count else 0
    triangles = all_triangles(pairs, TRIANGLE_LIMIT) if trio_rounds > 0 else []
    rest = len(people) % 2 == 1 and odd is OddMode.REST and len(set(present.values())) == 1
    shape = _Shape(people, present, weights, trio_rounds, triangles, rest)
    result = _solve(shape, pairs, with_coverage, deadline)
    attainable = True
    if result is None and with_coverage:
        result = _solve(shape, pairs, False, deadline)
        attainable = False
    value, values, triangle_values = result if result else (0.0, {}, {})
    return BoundResult(value, attainable, values, time.perf_counter() - start, triangle_values)


@dataclass(frozen=True)
class _Shape:
    people: list[Participant]
    present: dict[str, int]
    weights: Mapping[Pair, int]
    trio_rounds: int
    triangles: list[Triangle] | None  # None: too many, extra partners instead
    rest: bool


def _out_of_time(deadline: float | None) -> bool:
    """Pricing may stop early: the value plus every positive price is still a bound."""
    return deadline is not None and time.perf_counter() > deadline


def _solve(shape: _Shape, pairs: list[Pair], with_coverage: bool, deadline=None):
    """(value, pair values, triangle values), or None when the LP has no solution."""
    if len(pairs) <= FULL_LP_PAIRS or shape.triangles:
        lp = _Lp(shape, with_coverage)
        lp.add_pairs(pairs)
        if not shape.triangles:
            return (lp.value() + 1e-6, lp.pair_values(), {}) if lp.solve() else None
        return _price_triangles(lp, shape.triangles, deadline)
    return _solve_by_pricing(shape, pairs, with_coverage, deadline)


def _price_triangles(lp: _Lp, triangles: list[Triangle], deadline: float | None = None):
    """All pairs, triangles by column generation: start with each person's best triangles,
    add those with a positive price (value + positive prices is a bound at every step)."""
    weights = lp.shape.weights
    best: dict[str, list[tuple[int, Triangle]]] = {}
    for t in triangles:
        w = sum(weights[e] for e in triangle_pairs(t))
        for member in t:
            best.setdefault(member, []).append((w, t))
    start = {
        t for own in best.values() for _, t in sorted(own, reverse=True)[:TRIANGLES_PER_PERSON]
    }
    lp.add_triangles(sorted(start))
    pricer = _TrianglePricer(lp, triangles)
    for step in range(PRICING_ROUNDS + 1):
        if not lp.solve():
            return None
        prices = pricer.prices()
        gain = float(prices.sum())
        if gain <= 1e-6 or step == PRICING_ROUNDS or _out_of_time(deadline):
            break
        best_first = np.argsort(-prices, kind="stable")[: 40 * len(best)]
        lp.add_triangles([triangles[k] for k in best_first if prices[k] > 0])
    return lp.value() + gain + 1e-6, lp.pair_values(), lp.triangle_values()


class _TrianglePricer:
    """Reduced costs of all triangles at once (numpy: 10k triangles in well under 1 ms).
    A triangle's column: -1 in its members' degree rows, +1 in the trio-round row and in the
    rows of its three pairs. A pair row that does not exist yet has dual 0, which leaves every
    pair's own reduced cost as it is."""

    def __init__(self, lp: _Lp, triangles: list[Triangle]) -> None:
        self.lp = lp
        self.triangles = triangles
        self.people = list(lp.degree)
        index = {pid: k for k, pid in enumerate(self.people)}
        self.members = np.array([[index[m] for m in t] for t in triangles], dtype=np.int64)
        self.pairs = sorted({e for t in triangles for e in triangle_pairs(t)})
        pair_index = {e: k for k, e in enumerate(self.pairs)}
        self.pair_rows = np.array(
            [[pair_index[e] for e in triangle_pairs(t)] for t in triangles], dtype=np.int64
        )

    def prices(self) -> np.ndarray:
        """Positive prices of the triangles not in the LP; 0 for all others."""
        lp = self.lp
        degree = np.array([lp.degree[pid].dual_value() for pid in self.people])
        rows = np.zeros(len(self.pairs))
        for k, e in enumerate(self.pairs):
            row = lp.triangle_rows.get(e)
            if row is not None:
                rows[k] = row.dual_value()
        price = degree[self.members].sum(axis=1) - rows[self.pair_rows].sum(axis=1)
        price -= lp.trio_total.dual_value()
        inside = np.array([t in lp.tri for t in self.triangles], dtype=bool)
        price[inside] = 0.0
        return np.where(price > 1e-9, price, 0.0)


def _solve_by_pricing(
    shape: _Shape, pairs: list[Pair], with_coverage: bool, deadline: float | None = None
):
    lp = _Lp(shape, with_coverage)
    per_person = 3 * max(shape.present.values()) + 4
    lp.add_pairs(_starting_pairs(shape, pairs, per_person))
    while not lp.solve():
        if not with_coverage or per_person > len(shape.people):
            return None  # infeasible even with many pairs per person: ask the full LP
        per_person *= 2  # too few pairs to cover every sector: start wider
        lp.add_pairs(_starting_pairs(shape, pairs, per_person))
    for _ in range(PRICING_ROUNDS):
        prices = lp.prices(pairs)
        gain = sum(prices.values())
        if gain <= 1e-6 or _out_of_time(deadline):
            break
        lp.add_pairs(sorted(prices, key=prices.__getitem__, reverse=True)[: 4 * len(shape.people)])
        if not lp.solve():  # cannot happen (more columns), but never report a wrong bound
            return None
    else:
        gain = sum(lp.prices(pairs).values())
    return lp.value() + gain + 1e-6, lp.pair_values(), {}


def _starting_pairs(shape: _Shape, pairs: list[Pair], per_person: int) -> set[Pair]:
    """Each person's best pairs, and their best into each other sector."""
    sector_of = {p.id: p.sector for p in shape.people}
    mine: dict[tuple[str, Sector | None], list[Pair]] = {}
    for e in pairs:
        a, b = e
        for me, other in ((a, b), (b, a)):
            mine.setdefault((me, None), []).append(e)
            mine.setdefault((me, sector_of[other]), []).append(e)
    chosen: set[Pair] = set()
    for (_, sector), own in mine.items():
        count = per_person if sector is None else per_person // 3
        chosen.update(sorted(own, key=lambda e: (-shape.weights[e], e))[:count])
    return chosen


class _Lp:
    """The bound's LP, built with coefficient calls (10x faster than expressions at n=300),
    open for more pair columns."""

    def __init__(self, shape: _Shape, with_coverage: bool) -> None:
        self.shape = shape
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        infinity = self.solver.infinity()
        self.x: dict[Pair, pywraplp.Variable] = {}
        self.tri: dict[Triangle, pywraplp.Variable] = {}
        self.triangle_rows: dict[Pair, pywraplp.Constraint] = {}  # triangles on a pair <= pair
        self.degree = {
            p.id: self.solver.Constraint(-infinity, shape.present[p.id]) for p in shape.people
        }
        n = len(shape.people)
        max_rounds = max(shape.present.values())
        # Rest mode: one person rests every round, so (n - 1) / 2 tables per round.
        self.seats = (
            self.solver.Constraint(-infinity, max_rounds * (n - 1) / 2) if shape.rest else None
        )
        self.trio_total = None
        if shape.trio_rounds > 0 and shape.triangles is not None:
            self.trio_total = self.solver.Constraint(-infinity, shape.trio_rounds)
        elif shape.trio_rounds > 0:
            self._add_extra_partners()
        self.sector_of = {p.id: p.sector for p in shape.people}
        self.coverage: dict[tuple[str, Sector], pywraplp.Constraint] = {}
        if with_coverage:
            self._add_coverage_rows()
        self.solver.Objective().SetMaximization()

    def _add_extra_partners(self) -> None:
        """Without triangles: a trio gives its three members one partner more, so at most
        3 extra partners per trio round, at most one per person and round."""
        total = self.solver.Constraint(-self.solver.infinity(), 3 * self.shape.trio_rounds)
        for pid, row in self.degree.items():
            extra = self.solver.NumVar(
                0.0, min(self.shape.present[pid], self.shape.trio_rounds), ""
            )
            row.SetCoefficient(extra, -1.0)
            total.SetCoefficient(extra, 1.0)

    def _add_coverage_rows(self) -> None:
        """For each person: y[s] <= meetings with sector s, sum of y >= sectors required."""
        needs = coverage_needs(self.shape.people, self.shape.present)
        for p in self.shape.people:
            need = needs[p.id]
            if need.count == 0:
                continue
            total = self.solver.Constraint(need.count, self.solver.infinity())
            for sector in sorted(need.sectors, key=lambda s: s.value):
                y = self.solver.NumVar(0.0, 1.0, "")
                total.SetCoefficient(y, 1.0)
                row = self.solver.Constraint(0.0, self.solver.infinity())  # sum(x) - y >= 0
                row.SetCoefficient(y, -1.0)
                self.coverage[(p.id, sector)] = row

    def add_pairs(self, pairs) -> None:
        """New pair columns, in sorted order whatever the caller passes (a set's order
        changes with the process's hash seed, and the LP's answer with the column order)."""
        objective = self.solver.Objective()
        for e in sorted(pairs):
            if e in self.x:
                continue
            a, b = e
            var = self.x[e] = self.solver.NumVar(0.0, 1.0, "")
            objective.SetCoefficient(var, self.shape.weights[e])
            self.degree[a].SetCoefficient(var, 1.0)
            self.degree[b].SetCoefficient(var, 1.0)
            for row in (
                self.coverage.get((a, self.sector_of[b])),
                self.coverage.get((b, self.sector_of[a])),
            ):
                if row is not None:
                    row.SetCoefficient(var, 1.0)
            if self.seats is not None:
                self.seats.SetCoefficient(var, 1.0)

    def add_triangles(self, triangles) -> None:
        """At most one triangle per trio round, never sharing a pair; its members sit with one
        person more. (At most, not exactly: a re-planned round may lose its odd one out.)"""
        infinity = self.solver.infinity()
        pair_rows = self.triangle_rows
        for t in triangles:
            if t in self.tri:
                continue
            var = self.tri[t] = self.solver.NumVar(0.0, 1.0, "")
            self.trio_total.SetCoefficient(var, 1.0)
            for member in t:
                self.degree[member].SetCoefficient(var, -1.0)
            for pair in triangle_pairs(t):
                row = pair_rows.get(pair)
                if row is None:  # sum of triangles on a pair <= that pair
                    row = pair_rows[pair] = self.solver.Constraint(-infinity, 0.0)
                    row.SetCoefficient(self.x[pair], -1.0)
                row.SetCoefficient(var, 1.0)

    def solve(self) -> bool:
        return self.solver.Solve() == pywraplp.Solver.OPTIMAL

    def value(self) -> float:
        return self.solver.Objective().Value()

    def pair_values(self) -> dict[Pair, float]:
        return {e: v.solution_value() for e, v in self.x.items() if v.solution_value() > 1e-6}

    def triangle_values(self) -> dict[Triangle, float]:
        return {t: v.solution_value() for t, v in self.tri.items() if v.solution_value() > 1e-6}

    def prices(self, pairs) -> dict[Pair, float]:
        """Positive reduced costs of the pairs not in the LP, at the current duals."""
        degree = {pid: row.dual_value() for pid, row in self.degree.items()}
        coverage = {k: row.dual_value() for k, row in self.coverage.items()}
        seats = self.seats.dual_value() if self.seats is not None else 0.0
        sector_of = self.sector_of
        out = {}
        for e in pairs:
            if e in self.x:
                continue
            a, b = e
            price = self.shape.weights[e] - degree[a] - degree[b] - seats
            price -= coverage.get((a, sector_of[b]), 0.0) + coverage.get((b, sector_of[a]), 0.0)
            if price > 1e-9:
                out[e] = price
        return out

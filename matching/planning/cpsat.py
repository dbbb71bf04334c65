"""The two CP-SAT models of the planner, each built in one function and solved in another.

1. selection: which pairs meet at all (everyone exactly `degree` partners, coverage first,
   then score) - a degree-constrained subgraph over the shortlist, with an odd count also
   which triangles are the tables of three;
2. rounds: which round each chosen pair meets in (everyone one partner per round) - an edge
   colouring of that subgraph, the k-th triangle in round k.
No OR-Tools type leaves this module; statuses map onto `SolveStatus`. `Limits` and `Budget`
give every solve deterministic time (same seed, same plan) with the clock as a safety net.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from ortools.sat.python import cp_model

from matching.pairs import Pair, incident_pairs
from matching.planning.trios import Triangle, triangle_pairs


class SolveStatus(Enum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"  # time ran out before any solution


_STATUS = {
    cp_model.OPTIMAL: SolveStatus.OPTIMAL,
    cp_model.FEASIBLE: SolveStatus.FEASIBLE,
    cp_model.INFEASIBLE: SolveStatus.INFEASIBLE,
    cp_model.MODEL_INVALID: SolveStatus.INFEASIBLE,
}


@dataclass(frozen=True, slots=True)
class Limits:
    """Deterministic time makes a seeded run repeatable: give `seconds` from the user's time
    limit, never from the clock. Wall time (`wall_seconds`, default the same) is only the safety
    net that keeps the deadline on a slow machine."""

    seconds: float
    seed: int = 0
    workers: int = 1
    linearization: int = 1  # 2 gives the selection model LP bounds strong enough to stop early
    stop_at: float | None = None  # an objective value known to be the best possible
    wall_seconds: float | None = None
    clock_stops: list | None = field(default=None, compare=False)  # told when the clock stopped


@dataclass(frozen=True, slots=True)
class Budget:
    """Shares of the user's time limit for the solver calls of one plan."""

    time_limit: float
    deadline: float  # time.perf_counter() value
    # Solves the wall clock (not deterministic time) ended: then another run on this machine
    # may give another plan, and the plan says so.
    clock_stops: list = field(default_factory=list, compare=False)

    def remaining(self) -> float:
        return self.deadline - time.perf_counter()

    def limits(self, share: float, seed: int, workers: int, **options) -> Limits:
        return Limits(
            max(0.05, share * self.time_limit),
            seed,
            workers,
            wall_seconds=max(0.2, 0.9 * self.remaining()),
            clock_stops=self.clock_stops,
            **options,
        )


class Model:
    """A CP-SAT model in the planner's words. Every model of the project (selection, rounds,
    one-model plan, re-planning) is built through this class and solved by `solve`, so
    OR-Tools stays behind this module and every solve follows one time policy."""

    __slots__ = ("_model",)

    def __init__(self) -> None:
        self._model = cp_model.CpModel()

    def boolean(self):
        return self._model.NewBoolVar("")

    def integer(self, low: int, high: int):
        return self._model.NewIntVar(low, high, "")

    def constant(self, value: int):
        return self._model.NewConstant(value)

    def add(self, constraint, *, only_if=None) -> None:
        """A linear (in)equality; with only_if, enforced only when that boolean is true."""
        made = self._model.Add(constraint)
        if only_if is not None:
            made.OnlyEnforceIf(only_if)

    def any_of(self, booleans: Sequence, *, only_if=None) -> None:
        made = self._model.AddBoolOr(list(booleans))
        if only_if is not None:
            made.OnlyEnforceIf(only_if)

    def exactly_one(self, booleans) -> None:
        self._model.AddExactlyOne(list(booleans))

    def at_most_one(self, booleans) -> None:
        self._model.AddAtMostOne(list(booleans))

    def maximize(self, objective) -> None:
        self._model.Maximize(objective)

    def hint(self, variable, value: bool | int) -> None:
        self._model.AddHint(variable, int(value))


@dataclass(frozen=True, slots=True)
class Solution:
    """A solve's status and, when a solution was found, the values of its variables."""

    status: SolveStatus
    _solver: object | None = None

    @property
    def found(self) -> bool:
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)

    def true(self, variable) -> bool:
        return bool(self._solver.BooleanValue(variable))  # type: ignore[union-attr]

    def objective(self) -> float:
        return float(self._solver.ObjectiveValue())  # type: ignore[union-attr]


class _StopAt(cp_model.CpSolverSolutionCallback):
    """Stops the search at a solution as good as a proven bound says anything can be."""

    def __init__(self, target: float) -> None:
        super().__init__()
        self.target = target
        self.reached = False

    def on_solution_callback(self) -> None:
        if self.ObjectiveValue() >= self.target - 1e-6:
            self.reached = True
            self.StopSearch()


def solve(model: Model, limits: Limits) -> Solution:
    """The one time policy: deterministic time from the limits (same seed, same answer), the
    wall clock only as a safety net; a small worker count (0 would mean every core)."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, limits.workers)
    solver.parameters.random_seed = limits.seed
    solver.parameters.max_deterministic_time = max(0.05, limits.seconds)
    wall = limits.seconds if limits.wall_seconds is None else limits.wall_seconds
    solver.parameters.max_time_in_seconds = max(0.1, wall)
    solver.parameters.linearization_level = limits.linearization
    callback = _StopAt(limits.stop_at) if limits.stop_at is not None else None
    status = _STATUS.get(solver.Solve(model._model, callback), SolveStatus.UNKNOWN)
    reached = callback is not None and callback.reached
    ended = status in (SolveStatus.FEASIBLE, SolveStatus.UNKNOWN) and not reached
    if (
        limits.clock_stops is not None
        and ended
        and solver.wall_time >= 0.95 * max(0.1, wall)
        and solver.deterministic_time < 0.95 * limits.seconds
    ):
        limits.clock_stops.append(solver.wall_time)
    return Solution(
        status, solver if status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE) else None
    )


@dataclass
class SelectionModel:
    model: Model
    x: dict[Pair, object]
    covered: dict[str, object]
    trio: dict[Triangle, object]


def build_selection(
    nodes: Sequence[str],
    pairs: Sequence[Pair],
    weights: Mapping[Pair, int],
    degree: Mapping[str, int],
    coverage: Mapping[str, tuple[int, Mapping[str, list[Pair]]]],
    coverage_weight: int | None,
    hint: set[Pair] | None = None,
    *,
    triangles: Sequence[Triangle] = (),
    trio_rounds: int = 0,
    triangle_hint: set[Triangle] | None = None,
) -> SelectionModel:
    """Everyone gets exactly `degree[node]` partners from `pairs`.

    trio_rounds > 0: exactly that many of `triangles` are tables of three; their pairs are
    chosen pairs (each pair in one triangle at most) and their members get one partner more.
    coverage[node] = (count, {sector: pairs into that sector}): meeting `count` of those
    sectors earns `coverage_weight`, chosen larger than any score difference, so coverage comes
    first and the score second. coverage_weight None makes coverage a hard rule (stronger
    propagation; use it when the LP says full coverage is attainable).
    """
    model = Model()
    x = {pair: model.boolean() for pair in pairs}
    by_node = incident_pairs(pairs)
    trio, in_trio = _trio_variables(model, x, triangles, trio_rounds)
    for node in nodes:
        extra = sum(in_trio.get(node, []))
        model.add(sum(x[e] for e in by_node.get(node, [])) == degree[node] + extra)
    covered: dict[str, object] = {}
    for node, (count, into) in coverage.items():
        if count <= 0:
            continue
        flag = model.constant(1) if coverage_weight is None else model.boolean()
        reached = []
        for sector_pairs in into.values():
            met = model.boolean()
            present = [x[e] for e in sector_pairs if e in x]
            if not present:
                model.add(met == 0)
            else:
                model.any_of(present, only_if=met)
            reached.append(met)
        if coverage_weight is None:
            model.add(sum(reached) >= count)
        else:
            model.add(sum(reached) >= count, only_if=flag)
            covered[node] = flag
    score = sum(weights.get(e, 0) * v for e, v in x.items())
    if coverage_weight is None:
        model.maximize(score)
    else:
        model.maximize(coverage_weight * sum(covered.values()) + score)
    if hint:
        for pair, var in x.items():
            model.hint(var, pair in hint)
        for t, var in trio.items():
            model.hint(var, t in (triangle_hint or set()))
    return SelectionModel(model, x, covered, trio)


def _trio_variables(model, x, triangles, trio_rounds):
    """One boolean per usable triangle; exactly `trio_rounds` of them, no pair in two."""
    trio: dict[Triangle, object] = {}
    in_trio: dict[str, list] = {}
    on_pair: dict[Pair, list] = {}
    if trio_rounds <= 0:
        return trio, in_trio
    for t in triangles:
        if all(e in x for e in triangle_pairs(t)):
            var = trio[t] = model.boolean()
            for member in t:
                in_trio.setdefault(member, []).append(var)
            for e in triangle_pairs(t):
                on_pair.setdefault(e, []).append(var)
    model.add(sum(trio.values()) == trio_rounds)
    for e, on in on_pair.items():
        model.add(sum(on) <= x[e])
    return trio, in_trio


@dataclass(frozen=True, slots=True)
class Selection:
    status: SolveStatus
    pairs: frozenset[Pair] = frozenset()
    triangles: tuple[Triangle, ...] = ()


def solve_selection(built: SelectionModel, limits: Limits) -> Selection:
    solution = solve(built.model, limits)
    if not solution.found:
        return Selection(solution.status)
    chosen = frozenset(pair for pair, var in built.x.items() if solution.true(var))
    trios = tuple(sorted(t for t, var in built.trio.items() if solution.true(var)))
    return Selection(solution.status, chosen, trios)


@dataclass
class RoundsModel:
    model: Model
    r: dict[tuple[Pair, int], object]
    rounds: int


def build_rounds(
    nodes: Sequence[str],
    edges: Sequence[Pair],
    rounds: int,
    anchor: str | None,
    triangles: Sequence[Triangle] = (),
) -> RoundsModel:
    """Each chosen pair meets in exactly one round; each person has one partner per round.

    The anchor's partners are fixed to rounds 1..R in order: rounds are interchangeable, and
    breaking that symmetry saves the solver from exploring R! copies of every answer.
    Triangles (tables of three, one per round) are fixed to rounds 1, 2, ... the same way; the
    pairs inside them are not in `edges`.
    """
    model = Model()
    r = {(e, k): model.boolean() for e in edges for k in range(rounds)}
    for e in edges:
        model.exactly_one(r[e, k] for k in range(rounds))
    by_node = incident_pairs(edges)
    seated_in_trio = {(member, k) for k, t in enumerate(triangles) for member in t}
    for node in nodes:
        for k in range(rounds):
            mine = [r[e, k] for e in by_node.get(node, [])]
            if (node, k) in seated_in_trio:
                for var in mine:
                    model.add(var == 0)
            else:
                model.exactly_one(mine)
    if anchor is not None and not triangles:
        for k, e in enumerate(sorted(by_node.get(anchor, []))):
            if k < rounds:
                model.add(r[e, k] == 1)
    return RoundsModel(model, r, rounds)


def solve_rounds(built: RoundsModel, limits: Limits) -> tuple[SolveStatus, dict[Pair, int]]:
    solution = solve(built.model, limits)
    if not solution.found:
        return solution.status, {}
    assignment = {e: k + 1 for (e, k), var in built.r.items() if solution.true(var)}
    return solution.status, assignment

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
from dataclasses import dataclass
from enum import Enum

from ortools.sat.python import cp_model

from matching.shortlist import Pair, incident_pairs
from matching.trios import Triangle, triangle_pairs


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


@dataclass(frozen=True, slots=True)
class Budget:
    """Shares of the user's time limit for the solver calls of one plan."""

    time_limit: float
    deadline: float  # time.perf_counter() value

    def remaining(self) -> float:
        return self.deadline - time.perf_counter()

    def limits(self, share: float, seed: int, workers: int, **options) -> Limits:
        return Limits(
            max(0.05, share * self.time_limit),
            seed,
            workers,
            wall_seconds=max(0.2, 0.9 * self.remaining()),
            **options,
        )


class _StopAt(cp_model.CpSolverSolutionCallback):
    """Stops the search at a solution as good as a proven bound says anything can be."""

    def __init__(self, target: float) -> None:
        super().__init__()
        self.target = target

    def on_solution_callback(self) -> None:
        if self.ObjectiveValue() >= self.target - 1e-6:
            self.StopSearch()


def solve_model(model: cp_model.CpModel, limits: Limits) -> tuple[SolveStatus, cp_model.CpSolver]:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, limits.workers)
    solver.parameters.random_seed = limits.seed
    solver.parameters.max_deterministic_time = max(0.05, limits.seconds)
    wall = limits.seconds if limits.wall_seconds is None else limits.wall_seconds
    solver.parameters.max_time_in_seconds = max(0.1, wall)
    solver.parameters.linearization_level = limits.linearization
    callback = _StopAt(limits.stop_at) if limits.stop_at is not None else None
    status = solver.Solve(model, callback)
    return _STATUS.get(status, SolveStatus.UNKNOWN), solver


@dataclass
class SelectionModel:
    model: cp_model.CpModel
    x: dict[Pair, cp_model.IntVar]
    covered: dict[str, cp_model.IntVar]
    trio: dict[Triangle, cp_model.IntVar]


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
    model = cp_model.CpModel()
    x = {pair: model.NewBoolVar("") for pair in pairs}
    by_node = incident_pairs(pairs)
    trio, in_trio = _trio_variables(model, x, triangles, trio_rounds)
    for node in nodes:
        extra = sum(in_trio.get(node, []))
        model.Add(sum(x[e] for e in by_node.get(node, [])) == degree[node] + extra)
    covered: dict[str, cp_model.IntVar] = {}
    for node, (count, into) in coverage.items():
        if count <= 0:
            continue
        flag = model.NewConstant(1) if coverage_weight is None else model.NewBoolVar("")
        reached = []
        for sector_pairs in into.values():
            met = model.NewBoolVar("")
            present = [x[e] for e in sector_pairs if e in x]
            if not present:
                model.Add(met == 0)
            else:
                model.AddBoolOr(present).OnlyEnforceIf(met)
            reached.append(met)
        if coverage_weight is None:
            model.Add(sum(reached) >= count)
        else:
            model.Add(sum(reached) >= count).OnlyEnforceIf(flag)
            covered[node] = flag
    score = sum(weights.get(e, 0) * v for e, v in x.items())
    if coverage_weight is None:
        model.Maximize(score)
    else:
        model.Maximize(coverage_weight * sum(covered.values()) + score)
    if hint:
        for pair, var in x.items():
            model.AddHint(var, pair in hint)
        for t, var in trio.items():
            model.AddHint(var, t in (triangle_hint or set()))
    return SelectionModel(model, x, covered, trio)


def _trio_variables(model, x, triangles, trio_rounds):
    """One boolean per usable triangle; exactly `trio_rounds` of them, no pair in two."""
    trio: dict[Triangle, cp_model.IntVar] = {}
    in_trio: dict[str, list] = {}
    on_pair: dict[Pair, list] = {}
    if trio_rounds <= 0:
        return trio, in_trio
    for t in triangles:
        if all(e in x for e in triangle_pairs(t)):
            var = trio[t] = model.NewBoolVar("")
            for member in t:
                in_trio.setdefault(member, []).append(var)
            for e in triangle_pairs(t):
                on_pair.setdefault(e, []).append(var)
    model.Add(sum(trio.values()) == trio_rounds)
    for e, on in on_pair.items():
        model.Add(sum(on) <= x[e])
    return trio, in_trio


@dataclass(frozen=True, slots=True)
class Selection:
    status: SolveStatus
    pairs: frozenset[Pair] = frozenset()
    triangles: tuple[Triangle, ...] = ()


def solve_selection(built: SelectionModel, limits: Limits) -> Selection:
    status, solver = solve_model(built.model, limits)
    if status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return Selection(status)
    chosen = frozenset(pair for pair, var in built.x.items() if solver.BooleanValue(var))
    trios = tuple(sorted(t for t, var in built.trio.items() if solver.BooleanValue(var)))
    return Selection(status, chosen, trios)


@dataclass
class RoundsModel:
    model: cp_model.CpModel
    r: dict[tuple[Pair, int], cp_model.IntVar]
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
    model = cp_model.CpModel()
    r = {(e, k): model.NewBoolVar("") for e in edges for k in range(rounds)}
    for e in edges:
        model.AddExactlyOne(r[e, k] for k in range(rounds))
    by_node = incident_pairs(edges)
    seated_in_trio = {(member, k) for k, t in enumerate(triangles) for member in t}
    for node in nodes:
        for k in range(rounds):
            mine = [r[e, k] for e in by_node.get(node, [])]
            if (node, k) in seated_in_trio:
                for var in mine:
                    model.Add(var == 0)
            else:
                model.AddExactlyOne(mine)
    if anchor is not None and not triangles:
        for k, e in enumerate(sorted(by_node.get(anchor, []))):
            if k < rounds:
                model.Add(r[e, k] == 1)
    return RoundsModel(model, r, rounds)


def solve_rounds(built: RoundsModel, limits: Limits) -> tuple[SolveStatus, dict[Pair, int]]:
    status, solver = solve_model(built.model, limits)
    if status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return status, {}
    assignment = {e: k + 1 for (e, k), var in built.r.items() if solver.BooleanValue(var)}
    return status, assignment

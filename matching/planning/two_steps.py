"""Steps 2-4 of the planner (see matching.planning.planner): a shortlist of candidate pairs (and
tables of three), CP-SAT chooses who meets whom, a second CP-SAT model puts them into rounds.
Retries on more pairs, or with the ghost for the odd one out, when a step finds nothing.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from matching.model import OddMode, Participant, Plan
from matching.pairs import GHOST, Pair, incident_pairs
from matching.planning.bound import BoundResult
from matching.planning.colouring import colour_pairs
from matching.planning.cpsat import (
    Budget,
    Selection,
    SolveStatus,
    build_rounds,
    build_selection,
    solve_rounds,
    solve_selection,
)
from matching.planning.greedy import greedy_plan
from matching.planning.shortlist import shortlist
from matching.planning.tables import ghost_weights, make_tables
from matching.planning.trios import Triangle, all_triangles, candidate_triangles, triangle_pairs
from matching.scoring import CoverageNeed, History


class AttemptStatus(Enum):
    FOUND = "found"  # a plan of exactly the rounds tried
    IMPOSSIBLE = "impossible"  # proven: the hard rules allow no such plan
    NOT_FOUND = "not_found"  # time ran out, or the model was too large to try


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one try at exactly R rounds gave. `proven`: nothing can score more."""

    status: AttemptStatus
    plan: Plan | None = None
    proven: bool = False

    @property
    def found(self) -> bool:
        return self.status is AttemptStatus.FOUND


IMPOSSIBLE = Attempt(AttemptStatus.IMPOSSIBLE)
NOT_FOUND = Attempt(AttemptStatus.NOT_FOUND)
NOGOOD_TRIES = 6  # small lists: other choices of pairs when one fits no rounds
ROUNDS_SHARE = 0.25
SELECTION_SHARE = 0.4  # of the time limit, per attempt (most finish far sooner)
FEW_TRIANGLES = 2_000  # up to this many, every triangle of the candidate pairs is a candidate
# From this many people the chosen pairs go into rounds by swaps (`colouring`, well under a
# second) instead of CP-SAT (1000 people: seconds; 2000: none found in 70 s).
SWAPS_FROM = 400


def coverage_terms(people, needs, candidates):
    """Per person: how many sectors they must meet and the candidate pairs into each."""
    sector_of = {p.id: p.sector for p in people}
    by_node = incident_pairs(sorted(candidates))  # sorted: the same model in every process
    terms = {}
    for p in people:
        need = needs[p.id]
        if need.count == 0:
            continue
        into: dict[str, list[Pair]] = {s.value: [] for s in sorted(need.sectors, key=str)}
        for e in by_node.get(p.id, []):
            other = e[0] if e[1] == p.id else e[1]
            if other != GHOST and sector_of[other] in need.sectors:
                into[sector_of[other].value].append(e)
        terms[p.id] = (need.count, into)
    return terms


def _attempts(rounds: int, trio: bool) -> list[tuple[int | None, bool]]:
    """(shortlist width, with triangles) per attempt: None = the default shortlist, 0 = all
    pairs. Trio plans first try real triangles, then the ghost (odd one out joins a table)."""
    widths: list[int | None] = [None, 4 * rounds + 4, 0]
    if not trio:
        return [(w, False) for w in widths]
    return [(None, True), (4 * rounds + 4, True), (4 * rounds + 4, False), (0, False)]


def _colour(nodes, selection, rounds, anchor, budget, seed, workers) -> dict[Pair, int]:
    """Step 4: the chosen pairs (and triangles, one per round) into rounds; {} if they fit none."""
    in_trios = {e for t in selection.triangles for e in triangle_pairs(t)}
    edges = sorted(selection.pairs - in_trios)
    model = build_rounds(nodes, edges, rounds, anchor, selection.triangles)
    _, assignment = solve_rounds(model, budget.limits(ROUNDS_SHARE, seed, workers))
    return assignment


def selection_from_lp(bound, people, weights, rounds, with_triangles) -> Selection | None:
    """The LP's pairs and triangles when they are whole numbers and give everyone exactly
    `rounds` partners (plus one per table of three): then no choice can score more."""
    values = [*bound.pair_values.values(), *bound.triangle_values.values()]
    if any(1e-6 < v < 1 - 1e-6 for v in values):
        return None
    pairs = frozenset(e for e, v in bound.pair_values.items() if v > 0.5)
    trios = tuple(sorted(t for t, v in bound.triangle_values.items() if v > 0.5))
    if any(e not in weights for e in pairs) or len(trios) != (rounds if with_triangles else 0):
        return None
    degree = dict.fromkeys((p.id for p in people), 0)
    for a, b in pairs:
        degree[a] += 1
        degree[b] += 1
    extra = Counter(m for t in trios for m in t)
    if any(degree[pid] != rounds + extra[pid] for pid in degree):
        return None
    return Selection(SolveStatus.OPTIMAL, pairs, trios)


@dataclass(frozen=True)
class PlanTask:
    """One try at a plan of exactly `rounds` rounds: everything its solver calls share."""

    people: Sequence[Participant]
    weights: Mapping[Pair, int]  # allowed pairs
    rounds: int
    odd: OddMode
    ghost: bool  # odd count
    bound: BoundResult
    needs: Mapping[str, CoverageNeed]
    seed: int
    workers: int
    budget: Budget
    rng: random.Random
    report: Callable[[float, str], None]
    history: History | None = None  # how the score (and `weights`) count earlier meetings


def plan_two_steps(task: PlanTask) -> Attempt:
    """Choose pairs, then colour them into rounds (module docstring, steps 2-5)."""
    people, weights, rounds, odd, ghost = (
        task.people,
        task.weights,
        task.rounds,
        task.odd,
        task.ghost,
    )
    bound, needs, rng, seed, workers = task.bound, task.needs, task.rng, task.seed, task.workers
    budget, report = task.budget, task.report
    trio = ghost and odd is OddMode.TRIO
    excluded: set[Pair] = set()
    attempts = _attempts(rounds, trio)
    # Coverage is a hard rule where the LP proved it attainable (stronger propagation); if
    # the integer problem then has no answer at all, it becomes a weight above every score.
    hard_coverage = bound.coverage_attainable
    attempt = -1
    while attempt + 1 < len(attempts):
        attempt += 1
        width, with_triangles = attempts[attempt]
        remaining = budget.remaining()
        if remaining <= 0.2 and attempt > 0:
            return NOT_FOUND
        use_ghost = ghost and not with_triangles
        nodes = [p.id for p in people] + ([GHOST] if use_ghost else [])
        ghost_pairs = ghost_weights(people, weights, rounds, odd) if use_ghost else {}
        all_weights = {**weights, **ghost_pairs}
        selection = selection_model = None
        if attempt == 0 and not use_ghost and bound.coverage_attainable:
            # An integral LP answer is already an optimal choice of pairs (and trios).
            selection = selection_from_lp(bound, people, weights, rounds, with_triangles)
        if selection is None:
            if width == 0:
                candidates = set(all_weights)
            else:
                candidates = shortlist(
                    people, weights, rounds, needs, bound.pair_values, rng, per_person=width
                ) | set(ghost_pairs)
            # The bound's pairs may include two seated people, who can never share a table.
            candidates = {e for e in candidates if e in all_weights and e not in excluded}
            triangles: list[Triangle] = []
            if with_triangles:
                triangles = all_triangles(candidates, FEW_TRIANGLES) or sorted(
                    candidate_triangles(candidates, weights, preferred=bound.triangle_values)
                )
                candidates |= {e for t in triangles for e in triangle_pairs(t)}
            coverage = coverage_terms(people, needs, candidates)
            coverage_weight = None if hard_coverage else sum(all_weights.values()) + 1
            report(0.2 + 0.6 * attempt / len(attempts), "progress.pairs")
            # The LP is often integral or nearly so: its pairs are an excellent first guess.
            hint = {e for e, v in bound.pair_values.items() if v > 0.5}
            selection_model = build_selection(
                nodes,
                sorted(candidates),
                all_weights,
                dict.fromkeys(nodes, rounds),
                coverage,
                coverage_weight,
                hint=hint,
                triangles=triangles,
                trio_rounds=rounds if with_triangles else 0,
                triangle_hint={t for t, v in bound.triangle_values.items() if v > 0.5},
            )
            # Stop as soon as the chosen pairs reach the proven bound (the LP is often integral).
            best_possible = int(bound.value + 1e-6) if hard_coverage and not use_ghost else None
            limits = budget.limits(
                SELECTION_SHARE, seed, workers, linearization=2, stop_at=best_possible
            )
            selection = solve_selection(selection_model, limits)
            if not selection.pairs:
                if selection.status is SolveStatus.INFEASIBLE and width == 0:
                    if not hard_coverage:
                        return IMPOSSIBLE
                    hard_coverage = False
                    attempts.append((0, with_triangles))
                continue
        report(0.3 + 0.6 * attempt / len(attempts), "progress.rounds")
        anchor = GHOST if use_ghost else nodes[0]
        if len(people) >= SWAPS_FROM and not selection.triangles:
            assignment = colour_pairs(sorted(selection.pairs), rounds, seed)
            if len(assignment) < len(selection.pairs):
                if not use_ghost:
                    made = complete_rounds(
                        people, weights, rounds, odd, needs, selection.pairs, assignment
                    )
                    return NOT_FOUND if made is None else Attempt(AttemptStatus.FOUND, made)
                assignment = _colour(nodes, selection, rounds, anchor, budget, seed, workers)
        else:
            assignment = _colour(nodes, selection, rounds, anchor, budget, seed, workers)
        for _ in range(NOGOOD_TRIES if selection_model and len(candidates) <= 2_000 else 0):
            if assignment:
                break
            # Small lists: these pairs fit no rounds - ask the solver for another choice.
            selection_model.model.add(
                sum(selection_model.x[e] for e in selection.pairs) <= len(selection.pairs) - 1
            )
            selection = solve_selection(selection_model, limits)
            if not selection.pairs:
                break
            assignment = _colour(nodes, selection, rounds, anchor, budget, seed, workers)
        if not assignment:
            continue
        reached = sum(weights.get(e, 0) for e in selection.pairs) >= bound.value - 1e-6
        made = make_tables(
            people,
            selection,
            assignment,
            rounds,
            odd,
            use_ghost,
            weights,
            needs,
            improve=not reached,
        )
        if made is None:
            # The ghost's partners could not join a table: forbid those ghost pairs next time.
            excluded |= {e for e in selection.pairs if GHOST in e}
            continue
        # Optimal over all pairs, and no trio added afterwards: then nothing can be better.
        proven = width == 0 and selection.status is SolveStatus.OPTIMAL and not ghost
        return Attempt(AttemptStatus.FOUND, made, proven)
    return NOT_FOUND


def complete_rounds(people, weights, rounds, odd, needs, pairs, assignment) -> Plan | None:
    """Chosen pairs with the rounds the swaps gave them (`colouring`); the few left without a
    round: their people are matched anew round by round (`greedy_plan`, keeping every placed
    pair), so the plan keeps every rule. None if some round finds no complete answer."""
    start: dict[int, list[tuple[str, ...]]] = {}
    for pair, r in sorted(assignment.items()):
        start.setdefault(r, []).append(pair)
    near: dict[str, list[str]] = {}
    for a, b in sorted(pairs):
        if GHOST not in (a, b):
            near.setdefault(a, []).append(b)
            near.setdefault(b, []).append(a)
    return greedy_plan(people, weights, rounds, odd, needs, near=near, start=start)

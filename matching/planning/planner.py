"""plan(): near-optimal pair rotations with a proven quality bound.

Anytime: a round-robin plan first (`rotation`, valid at once for any size), then one built
round by round from each person's best pairs (`greedy`), for large lists the LP's pairs put
into rounds by swaps (`colouring`); every stage below has to beat what is there, and when time
runs out the best so far is the answer.

Pipeline (the benchmark table in the README shows what each step buys):
1. LP bound over all allowed pairs (`bound`) - the bound and the pairs it likes;
2. a shortlist of candidate pairs (`shortlist`);
3. CP-SAT selects who meets whom: everyone exactly R partners, coverage first, then score;
4. CP-SAT puts the chosen pairs into rounds (an edge colouring) - steps 2-4 in `two_steps`;
5. tables are numbered so seated people keep theirs (`tables`).
Odd count: in trio mode steps 3 and 4 choose one triangle (table of three) per round directly
(`trios`); in rest mode, and as a fallback, a "ghost" makes the count even and its partner
takes a break (rest) or joins a table (trio).
If step 3 or 4 fails on the shortlist it retries on more pairs; small lists whose chosen pairs
fit no rounds get the one-model plan (`one_model`); if the rules allow fewer rounds only, it
says why and plans as many as they allow.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from matching.evaluation import compute_metrics
from matching.i18n import Counted, problem
from matching.model import OddMode, Participant, Plan, Problem, Round, Severity
from matching.pairs import GHOST, Pair, key
from matching.planning.bound import BoundResult, upper_bound
from matching.planning.colouring import colour_pairs
from matching.planning.cpsat import (
    Budget,
    SolveStatus,
)
from matching.planning.greedy import greedy_plan
from matching.planning.one_model import build_exact, exact_size, solve_exact
from matching.planning.rotation import rotation_plan
from matching.planning.shortlist import likely_partners
from matching.planning.tables import make_tables
from matching.planning.trios import Triangle, all_triangles
from matching.planning.two_steps import (
    IMPOSSIBLE,
    NOT_FOUND,
    SWAPS_FROM,
    Attempt,
    AttemptStatus,
    PlanTask,
    complete_rounds,
    coverage_terms,
    plan_two_steps,
)
from matching.scoring import History, coverage_needs, pair_weights, without_seated_pairs

DEFAULT_TIME_LIMIT = 20.0  # seconds, enough for 300 people; larger lists get more


def default_time_limit(people: int) -> float:
    """The computing time a list of this size gets unless the user says otherwise: 20 s up to
    300 people, then growing with the list (600 people: 40 s). Usually done much sooner."""
    return max(DEFAULT_TIME_LIMIT, people / 15)


EXACT_LIMIT = 12_000  # one-model plan as a fallback up to (pairs + triangles) x rounds
EXACT_SECONDS = 4.0  # (small lists find their best plan fast; proving it can take long)
EXACT_POLISH = 3_000  # and to improve a two-step plan up to this size,
EXACT_POLISH_SECONDS = 2.0  # for at most this long

SIMPLE_PLAN_PARTNERS = 12  # per person and sector to meet, tried first by the simple plan

Progress = Callable[[float, str], None]  # (share done, i18n key of the stage)


class PlanStatus(Enum):
    OPTIMAL = "optimal"  # provably best (score equals the bound or the solver proved it)
    FEASIBLE = "feasible"  # all rules hold; the bound tells how close to the best
    FEWER_ROUNDS = "fewer_rounds"  # the rules only allow fewer rounds; plan has those
    INFEASIBLE = "infeasible"  # no plan at all


@dataclass(frozen=True, slots=True)
class PlanOutcome:
    plan: Plan
    status: PlanStatus
    problems: tuple[Problem, ...] = ()
    bound: BoundResult | None = None


def _partners_allowed(
    people: Sequence[Participant], weights: dict[Pair, int], ghost: bool
) -> dict[str, int]:
    counts = {p.id: int(ghost) for p in people}
    for a, b in weights:
        counts[a] += 1
        counts[b] += 1
    return counts


def _rounds_possible(people, weights, ghost, rounds) -> tuple[int, list[Problem]]:
    """Nobody can meet more people than they may sit with: say who limits the rounds."""
    counts = _partners_allowed(people, weights, ghost)
    names = {p.id: p for p in people}
    problems = []
    limit = rounds
    for pid, count in sorted(counts.items(), key=lambda kv: kv[1]):
        if count >= rounds:
            break
        person = names[pid]
        limit = min(limit, count)
        problems.append(
            problem(
                "too_few_partners",
                name=person.name,
                organisation=person.organisation,
                people=Counted(count, "person"),
                rounds=Counted(rounds, "round"),
                needed=rounds,
            )
        )
    return limit, problems


def _too_many_seated(people: Sequence[Participant], rounds: int) -> Problem | None:
    """Two seated people keep one table each all event: from two rounds on they can never
    sit together, so at most one per table may stay seated."""
    seated = sum(p.stays_seated for p in people)
    tables = len(people) // 2
    if rounds < 2 or seated <= tables:
        return None
    return problem(
        "too_many_seated",
        seated=Counted(seated, "person"),
        tables=Counted(tables, "table"),
        most=tables,
    )


def _plan_weights(
    people: Sequence[Participant], every_pair: dict[Pair, int] | None = None
) -> dict[Pair, int]:
    """Allowed pairs and their weights, without pairs of two seated people."""
    every_pair = pair_weights(people) if every_pair is None else every_pair
    return without_seated_pairs(every_pair, people)


def proven_bound(
    people: Sequence[Participant],
    rounds: int,
    odd: OddMode = OddMode.TRIO,
    every_pair: dict[Pair, int] | None = None,
    deadline: float | None = None,
) -> BoundResult:
    """The bound a plan of `rounds` rounds is judged by. Two seated people never meet from two
    rounds on (one table number each, all event), so their pairs are left out then."""
    every_pair = pair_weights(people) if every_pair is None else every_pair
    weights = _plan_weights(people, every_pair) if rounds > 1 else every_pair
    return upper_bound(people, rounds, odd, weights, deadline=deadline)


def plan(
    participants: Sequence[Participant],
    rounds: int,
    *,
    odd: OddMode = OddMode.TRIO,
    time_limit: float | None = None,
    seed: int = 0,
    workers: int = 1,
    progress: Progress | None = None,
    history: History | None = None,
) -> PlanOutcome:
    """Plan `rounds` rounds for everyone on the list (see module docstring). time_limit None:
    default_time_limit for the list's size. A history (earlier events of a series) makes
    pairs who met there count less, in the plan and in its score and bound."""
    start = time.perf_counter()
    if time_limit is None:
        time_limit = default_time_limit(len(participants))
    report = progress or (lambda _f, _m: None)
    people = sorted(participants, key=lambda p: p.id)
    odd = OddMode(odd)
    if len(people) < 2 or rounds < 1:
        reason = (
            problem("too_few_people", people=Counted(len(people), "person"))
            if len(people) < 2
            else problem("too_few_rounds")
        )
        return PlanOutcome(Plan((), {}), PlanStatus.INFEASIBLE, (reason,))
    ghost = len(people) % 2 == 1
    # Anytime, first of all: a round-robin plan that keeps every rule (2000 people: about a
    # second), before even the pair weights; every later stage has to beat it.
    report(0.01, "progress.simple")
    first = rotation_plan(people, rounds, odd)
    every_pair = pair_weights(people, history)
    weights = _plan_weights(people, every_pair)

    def bound_for(count: int) -> BoundResult:
        # The bound never starves the solvers: its pricing stops at 40 % of the time limit
        # (cut short, it is a weaker but still proven bound).
        return proven_bound(people, count, odd, every_pair, deadline=start + 0.4 * time_limit)

    # Then one built round by round from each person's best pairs (600 people: about a second).
    simple = _simple_plan(people, weights if rounds > 1 else every_pair, rounds, odd)
    if simple is not None and (first is None or _better(people, simple, first, history)):
        first = simple
    report(0.05, "progress.bound")
    bound = bound_for(rounds)
    if len(people) >= SWAPS_FROM:
        # Large lists: the LP's pairs put into rounds by swaps - seconds, usually within a
        # per cent of the bound, in case the solvers find nothing in their time.
        rounded = _lp_rounded_plan(people, weights, rounds, odd, bound)
        if rounded is not None and (first is None or _better(people, rounded, first, history)):
            first = rounded
    # In one round two seated people may share a table; from two rounds on they never can.
    possible, problems = _rounds_possible(
        people, weights if rounds > 1 else every_pair, ghost, rounds
    )
    seated = _too_many_seated(people, rounds)
    if seated is not None:
        problems = [seated]  # the one reason, not a line per seated person
    possible = max(possible, 1)
    rng = random.Random(seed)
    budget = Budget(time_limit, start + time_limit)
    result = IMPOSSIBLE
    target = possible + 1
    while result.status is AttemptStatus.IMPOSSIBLE and target > 1:
        target -= 1
        if target < rounds:  # judged (and hinted) by the bound for the rounds it tries
            bound = bound_for(target)
        needs = coverage_needs(people, dict.fromkeys((p.id for p in people), target))
        allowed = weights if target > 1 else every_pair
        task = PlanTask(
            people,
            allowed,
            target,
            odd,
            ghost,
            bound,
            needs,
            seed,
            workers,
            budget,
            rng,
            report,
            history,
        )
        result = _plan_rounds(task)
    if target == rounds and first is not None:
        # Anytime: the solvers found nothing in time (or their pairs fit no rounds), or less
        # than the plan built first - that plan keeps every rule too.
        if not result.found or _better(people, first, result.plan, history):
            result = Attempt(AttemptStatus.FOUND, first, False)
            problems.append(problem("simple_plan", Severity.WARNING))
    elif result.status is AttemptStatus.NOT_FOUND:
        simple = _simple_plan(people, weights if target > 1 else every_pair, target, odd)
        if simple is not None:
            result = Attempt(AttemptStatus.FOUND, simple, False)
            problems.append(problem("simple_plan", Severity.WARNING))
    if result.status is AttemptStatus.NOT_FOUND:
        return PlanOutcome(
            Plan((), {}),
            PlanStatus.INFEASIBLE,
            (problem("time_limit"),),
            bound,
        )
    if result.status is AttemptStatus.IMPOSSIBLE:
        return PlanOutcome(
            Plan((), {}),
            PlanStatus.INFEASIBLE,
            tuple(problems) or (problem("no_plan"),),
            bound,
        )
    made, proven = result.plan, result.proven
    if target < rounds:
        if not problems:
            problems.append(
                problem(
                    "rounds_not_reachable",
                    made=Counted(target, "round"),
                    rounds=Counted(rounds, "round"),
                )
            )
        problems.append(
            problem(
                "fewer_rounds",
                Severity.WARNING,
                made=Counted(target, "round"),
                rounds=Counted(rounds, "round"),
            )
        )
        if ghost and odd is OddMode.TRIO:
            # A table of three uses up three pairs a round; a break uses none.
            problems.append(problem("try_rest", Severity.WARNING))
    if bound.coverage_attainable and compute_metrics(people, made).sector_coverage < 1:
        # The LP found full coverage, the plan did not (the whole numbers may not allow it):
        # only the bound without coverage is a bound on this plan.
        loose = upper_bound(
            people, target, odd, weights if target > 1 else every_pair, with_coverage=False
        )
        bound = replace(loose, coverage_attainable=False)
    seconds = time.perf_counter() - start
    metrics = compute_metrics(people, made, None, round(seconds, 3), odd, history).with_bound(
        bound.value, bound.coverage_attainable
    )
    extra = {"odd": odd.value, "seed": seed, "rounds_requested": rounds}
    if history is not None:  # the score (and bound) count known pairs this much less
        extra["history_weight"] = history.penalty
    if budget.clock_stops:  # determinism needs deterministic time; the clock cut in
        extra["clock_stopped"] = len(budget.clock_stops)
        problems.append(problem("clock_stopped", Severity.WARNING))
    final = Plan(made.rounds, metrics.as_dict(), extra)
    report(1.0, "progress.done")
    if target < rounds:
        status = PlanStatus.FEWER_ROUNDS
    elif proven or metrics.score >= bound.value - 1e-6:
        status = PlanStatus.OPTIMAL
    else:
        status = PlanStatus.FEASIBLE
    return PlanOutcome(final, status, tuple(problems), bound)


def _lp_rounded_plan(people, weights, rounds: int, odd: OddMode, bound: BoundResult):
    """The LP's (nearly whole) pairs, at most `rounds` per person, into rounds by swaps; the
    few that fit no round are replaced round by round (`two_steps.complete_rounds`)."""
    if rounds < 2:
        return None
    chosen: list[Pair] = []
    count: dict[str, int] = {}
    by_value = sorted(bound.pair_values.items(), key=lambda item: (-item[1], item[0]))
    for e, value in by_value:
        if value <= 0.5 or e not in weights or count.get(e[0], 0) >= rounds:
            continue
        if count.get(e[1], 0) >= rounds:
            continue
        chosen.append(e)
        count[e[0]] = count.get(e[0], 0) + 1
        count[e[1]] = count.get(e[1], 0) + 1
    needs = coverage_needs(people, dict.fromkeys((p.id for p in people), rounds))
    assignment = colour_pairs(sorted(chosen), rounds)
    return complete_rounds(people, weights, rounds, odd, needs, chosen, assignment)


def _simple_plan(people, weights, rounds: int, odd: OddMode) -> Plan | None:
    """A plan without a solver (`greedy`), trying each person's likely partners first."""
    needs = coverage_needs(people, dict.fromkeys((p.id for p in people), rounds))
    near = likely_partners(people, weights, needs, SIMPLE_PLAN_PARTNERS)
    return greedy_plan(people, weights, rounds, odd, needs, near=near)


def _plan_exact(
    task: PlanTask, *, start: Plan | None = None, max_size: int = EXACT_LIMIT
) -> Attempt:
    """Small lists: the whole plan in one model (`one_model`). Returns (plan, proven),
    IMPOSSIBLE, or NOT_FOUND when the model would be too large or time ran out. `start` is a plan
    to improve on (then at most EXACT_POLISH_SECONDS)."""
    people, weights, rounds = task.people, task.weights, task.rounds
    use_ghost = task.ghost and task.odd is OddMode.REST
    triangles: list[Triangle] | None = []
    if task.ghost and task.odd is OddMode.TRIO:
        triangles = all_triangles(weights, max_size)
    ghost_pairs = {key(GHOST, p.id): 0 for p in people} if use_ghost else {}
    all_weights = {**weights, **ghost_pairs}
    if triangles is None or exact_size(len(all_weights), len(triangles), rounds) > max_size:
        return NOT_FOUND
    nodes = [p.id for p in people] + ([GHOST] if use_ghost else [])
    coverage = coverage_terms(people, task.needs, set(all_weights))
    # Coverage as a weight above every score, so "impossible" means the hard rules only.
    coverage_weight = sum(weights.values()) * 3 + 1
    bound = task.bound
    model = build_exact(
        nodes,
        sorted(all_weights),
        all_weights,
        rounds,
        coverage,
        coverage_weight,
        triangles,
        score_cap=int(bound.value + 1e-6) if bound.coverage_attainable else None,
        hint=[_hint_tables(rnd) for rnd in start.rounds] if start else (),
    )
    # The last resort gets most of what is left; improving a plan only a little.
    seconds = EXACT_POLISH_SECONDS if start is not None else EXACT_SECONDS
    share = min(seconds / task.budget.time_limit, 0.15 if start is not None else 0.8)
    limits = task.budget.limits(share, task.seed, task.workers)
    selection, assignment = solve_exact(model, limits)
    if selection.status is SolveStatus.INFEASIBLE:
        return IMPOSSIBLE
    if not selection.pairs:
        return NOT_FOUND
    made = make_tables(
        people, selection, assignment, rounds, task.odd, use_ghost, weights, task.needs
    )
    if made is None:  # (the one-model plan seats the odd one out itself; never expected)
        return NOT_FOUND
    return Attempt(AttemptStatus.FOUND, made, selection.status is SolveStatus.OPTIMAL)


def _plan_rounds(task: PlanTask) -> Attempt:
    """One attempt at exactly `task.rounds` rounds."""
    found = plan_two_steps(task)
    trio = task.ghost and task.odd is OddMode.TRIO
    # Small lists: chosen pairs may fit no rounds (or no trio) - then the one-model plan.
    if found.status is AttemptStatus.NOT_FOUND or (found is IMPOSSIBLE and trio):
        exact = _plan_exact(task)
        return found if exact is NOT_FOUND else exact
    if not found.found:
        return found
    made = found.plan
    score = compute_metrics(task.people, made, history=task.history).score
    if not found.proven and score < task.bound.value - 1e-6:
        # Tiny lists: the one-model plan, started from this one, may find the last points.
        better = _plan_exact(task, start=made, max_size=EXACT_POLISH)
        if better.found and _better(task.people, better.plan, made, task.history):
            return better
    return found


def _hint_tables(rnd: Round) -> list[tuple[str, ...]]:
    """A round as the one-model plan sees it: the resting person sits with the ghost."""
    return [t.members for t in rnd.tables] + [(GHOST, m) for m in rnd.resting]


def _better(people, new: Plan, old: Plan, history: History | None = None) -> bool:
    a = compute_metrics(people, new, history=history)
    b = compute_metrics(people, old, history=history)
    return (a.sector_coverage, a.score) > (b.sector_coverage, b.score)

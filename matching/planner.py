"""plan(): near-optimal pair rotations with a proven quality bound.

Pipeline (see issue #4 for the measurements behind it):
1. LP bound over all allowed pairs (matching.bound) - the bound and the pairs it likes;
2. a shortlist of candidate pairs (matching.shortlist);
3. CP-SAT selects who meets whom: everyone exactly R partners, coverage first, then score;
4. CP-SAT puts the chosen pairs into rounds (an edge colouring);
5. tables are numbered so seated people keep theirs; with an odd count a "ghost" makes the
   count even and its partner joins a table (trio) or takes a break (rest).
If step 3 or 4 fails on the shortlist it retries on more pairs; if the rules allow fewer
rounds only, it says why and plans as many as they allow.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from matching.bound import BoundResult, upper_bound
from matching.cpsat import (
    Limits,
    SolveStatus,
    build_rounds,
    build_selection,
    solve_rounds,
    solve_selection,
)
from matching.metrics import compute_metrics
from matching.model import OddMode, Participant, Plan, Problem, Round, Severity, Table
from matching.scoring import coverage_needs, pair_weights
from matching.shortlist import Pair, incident_pairs, key, shortlist

DEFAULT_TIME_LIMIT = 20.0
GHOST = "\x00ghost"  # sorts before every real id, so it anchors the round symmetry breaking
INFEASIBLE = "infeasible"

Progress = Callable[[float, str], None]


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


def _problem(code: str, de: str, en: str, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(severity, code, de, en)


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
            _problem(
                "too_few_partners",
                f"{person.name} ({person.organisation}) darf nur mit {count} Personen "
                f"zusammensitzen (gleiche Organisation, „Nicht mit“, beide bleiben sitzen) – "
                f"für {rounds} Runden ohne Wiederholung braucht es {rounds}.",
                f"{person.name} ({person.organisation}) may sit with only {count} people (same "
                f"organisation, avoid, both stay seated) – {rounds} rounds without repeats "
                f"need {rounds}.",
            )
        )
    return limit, problems


def _plan_weights(people: Sequence[Participant]) -> dict[Pair, int]:
    """Allowed pairs and their weights; two seated people could share no table number."""
    seated = {p.id for p in people if p.stays_seated}
    return {
        e: w for e, w in pair_weights(people).items() if not (e[0] in seated and e[1] in seated)
    }


def plan(
    participants: Sequence[Participant],
    rounds: int,
    *,
    odd: OddMode = OddMode.TRIO,
    time_limit: float = DEFAULT_TIME_LIMIT,
    seed: int = 0,
    workers: int = 1,
    progress: Progress | None = None,
) -> PlanOutcome:
    """Plan `rounds` rounds for everyone on the list (see module docstring)."""
    start = time.perf_counter()
    report = progress or (lambda _f, _m: None)
    people = sorted(participants, key=lambda p: p.id)
    odd = OddMode(odd)
    if len(people) < 2 or rounds < 1:
        return PlanOutcome(
            Plan((), {}),
            PlanStatus.INFEASIBLE,
            (
                _problem(
                    "too_few_people",
                    "Für einen Plan braucht es mindestens zwei Personen und eine Runde.",
                    "A plan needs at least two people and one round.",
                ),
            ),
        )
    ghost = len(people) % 2 == 1
    weights = _plan_weights(people)
    report(0.05, "Obergrenze wird berechnet / computing the bound")
    bound = upper_bound(people, rounds, odd, pair_weights(people))
    possible, problems = _rounds_possible(people, weights, ghost, rounds)
    rng = random.Random(seed)
    deadline = start + time_limit
    result = INFEASIBLE
    target = possible + 1
    while result == INFEASIBLE and target > 1:
        target -= 1
        result = _plan_rounds(
            people, weights, target, odd, ghost, bound, rng, seed, workers, deadline, report
        )
    if result is None:
        return PlanOutcome(
            Plan((), {}),
            PlanStatus.INFEASIBLE,
            (
                _problem(
                    "time_limit",
                    "In der Rechenzeit wurde kein Plan gefunden. Bitte die Rechenzeit erhöhen.",
                    "No plan was found within the time limit. Please allow more time.",
                ),
            ),
            bound,
        )
    if result == INFEASIBLE:
        return PlanOutcome(
            Plan((), {}),
            PlanStatus.INFEASIBLE,
            tuple(problems)
            or (
                _problem(
                    "no_plan",
                    "Mit diesen Regeln ist kein Plan möglich (zu viele Personen derselben "
                    "Organisation?).",
                    "No plan is possible with these rules (too many people of one organisation?).",
                ),
            ),
            bound,
        )
    made, proven = result
    if target < rounds:
        if not problems:
            problems.append(
                _problem(
                    "rounds_not_reachable",
                    f"Ohne Wiederholungen und Kolleg:innen-Paare gehen nur {target} von {rounds} "
                    "Runden.",
                    f"Without repeats and colleague pairs only {target} of {rounds} "
                    "rounds are possible.",
                )
            )
        problems.append(
            _problem(
                "fewer_rounds",
                f"Der Plan hat deshalb {target} statt {rounds} Runden.",
                f"The plan therefore has {target} instead of {rounds} rounds.",
                Severity.WARNING,
            )
        )
        bound = upper_bound(people, target, odd, pair_weights(people))
    seconds = time.perf_counter() - start
    metrics = compute_metrics(people, made, bound.value, round(seconds, 3))
    metrics["coverage_attainable"] = bound.coverage_attainable
    final = Plan(made.rounds, metrics, {"odd": odd.value, "seed": seed, "rounds_requested": rounds})
    report(1.0, "Fertig / done")
    if target < rounds:
        status = PlanStatus.FEWER_ROUNDS
    elif proven or metrics["score"] >= bound.value - 1e-6:
        status = PlanStatus.OPTIMAL
    else:
        status = PlanStatus.FEASIBLE
    return PlanOutcome(final, status, tuple(problems), bound)


def _coverage_terms(people, needs, candidates):
    """Per person: how many sectors they must meet and the candidate pairs into each."""
    sector_of = {p.id: p.sector for p in people}
    by_node = incident_pairs(candidates)
    terms = {}
    for p in people:
        need = needs[p.id]
        if need.count == 0:
            continue
        into: dict[str, list[Pair]] = {s.value: [] for s in need.sectors}
        for e in by_node.get(p.id, []):
            other = e[0] if e[1] == p.id else e[1]
            if other != GHOST and sector_of[other] in need.sectors:
                into[sector_of[other].value].append(e)
        terms[p.id] = (need.count, into)
    return terms


def _plan_rounds(people, weights, rounds, odd, ghost, bound, rng, seed, workers, deadline, report):
    """One attempt at exactly `rounds` rounds: (plan, proven optimal), INFEASIBLE when the
    rules make it impossible, or None when no plan was found in time."""
    needs = coverage_needs(people, {p.id: rounds for p in people})
    nodes = [p.id for p in people] + ([GHOST] if ghost else [])
    ghost_pairs = _ghost_weights(people, weights, rounds, odd) if ghost else {}
    all_weights = {**weights, **ghost_pairs}
    widths = [None, 4 * rounds + 4, 0]  # shortlist, wider shortlist, all pairs
    excluded: set[Pair] = set()
    for attempt, width in enumerate(widths):
        remaining = deadline - time.perf_counter()
        if remaining <= 0.2 and attempt > 0:
            return None
        if width == 0:
            candidates = set(all_weights)
        else:
            candidates = shortlist(
                people, weights, rounds, needs, bound.pair_values, rng, per_person=width
            ) | set(ghost_pairs)
        candidates -= excluded
        coverage = _coverage_terms(people, needs, candidates)
        # Coverage is a hard rule where the LP proved it attainable; else the most people.
        coverage_weight = None if bound.coverage_attainable else int(bound.value) + 1
        report(0.2 + 0.2 * attempt, "Paare werden gewählt / choosing pairs")
        # The LP is often integral or nearly so: its pairs are an excellent first guess.
        hint = {e for e, v in bound.pair_values.items() if v > 0.5}
        selection = build_selection(
            nodes,
            sorted(candidates),
            all_weights,
            dict.fromkeys(nodes, rounds),
            coverage,
            coverage_weight,
            hint=hint,
        )
        budget = max(0.5, (deadline - time.perf_counter()) * 0.6)
        status, chosen, _ = solve_selection(selection, Limits(budget, seed, workers, 2))
        if not chosen:
            if status is SolveStatus.INFEASIBLE and width == 0:
                return INFEASIBLE
            continue
        report(0.5 + 0.2 * attempt, "Runden werden verteilt / sorting into rounds")
        anchor = GHOST if ghost else nodes[0]
        rounds_model = build_rounds(nodes, sorted(chosen), rounds, anchor)
        budget = max(0.5, (deadline - time.perf_counter()) * 0.8)
        _, assignment = solve_rounds(rounds_model, Limits(budget, seed, workers))
        if not assignment:
            continue
        made = _tables(people, chosen, assignment, rounds, odd, ghost, weights, needs)
        if made is None:
            # The ghost's partners could not join a table: forbid those ghost pairs next time.
            excluded |= {e for e in chosen if GHOST in e}
            continue
        # Optimal over all pairs, and no trio added afterwards: then nothing can be better.
        proven = (
            width == 0 and status is SolveStatus.OPTIMAL and not (ghost and odd is OddMode.TRIO)
        )
        return made, proven
    return None


def _ghost_weights(people, weights, rounds, odd) -> dict[Pair, int]:
    """Who should be the odd one out? In trio mode, whoever gains most from two extra
    partners: the weight of their (R+1)th and (R+2)th best pairs, a cautious guess at what a
    trio table adds. In rest mode nobody gains: all zero."""
    if odd is OddMode.REST:
        return {key(GHOST, p.id): 0 for p in people}
    ranked: dict[str, list[int]] = {p.id: [] for p in people}
    for (a, b), w in weights.items():
        ranked[a].append(w)
        ranked[b].append(w)
    out = {}
    for p in people:
        best = sorted(ranked[p.id], reverse=True)
        out[key(GHOST, p.id)] = sum(best[rounds : rounds + 2]) if len(best) > rounds else 0
    return out


def _tables(people, chosen, assignment, rounds, odd, ghost, weights, needs) -> Plan | None:
    """Chosen pairs + their rounds -> numbered tables; seated people keep one number."""
    person = {p.id: p for p in people}
    seated_order = [p.id for p in people if p.stays_seated]
    seat_number = {pid: i + 1 for i, pid in enumerate(seated_order)}
    real_met = {e for e in chosen if GHOST not in e}
    trio_pairs: set[Pair] = set()
    by_round: dict[int, tuple[list[list[str]], list[str]]] = {}
    for k in range(1, rounds + 1):
        pairs = sorted(e for e, r in assignment.items() if r == k)
        tables = [list(e) for e in pairs if GHOST not in e]
        resting: list[str] = []
        lone = next((e[1] if e[0] == GHOST else e[0] for e in pairs if GHOST in e), None)
        if lone is not None:
            if odd is OddMode.REST:
                resting.append(lone)
            else:
                best = None
                for i, (a, b) in enumerate(tables):
                    ea, eb = key(lone, a), key(lone, b)
                    if ea not in weights or eb not in weights:
                        continue
                    if ea in real_met or eb in real_met or ea in trio_pairs or eb in trio_pairs:
                        continue
                    if person[lone].stays_seated and (a in seat_number or b in seat_number):
                        continue
                    gain = weights[ea] + weights[eb]
                    if best is None or gain > best[0]:
                        best = (gain, i)
                if best is None:
                    return None
                table = tables[best[1]]
                trio_pairs.update({key(lone, table[0]), key(lone, table[1])})
                table.append(lone)
        by_round[k] = (tables, resting)
    if odd is OddMode.TRIO and ghost:
        sector_of = {p.id: p.sector for p in people}
        _improve_trios(
            {k: t for k, (t, _) in by_round.items()}, weights, set(seat_number), needs, sector_of
        )
    made_rounds = [_number(k, t, r, seat_number) for k, (t, r) in sorted(by_round.items())]
    return Plan(tuple(made_rounds))


def _improve_trios(tables_by_round, weights, seated: set[str], needs, sector_of) -> None:
    """Local search on the tables of three: let another person be the odd one out when that
    scores more (the trio's extra pairs are chosen after the solver, so they can be improved).
    A move: L leaves trio (L, u, v) and sits with d; d's partner c joins a pair table (x, y).
    Moves never cost anybody sector coverage."""
    met: Counter[Pair] = Counter()
    for tables in tables_by_round.values():
        for table in tables:
            met.update(key(a, b) for i, a in enumerate(table) for b in table[i + 1 :])
    reach: Counter[tuple[str, object]] = Counter()
    for a, b in met:
        reach[a, sector_of[b]] += 1
        reach[b, sector_of[a]] += 1

    def free(a: str, b: str) -> bool:
        e = key(a, b)
        return e in weights and met[e] == 0

    def keeps_coverage(removed: list[Pair], added: list[Pair]) -> bool:
        change: Counter[tuple[str, object]] = Counter()
        for a, b in removed:
            change[a, sector_of[b]] -= 1
            change[b, sector_of[a]] -= 1
        for a, b in added:
            change[a, sector_of[b]] += 1
            change[b, sector_of[a]] += 1
        for person in {who for who, _ in change}:
            need = needs.get(person)
            if need is None or need.count == 0:
                continue
            before = sum(reach[person, s] > 0 for s in need.sectors)
            after = sum(reach[person, s] + change[person, s] > 0 for s in need.sectors)
            if after < min(before, need.count):
                return False
        return True

    for _ in range(4):
        improved = False
        for tables in tables_by_round.values():
            trio_index = next((i for i, t in enumerate(tables) if len(t) == 3), None)
            if trio_index is None:
                continue
            move = _best_trio_move(tables, trio_index, weights, seated, free, keeps_coverage)
            if move is None:
                continue
            lone, keep_pair, j, c, d, x_index = move
            removed = [key(lone, keep_pair[0]), key(lone, keep_pair[1]), key(c, d)]
            tables[trio_index] = list(keep_pair)
            tables[j] = [lone, d]
            tables[x_index] = [*tables[x_index], c]
            added = [key(lone, d), key(c, tables[x_index][0]), key(c, tables[x_index][1])]
            met.subtract(removed)
            met.update(added)
            for sign, pairs in ((-1, removed), (1, added)):
                for a, b in pairs:
                    reach[a, sector_of[b]] += sign
                    reach[b, sector_of[a]] += sign
            improved = True
        if not improved:
            return


def _best_trio_move(tables, trio_index, weights, seated, free, keeps_coverage):
    trio = tables[trio_index]
    best, best_gain = None, 0
    for lone in trio:
        rest = tuple(m for m in trio if m != lone)
        loss = weights[key(lone, rest[0])] + weights[key(lone, rest[1])]
        for j, table in enumerate(tables):
            if j == trio_index or len(table) != 2:
                continue
            for c, d in (table, table[::-1]):
                if not free(lone, d):
                    continue
                base = weights[key(lone, d)] - loss - weights[key(c, d)]
                for x_index, target in enumerate(tables):
                    if x_index == j or (len(target) != 2 and x_index != trio_index):
                        continue
                    x, y = rest if x_index == trio_index else target
                    if not (free(c, x) and free(c, y)):
                        continue
                    if c in seated and (x in seated or y in seated):
                        continue
                    gain = base + weights[key(c, x)] + weights[key(c, y)]
                    if gain > best_gain and keeps_coverage(
                        [key(lone, rest[0]), key(lone, rest[1]), key(c, d)],
                        [key(lone, d), key(c, x), key(c, y)],
                    ):
                        best, best_gain = (lone, rest, j, c, d, x_index), gain
    return best


def _number(
    k: int, tables: list[list[str]], resting: list[str], seat_number: dict[str, int]
) -> Round:
    """Tables of seated people take the seated person's number; the rest count on after them."""
    numbered: list[Table] = []
    taken = set(seat_number.values())
    free = (n for n in range(1, 10_000) if n not in taken)
    for members in sorted(tables, key=lambda m: min(m)):
        fixed = [seat_number[m] for m in members if m in seat_number]
        number = fixed[0] if fixed else next(free)
        numbered.append(Table(number, tuple(sorted(members))))
    numbered.sort(key=lambda t: t.number)
    # Seated numbers with nobody at them this round leave a gap; renumbering would move people.
    return Round(k, tuple(numbered), tuple(resting))

"""Re-planning during an event: no-shows, late arrivals, substitutes, pins, one round anew.

Rounds that happened are frozen. Only the chosen future rounds are solved again, by one CP-SAT
model that keeps as many of their tables as it can (people already looked at their pages),
then maximises the score. Every hard rule holds over the whole event.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from matching.evaluation.metrics import compute_metrics, rounds_present
from matching.evaluation.rules import ATTENDANCE
from matching.i18n import problem
from matching.model import (
    OddMode,
    Participant,
    Plan,
    Problem,
    Round,
    Table,
    same_organisation,
)
from matching.pairs import Pair, key
from matching.planning.bound import bound_for_plan
from matching.planning.planner import PlanStatus
from matching.planning.tables import seat_numbers
from matching.replanning.model import ReplanTask, solve_replan
from matching.replanning.pins import Pin, check_pins
from matching.scoring import History


@dataclass(frozen=True, slots=True)
class ReplanOutcome:
    plan: Plan
    status: PlanStatus
    problems: tuple[Problem, ...] = ()
    tables_kept: int = 0
    tables_changed: int = 0
    changed_people: tuple[str, ...] = ()  # whose next table (first re-planned round) changed
    changed_by_round: Mapping[int, tuple[str, ...]] = field(default_factory=dict)


def _odd_mode(plan: Plan, odd: OddMode | None) -> OddMode:
    if odd is not None:
        return OddMode(odd)
    if plan.extra.get("odd") in ("trio", "rest"):
        return OddMode(plan.extra["odd"])
    return OddMode.REST if any(r.resting for r in plan.rounds) else OddMode.TRIO


def _substitute(rnd: Round, subs: Mapping[str, str]) -> Round:
    tables = tuple(Table(t.number, tuple(subs.get(m, m) for m in t.members)) for t in rnd.tables)
    return Round(rnd.number, tables, tuple(subs.get(m, m) for m in rnd.resting))


def default_replan_time_limit(people: int) -> float:
    """Re-planning happens in the room: 3 s up to 180 people, then growing (300: 5 s). A
    valid plan (old tables kept, the rest matched) exists long before."""
    return max(3.0, people / 60)


def replan(
    plan: Plan,
    participants: Sequence[Participant],
    after_round: int,
    *,
    absent: Iterable[str] = (),
    arrived: Iterable[str] = (),
    substitutes: Mapping[str, str] | None = None,
    pins: Iterable[Pin] = (),
    odd: OddMode | None = None,
    time_limit: float | None = None,
    seed: int = 0,
    history: History | None = None,
) -> ReplanOutcome:
    """Keep rounds 1..after_round, re-plan the rest around absences, arrivals and pins.
    time_limit None: default_replan_time_limit for the list's size. history: pairs who met
    at an earlier event of the series count less (as in `plan`)."""
    if time_limit is None:
        time_limit = default_replan_time_limit(len(participants))
    people = {p.id: p for p in participants}
    absent, arrived = list(dict.fromkeys(absent)), list(dict.fromkeys(arrived))
    subs = dict(substitutes or {})
    pins = list(pins)
    total = len(plan.rounds)
    problems: list[Problem] = []
    in_plan = {m for r in plan.rounds for m in (*r.seated(), *r.resting)}
    if not 0 <= after_round <= total:
        problems.append(problem("after_round_out_of_range", total=total))
    for pid in absent:
        if pid not in in_plan:
            problems.append(problem("absent_not_in_plan", id=pid))
    # Seated after the re-planned point already? (Someone absent earlier may come back.)
    later = {m for r in plan.rounds[max(after_round, 0) :] for m in (*r.seated(), *r.resting)}
    for pid in arrived:
        if pid not in people:
            problems.append(problem("not_in_list", id=pid))
        elif pid in later:
            problems.append(problem("already_planned", name=people[pid].name))
    for old, new in subs.items():
        if old not in in_plan or new not in people or new in later:
            problems.append(problem("bad_substitute", old=old, new=new))
        elif old in people and not same_organisation(people[old], people[new]):
            problems.append(
                problem("substitute_other_org", new=people[new].name, old=people[old].name)
            )
    if problems:
        return ReplanOutcome(plan, PlanStatus.INFEASIBLE, tuple(problems))
    present: dict[int, set[str]] = {}
    for r in range(1, total + 1):
        # Who the plan has in that round (earlier re-plans included), then today's changes.
        before = set(plan.rounds[r - 1].seated()) | set(plan.rounds[r - 1].resting)
        if r <= after_round:
            present[r] = before
        else:
            before = (before - set(subs)) | set(subs.values())
            # Re-planned rounds never seat anyone who is no longer on the list.
            present[r] = ((before - set(absent)) | set(arrived)) & set(people)
    rounds = [
        plan.rounds[r - 1] if r <= after_round else _substitute(plan.rounds[r - 1], subs)
        for r in range(1, total + 1)
    ]
    future = list(range(after_round + 1, total + 1))
    return _resolve(
        Plan(tuple(rounds), plan.metrics, plan.extra),
        participants,
        future,
        present,
        pins,
        _odd_mode(plan, odd),
        time_limit,
        seed,
        keep=True,
        history=history,
    )


def regenerate_round(
    plan: Plan,
    participants: Sequence[Participant],
    round_number: int,
    *,
    pins: Iterable[Pin] = (),
    odd: OddMode | None = None,
    time_limit: float = 3.0,
    seed: int = 0,
    history: History | None = None,
) -> ReplanOutcome:
    """A new arrangement for one round; every other round stays exactly as it is."""
    if not 1 <= round_number <= len(plan.rounds):
        return ReplanOutcome(
            plan,
            PlanStatus.INFEASIBLE,
            (problem("round_out_of_range", round=round_number),),
        )
    on_list = {p.id for p in participants}
    present = {r.number: set(r.seated()) | set(r.resting) for r in plan.rounds}
    present[round_number] &= on_list  # the regenerated round seats nobody who has left
    pins = [p for p in pins if p.round == round_number]
    return _resolve(
        plan,
        participants,
        [round_number],
        present,
        pins,
        _odd_mode(plan, odd),
        time_limit,
        seed,
        keep=False,
        history=history,
    )


def apply_pins(
    plan: Plan,
    participants: Sequence[Participant],
    pins: Iterable[Pin],
    *,
    odd: OddMode | None = None,
    time_limit: float | None = None,
    seed: int = 0,
    history: History | None = None,
) -> ReplanOutcome:
    """Honour the organiser's pins, changing as few tables of the plan as possible."""
    return replan(
        plan,
        participants,
        0,
        pins=pins,
        odd=odd,
        time_limit=time_limit,
        seed=seed,
        history=history,
    )


def _resolve(plan, participants, future, present, pins, odd, time_limit, seed, keep, history=None):
    start = time.perf_counter()
    people = {p.id: p for p in participants}
    frozen = [r for r in plan.rounds if r.number not in future]
    met: set[Pair] = {
        key(a, b)
        for rnd in frozen
        for t in rnd.tables
        for i, a in enumerate(t.members)
        for b in t.members[i + 1 :]
    }
    problems = check_pins(pins, set(future), present, met, people)
    unknown = sorted({m for r in future for m in present[r]} - set(people))
    if unknown:
        problems.append(problem("unknown_ids", ids=", ".join(unknown)))
    if problems:
        return ReplanOutcome(plan, PlanStatus.INFEASIBLE, tuple(problems))
    old = {r.number: r for r in plan.rounds}
    seat = seat_numbers(plan, people, present, future)
    rng = random.Random(seed)
    rested = frozenset(m for rnd in frozen for m in rnd.resting)
    task = ReplanTask(people, future, present, met, old, pins, odd, seat, keep, rested, history)
    result = None
    for widen in (False, True):
        banned: set[tuple[Pair, int]] = set()
        for _attempt in range(6):
            # Deterministic time from the limit (same seed, same plan); the clock is a net.
            wall = max(0.5, 0.7 * time_limit - (time.perf_counter() - start))
            solved = solve_replan(task, widen, rng, (0.7 * time_limit, wall), seed, banned)
            if solved is None:
                break
            rounds_made, failed = solved
            if not failed:
                result = rounds_made
                break
            banned |= failed  # that person found no table to join as third: choose another
        if result is not None:
            break
    if result is None:
        return ReplanOutcome(
            plan,
            PlanStatus.INFEASIBLE,
            (problem("replan_infeasible"),),
        )
    new_rounds = {r.number: r for r in frozen}
    new_rounds.update(result)
    rounds = tuple(new_rounds[n] for n in sorted(new_rounds))
    made = Plan(rounds)
    kept = changed = 0
    by_round: dict[int, tuple[str, ...]] = {}
    for r in future:
        before = {frozenset(t.members): t.number for t in old[r].tables}
        moved = []
        for table in result[r].tables:
            if before.get(frozenset(table.members)) == table.number:
                kept += 1
            else:
                changed += 1
                moved.extend(table.members)
        moved.extend(m for m in result[r].resting if m not in old[r].resting)
        by_round[r] = tuple(sorted(moved))
    active = {m for r in future for m in present[r]}
    participating = [p for p in participants if p.id in active or p.id in rounds_present(made)]
    bound = bound_for_plan(participating, made, odd, history)
    first = future[0] if future else None
    changed_people = by_round.get(first, ()) if first else ()
    extra = dict(plan.extra)
    extra.update(
        odd=odd.value, tables_kept=kept, tables_changed=changed, changed_people=list(changed_people)
    )
    if history is not None:
        extra["history_weight"] = history.penalty
    else:
        extra.pop("history_weight", None)
    # Who was expected in each round, so `check` and the app judge rule 1 by it.
    extra[ATTENDANCE] = {str(r): sorted(ids) for r, ids in sorted(present.items())}
    # Judged as `check` judges it: by who was expected in each round (someone who sat in a
    # round that happened and left the list since breaks no rule there).
    seconds = round(time.perf_counter() - start, 3)
    metrics = replace(
        compute_metrics(participating, Plan(rounds, {}, extra), bound.value, seconds, odd, history),
        tables_kept=kept,
        tables_changed=changed,
    )
    return ReplanOutcome(
        Plan(rounds, metrics.as_dict(), extra),
        PlanStatus.FEASIBLE,
        (),
        kept,
        changed,
        changed_people,
        by_round,
    )

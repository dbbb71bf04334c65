"""Re-planning keeps the past, seats arrivals, drops absentees, honours pins and changes little."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import generate
from matching.evaluation import violations
from matching.model import OddMode, Participant, Plan, Sector
from matching.planning.planner import PlanStatus, plan
from matching.replanning.replan import Pin, apply_pins, regenerate_round, replan
from matching.scoring import allowed
from tests.conftest import run_cli


def present_map(base_ids, rounds, k, absent, arrived):
    return {
        r: set(base_ids) if r <= k else (set(base_ids) - set(absent)) | set(arrived)
        for r in range(1, rounds + 1)
    }


def too_few_new_partners(everyone, base, k, absent, arrived, odd) -> bool:
    """Oracle for "no re-plan possible": a person who will be there after round k has fewer
    allowed partners they have not met than rounds left to fill (one break allowed in rest
    mode with an odd count; two seated people never meet)."""
    by_id = {p.id: p for p in everyone}
    here = sorted({m for r in base.rounds for m in (*r.seated(), *r.resting)} - set(absent))
    here += list(arrived)
    met = {frozenset((a, b)) for _, a, b in Plan(base.rounds[:k]).meetings()}
    left = len(base.rounds) - k
    breaks = 1 if odd is OddMode.REST and len(here) % 2 else 0
    for a in here:
        options = sum(
            1
            for b in here
            if b != a
            and allowed(by_id[a], by_id[b])
            and frozenset((a, b)) not in met
            and not (by_id[a].stays_seated and by_id[b].stays_seated)
        )
        if options < left - breaks:
            return True
    return False


@pytest.mark.slow
def remaining_rounds_impossible(everyone, base, k, absent, arrived, odd) -> bool:
    """Oracle for "no re-plan possible", independent of the re-planning model: the one-model
    plan (CP-SAT over every pair and round) of the rounds after k, for the people there then,
    with every pair that met in rounds 1..k forbidden, proves that no such rounds exist."""
    from matching.pairs import GHOST, key
    from matching.planning.cpsat import Limits, SolveStatus
    from matching.planning.one_model import build_exact, solve_exact
    from matching.planning.trios import all_triangles

    by_id = {p.id: p for p in everyone}
    ids = {m for r in base.rounds for m in (*r.seated(), *r.resting)} - set(absent)
    here = sorted(ids | set(arrived))
    met = {frozenset((a, b)) for _, a, b in Plan(base.rounds[:k]).meetings()}
    rested = {m for r in base.rounds[:k] for m in r.resting}
    weights = {
        key(a, b): 1
        for i, a in enumerate(here)
        for b in here[i + 1 :]
        if allowed(by_id[a], by_id[b])
        and frozenset((a, b)) not in met
        and not (by_id[a].stays_seated and by_id[b].stays_seated)
    }
    nodes, triangles = list(here), []
    if len(here) % 2 == 1 and odd is OddMode.TRIO:
        triangles = all_triangles(weights, 50_000) or []
    elif len(here) % 2 == 1:
        nodes.append(GHOST)
        weights |= {key(GHOST, m): 0 for m in here if m not in rested or rested >= set(here)}
    model = build_exact(nodes, sorted(weights), weights, len(base.rounds) - k, {}, None, triangles)
    selection, _ = solve_exact(model, Limits(20.0))
    return selection.status is SolveStatus.INFEASIBLE


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(8, 16), st.integers(3, 6), st.sampled_from(list(OddMode)), st.data())
def test_replan_properties(n, rounds, odd, data):
    """Frozen rounds identical; every hard rule over the whole event (fair breaks included);
    arrivals seated from K+1; absentees never seated after K."""
    seed = data.draw(st.integers(0, 50))
    everyone = generate(n + 2, seed, seated=1)
    people, newcomers = everyone[:n], everyone[n:]
    base = plan(people, rounds, odd=odd, time_limit=2).plan
    rounds = len(base.rounds)
    k = data.draw(st.integers(0, rounds - 1))
    absent = data.draw(st.lists(st.sampled_from([p.id for p in people]), max_size=2, unique=True))
    arrived = [p.id for p in newcomers[: data.draw(st.integers(0, 2))]]
    outcome = replan(base, everyone, k, absent=absent, arrived=arrived, time_limit=2)
    if outcome.status is PlanStatus.INFEASIBLE:
        # Only where counting proves it: someone has fewer new partners left than rounds.
        assert [p.code for p in outcome.problems] == ["replan_infeasible"]
        assert too_few_new_partners(
            everyone, base, k, absent, arrived, odd
        ) or remaining_rounds_impossible(everyone, base, k, absent, arrived, odd)
        return
    new = outcome.plan
    assert new.rounds[:k] == base.rounds[:k]
    present = present_map([p.id for p in people], rounds, k, absent, arrived)
    assert violations(everyone, new, odd, present=present) == []
    for rnd in new.rounds[k:]:
        placed = set(rnd.seated()) | set(rnd.resting)
        assert set(arrived) <= placed and not set(absent) & placed


@pytest.mark.slow
def test_typical_morning_keeps_most_tables():
    """80 people, 10 rounds, after round 4: 3 absent, 2 arrive -> most unaffected tables stay."""
    everyone = generate(82, 5)
    people, newcomers = everyone[:80], everyone[80:]
    base = plan(people, 10, time_limit=10).plan
    absent = [people[3].id, people[20].id, people[50].id]
    outcome = replan(base, everyone, 4, absent=absent, arrived=[p.id for p in newcomers])
    unaffected = sum(
        1 for r in base.rounds[4:] for t in r.tables if not set(t.members) & set(absent)
    )
    assert outcome.tables_kept >= 0.7 * unaffected
    assert outcome.tables_kept + outcome.tables_changed == sum(
        len(r.tables) for r in outcome.plan.rounds[4:]
    )
    assert set(outcome.changed_people) >= {p.id for p in newcomers}
    assert outcome.plan.metrics["tables_kept"] == outcome.tables_kept


def two_sector_list():
    return [
        Participant(
            f"p{i}", f"P{i}", f"Org {i}", Sector.HEALTH_INSURER if i % 2 else Sector.SELF_HELP_ORG
        )
        for i in range(10)
    ]


def test_pins_are_honoured_and_conflicts_named():
    people = two_sector_list()
    base = plan(people, 4, time_limit=3).plan
    met = {frozenset(t.members) for r in base.rounds for t in r.tables}
    a, b = next(
        (x.id, y.id)
        for x in people
        for y in people
        if x.id < y.id and frozenset((x.id, y.id)) not in met
    )
    pinned = apply_pins(base, people, [Pin(2, (a, b))])
    assert pinned.status is PlanStatus.FEASIBLE
    assert set(pinned.plan.rounds[1].table_of(a).members) == {a, b}
    assert violations(people, pinned.plan) == []
    c = next(p.id for p in people if p.id not in (a, b))
    clash = apply_pins(base, people, [Pin(2, (a, b)), Pin(2, (a, c))])
    assert clash.status is PlanStatus.INFEASIBLE
    assert any(p.code == "pin_conflict" and "P" in p.message_en for p in clash.problems)
    colleagues = [
        Participant("x", "X", "AOK", Sector.HEALTH_INSURER),
        Participant("y", "Y", "AOK", Sector.HEALTH_INSURER),
    ]
    bad = apply_pins(base, people + colleagues, [Pin(1, ("x", "y"))])
    assert bad.status is PlanStatus.INFEASIBLE


def test_substitute_takes_over_the_seat():
    people = two_sector_list()
    stand_in = Participant("s", "Stand-in", people[3].organisation, people[3].sector)
    base = plan(people, 4, time_limit=3).plan
    outcome = replan(base, [*people, stand_in], 1, substitutes={"p3": "s"})
    assert outcome.status is PlanStatus.FEASIBLE
    for old_round, new_round in zip(base.rounds[1:], outcome.plan.rounds[1:], strict=True):
        before = old_round.table_of("p3")
        after = new_round.table_of("s")
        assert after is not None and after.number == before.number
        assert set(after.members) - {"s"} == set(before.members) - {"p3"}


def test_regenerate_round_keeps_the_others():
    people = generate(20, 2)
    base = plan(people, 5, time_limit=3).plan
    outcome = regenerate_round(base, people, 3)
    assert outcome.status is PlanStatus.FEASIBLE
    for r in (0, 1, 3, 4):
        assert outcome.plan.rounds[r] == base.rounds[r]
    assert outcome.plan.rounds[2] != base.rounds[2]
    assert violations(people, outcome.plan) == []


def test_same_seed_same_replan():
    everyone = generate(30, 9)
    base = plan(everyone[:28], 6, time_limit=3).plan
    one = replan(base, everyone, 2, absent=["p001"], arrived=["p029"], seed=3).plan
    two = replan(base, everyone, 2, absent=["p001"], arrived=["p029"], seed=3).plan
    assert one.rounds == two.rounds


def test_cli_replan(tmp_path):
    people = generate(12, 1)
    lst = tmp_path / "liste.csv"
    from matching.output.exports import participants_to_csv

    lst.write_bytes(participants_to_csv(people))
    first = tmp_path / "plan.json"
    run = run_cli("plan", str(lst), "--rounds", "4", "--out", str(first))
    assert run.returncode == 0, run.stderr
    new = tmp_path / "new.json"
    run = run_cli(
        "replan",
        str(first),
        "--participants",
        str(lst),
        "--after-round",
        "2",
        "--absent",
        "p001",
        "--out",
        str(new),
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(new.read_text(encoding="utf-8"))
    assert data["rounds"][:2] == json.loads(first.read_text(encoding="utf-8"))["rounds"][:2]
    assert "tables_kept" in data and "changed_people" in data
    bad = run_cli(
        "replan",
        str(first),
        "--participants",
        str(lst),
        "--after-round",
        "9",
        "--out",
        str(tmp_path / "x.json"),
    )
    assert (
        bad.returncode == 2 and "Traceback" not in bad.stderr and not (tmp_path / "x.json").exists()
    )


def test_replanned_plan_passes_check_and_a_second_replan_keeps_absences(tmp_path):
    """The re-planned file records who is expected in each round: `check` accepts it (an
    absent person without a seat is no broken rule), and re-planning it again later does not
    bring the absent person back."""

    from matching.output.exports import participants_to_csv

    everyone = generate(21, 4)
    people, late = everyone[:20], everyone[20]
    base = plan(people, 6, time_limit=5).plan
    gone = people[3].id
    first = replan(base, everyone, 2, absent=[gone], arrived=[late.id])
    assert first.status is not PlanStatus.INFEASIBLE
    second = replan(first.plan, everyone, 4)
    for rnd in second.plan.rounds[2:]:
        assert gone not in rnd.seated() and gone not in rnd.resting
        assert late.id in rnd.seated() or late.id in rnd.resting
    listing = tmp_path / "liste.csv"
    listing.write_bytes(participants_to_csv(everyone))
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(second.plan.to_dict()), encoding="utf-8")
    checked = run_cli("check", str(listing), str(plan_file))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "All hard rules hold" in checked.stdout


def test_an_absent_person_can_come_back_and_is_not_new():
    """Absent from round 3, back from round 5: a second re-plan takes them in again (once
    "already in the plan"), and rounds 3-4 stay without them."""
    people = generate(14, 3)
    base = plan(people, 6, time_limit=3).plan
    away = people[4].id
    first = replan(base, people, 2, absent=[away], time_limit=3)
    assert first.status is not PlanStatus.INFEASIBLE
    back = replan(first.plan, people, 4, arrived=[away], time_limit=3)
    assert back.status is not PlanStatus.INFEASIBLE, [p.code for p in back.problems]
    rounds = back.plan.rounds
    assert all(away not in (*r.seated(), *r.resting) for r in rounds[2:4])
    assert all(away in (*r.seated(), *r.resting) for r in rounds[4:])
    assert back.plan.metrics["rule_violations"] == 0


def test_people_who_left_the_list_do_not_block_a_pin_and_break_no_stored_rule():
    """A person deleted from the list after round 2: re-planning from round 3 drops them,
    the stored metrics count no broken rule for the rounds they sat in, and a pin later on
    works (once "Not on the list: p0.."). Re-planned rounds never seat them."""
    people = generate(12, 5)
    base = plan(people, 5, time_limit=3).plan
    left = people[3].id
    remaining = [p for p in people if p.id != left]
    followed = replan(base, remaining, 2, time_limit=3)
    assert followed.status is not PlanStatus.INFEASIBLE
    assert followed.plan.metrics["rule_violations"] == 0
    assert all(left not in r.seated() for r in followed.plan.rounds[2:])
    met = {frozenset((a, b)) for _, a, b in followed.plan.meetings()}
    a, b = next(
        (p.id, q.id)
        for p in remaining
        for q in remaining
        if p.id < q.id
        and frozenset((p.id, q.id)) not in met
        and p.organisation != q.organisation
        and not (p.stays_seated and q.stays_seated)
    )
    pinned = regenerate_round(followed.plan, remaining, 4, pins=[Pin(4, (a, b))], time_limit=3)
    assert pinned.status is not PlanStatus.INFEASIBLE, [p.code for p in pinned.problems]
    assert set(pinned.plan.rounds[3].table_of(a).members) >= {a, b}


@pytest.mark.slow
def test_replan_with_a_one_second_limit_writes_a_valid_plan():
    """In the room there is no time: 150 people after round 3, 5 absent and 3 arrived, one
    second - a valid plan (the repaired old plan at worst), never "no plan"."""
    everyone = generate(153, 4)
    people, newcomers = everyone[:150], everyone[150:]
    base = plan(people, 10, time_limit=10).plan
    absent = [people[i * 30 + 1].id for i in range(5)]
    arrived = [p.id for p in newcomers]
    outcome = replan(base, everyone, 3, absent=absent, arrived=arrived, time_limit=1)
    assert outcome.status is not PlanStatus.INFEASIBLE, [p.code for p in outcome.problems]
    present = present_map([p.id for p in people], 10, 3, absent, arrived)
    assert violations(everyone, outcome.plan, present=present) == []

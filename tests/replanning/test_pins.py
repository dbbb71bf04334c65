"""Pins - "these people sit together in that round" - checked before solving
(`matching.replanning.pins.check_pins`) and honoured by `apply_pins` / `regenerate_round`."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import generate
from matching.evaluation.metrics import violations
from matching.model import OddMode, Participant, Plan, Sector, Severity
from matching.pairs import key
from matching.planning.planner import PlanStatus, plan
from matching.replanning.pins import Pin, check_pins
from matching.replanning.replan import apply_pins, regenerate_round
from matching.scoring import allowed

# --------------------------------------------------------------------------- check_pins


def world():
    """Five people: k1 and k2 are colleagues (AOK), s1 avoids s2, o is out in round 2."""
    people = [
        Participant("k1", "Kim", "AOK", Sector.HEALTH_INSURER),
        Participant("k2", "Kai", "aok ", Sector.HEALTH_INSURER),  # same organisation
        Participant("s1", "Sara", "Rheuma-Liga", Sector.SELF_HELP_ORG, avoid=("s2",)),
        Participant("s2", "Sven", "DMSG", Sector.SELF_HELP_ORG),
        Participant("o", "Ole", "KISS", Sector.CONTACT_OFFICE),
    ]
    ids = {p.id for p in people}
    present = {1: set(ids), 2: ids - {"o"}, 3: set(ids)}
    return {p.id: p for p in people}, present


def codes(problems):
    return [p.code for p in problems]


def check(pins, *, future=(2, 3), met=()):
    people, present = world()
    return check_pins(pins, set(future), present, set(met), people)


def test_a_valid_pin_is_accepted():
    """Protects: a pair (or three) who may meet, have not met and are present passes."""
    assert check([Pin(2, ("k1", "s1"))]) == []
    assert check([Pin(3, ("k1", "s1", "o"))]) == []
    assert check([Pin(2, ("k1", "s1")), Pin(3, ("k1", "s2"))]) == []  # other round: no clash


def test_colleagues_may_not_be_pinned():
    """Protects hard rule 3: two people of one organisation (compared case- and
    space-insensitively) are never pinned together; the message names both."""
    problems = check([Pin(2, ("k1", "k2"))])
    assert codes(problems) == ["pin_not_allowed"]
    assert problems[0].severity is Severity.ERROR
    assert "Kim" in problems[0].message("en") and "Kai" in problems[0].message("en")
    assert "Kim" in problems[0].message("de") and "Kai" in problems[0].message("de")


@pytest.mark.parametrize("members", [("s1", "s2"), ("s2", "s1")])
def test_an_avoid_pair_may_not_be_pinned(members):
    """Protects hard rule 4: "not with" works in both directions, for pins too."""
    assert codes(check([Pin(2, members)])) == ["pin_not_allowed"]


def test_every_forbidden_pair_of_a_trio_is_named():
    """Protects: all three pairs of a pinned table of three are checked (here the first pair
    are colleagues and the last pair met already)."""
    problems = check([Pin(3, ("k1", "k2", "s1"))], met={key("k2", "s1")})
    assert codes(problems) == ["pin_not_allowed", "pin_repeat"]


def test_a_pair_that_met_already_is_refused():
    """Protects hard rule 2 (no repeats): people who sat together in a kept round cannot be
    pinned again."""
    problems = check([Pin(2, ("s1", "k1"))], met={key("k1", "s1")})
    assert codes(problems) == ["pin_repeat"]
    assert problems[0].severity is Severity.ERROR


def test_an_unknown_or_absent_person_is_refused():
    """Protects: a pin naming somebody who is not there that round - not on the list at all,
    or absent - is refused, naming them."""
    unknown = check([Pin(2, ("k1", "nobody"))])
    assert codes(unknown) == ["pin_absent"]
    assert "nobody" in unknown[0].message("en")
    absent = check([Pin(2, ("k1", "o"))])
    assert codes(absent) == ["pin_absent"]
    assert "Ole" in absent[0].message("en")
    assert check([Pin(3, ("k1", "o"))]) == []  # present in round 3


@pytest.mark.parametrize("round_number", [0, 1, 4, 99])
def test_a_round_outside_the_replanned_ones_is_refused(round_number):
    """Protects: a pin may only name a round that is re-planned (not over, not beyond the
    plan); such a pin is not checked further (one problem, not several)."""
    problems = check([Pin(round_number, ("k1", "k2"))])  # colleagues too, but one problem
    assert codes(problems) == ["pin_round"]
    assert str(round_number) in problems[0].message("en")


@pytest.mark.parametrize(
    "members", [("k1",), ("k1", "s1", "s2", "o"), ("k1", "k1"), ("k1", "s1", "k1"), ()]
)
def test_a_pin_needs_two_or_three_different_people(members):
    """Protects: a pin is a table: 2 or 3 different people."""
    assert codes(check([Pin(2, members)])) == ["pin_size"]


def test_one_person_at_two_pinned_tables_is_a_conflict():
    """Protects: two pins in one round that share a person but not their table conflict; the
    same table pinned twice (in any order) does not."""
    problems = check([Pin(2, ("k1", "s1")), Pin(2, ("s1", "s2")), Pin(2, ("k2", "s2"))])
    assert "pin_conflict" in codes(problems)
    clash = check([Pin(2, ("k1", "s1")), Pin(2, ("k1", "s2"))])
    assert codes(clash) == ["pin_conflict"]
    assert "Kim" in clash[0].message("en")
    assert check([Pin(2, ("k1", "s1")), Pin(2, ("s1", "k1"))]) == []


@st.composite
def pin_worlds(draw):
    n = 6
    ids = [f"p{i}" for i in range(n)]
    people = {
        pid: Participant(
            pid,
            f"Name {pid}",
            f"Org {draw(st.integers(0, 3))}",
            draw(st.sampled_from(list(Sector))),
            avoid=tuple(draw(st.lists(st.sampled_from(ids), max_size=1))),
        )
        for pid in ids
    }
    present = {r: set(draw(st.sets(st.sampled_from(ids), min_size=3))) for r in (1, 2, 3)}
    met = draw(st.sets(st.sampled_from([key(a, b) for a, b in combinations(ids, 2)])))
    members = tuple(draw(st.lists(st.sampled_from([*ids, "zz"]), min_size=1, max_size=4)))
    pin = Pin(draw(st.integers(0, 4)), members)
    return people, present, met, pin


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(pin_worlds())
def test_a_single_pin_is_accepted_exactly_when_every_rule_holds(case):
    """Protects, for any single pin: no problem if and only if its round is re-planned, it has
    2-3 different people, all present, every pair allowed and not met yet; every problem is an
    error."""
    people, present, met, pin = case
    future = {2, 3}
    problems = check_pins([pin], future, present, met, people)
    members = pin.members
    ok = (
        pin.round in future
        and 2 <= len(members) <= 3
        and len(set(members)) == len(members)
        and all(m in present[pin.round] and m in people for m in members)
        and all(
            allowed(people[a], people[b]) and key(a, b) not in met
            for a, b in combinations(members, 2)
        )
    )
    assert (problems == []) == ok
    assert all(p.severity is Severity.ERROR for p in problems)


# --------------------------------------------------------------------------- apply / regenerate


@pytest.fixture(scope="module")
def even():
    """12 people, 4 rounds, no seated people: a plan to pin into."""
    people = generate(12, 3)
    outcome = plan(people, 4, time_limit=2)
    assert outcome.status in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE)
    assert len(outcome.plan.rounds) == 4
    return people, outcome.plan


def pairs_met(p: Plan, skip: int | None = None):
    return {key(a, b) for r, a, b in p.meetings() if r != skip}  # meetings() gives a < b already


def partner(p: Plan, round_number: int, pid: str) -> str:
    (other,) = set(p.rounds[round_number - 1].table_of(pid).members) - {pid}
    return other


def pinnable_swap(people, base, round_number):
    """a, b not yet met, whose partners a2, b2 in that round may meet and have not met: pinning
    (a, b) then needs exactly two new tables, (a, b) and (a2, b2)."""
    by_id = {p.id: p for p in people}
    met = pairs_met(base)
    for a, b in combinations(sorted(by_id), 2):
        a2, b2 = partner(base, round_number, a), partner(base, round_number, b)
        if (
            len({a, b, a2, b2}) == 4
            and allowed(by_id[a], by_id[b])
            and allowed(by_id[a2], by_id[b2])
            and key(a, b) not in met
            and key(a2, b2) not in met
        ):
            return a, b, a2, b2
    raise AssertionError("no pinnable pair in the test plan")


def colleagues(people):
    for p, q in combinations(people, 2):
        if p.organisation == q.organisation:
            return p.id, q.id
    raise AssertionError("no colleagues in the test list")


def test_a_pinned_pair_sits_together_and_only_two_tables_change(even):
    """Protects: apply_pins seats the pinned pair together in that round, changes no other
    round, and in that round only the two tables the pin breaks up (their old partners sit
    together); every hard rule still holds."""
    people, base = even
    a, b, a2, b2 = pinnable_swap(people, base, 2)
    outcome = apply_pins(base, people, [Pin(2, (a, b))], time_limit=2)
    assert outcome.status is PlanStatus.FEASIBLE, outcome.problems
    new = outcome.plan
    assert set(new.rounds[1].table_of(a).members) == {a, b}
    assert set(new.rounds[1].table_of(a2).members) == {a2, b2}
    for r in (0, 2, 3):
        assert new.rounds[r] == base.rounds[r]
    untouched = [t for t in base.rounds[1].tables if not {a, b} & set(t.members)]
    assert set(untouched) <= set(new.rounds[1].tables)
    assert (outcome.tables_changed, outcome.tables_kept) == (2, 4 * 6 - 2)
    assert outcome.changed_by_round == {1: (), 2: tuple(sorted((a, b, a2, b2))), 3: (), 4: ()}
    assert violations(people, new) == []


@pytest.mark.parametrize(
    ("make_pin", "code"),
    [
        (lambda ids: Pin(2, (ids["a"], "nobody")), "pin_absent"),
        (lambda ids: Pin(5, (ids["a"], ids["b"])), "pin_round"),
        (lambda ids: Pin(0, (ids["a"], ids["b"])), "pin_round"),
        (lambda ids: Pin(2, ids["colleagues"]), "pin_not_allowed"),
        (lambda ids: Pin(2, (ids["a"], ids["a"])), "pin_size"),
    ],
)
def test_apply_pins_refuses_bad_pins_and_keeps_the_plan(even, make_pin, code):
    """Protects: a bad pin (unknown person, round outside the plan, colleagues, one person)
    makes apply_pins refuse with that problem and hand back the plan unchanged."""
    people, base = even
    a, b, _, _ = pinnable_swap(people, base, 2)
    pin = make_pin({"a": a, "b": b, "colleagues": colleagues(people)})
    outcome = apply_pins(base, people, [pin], time_limit=2)
    assert outcome.status is PlanStatus.INFEASIBLE
    assert code in codes(outcome.problems)
    assert outcome.plan == base


def test_regenerate_round_honours_its_pins_and_keeps_every_other_round(even):
    """Protects: regenerating one round with a pin seats the pair together in that round and
    leaves every other round exactly as it was; pins for other rounds are not applied."""
    people, base = even
    met_elsewhere = pairs_met(base, skip=3)
    by_id = {p.id: p for p in people}
    a, b = next(
        (a, b)
        for a, b in combinations(sorted(by_id), 2)
        if allowed(by_id[a], by_id[b]) and key(a, b) not in pairs_met(base)
    )
    assert key(a, b) not in met_elsewhere
    other_round = Pin(1, colleagues(people))  # would be refused if it were looked at
    outcome = regenerate_round(base, people, 3, pins=[Pin(3, (a, b)), other_round], time_limit=2)
    assert outcome.status is PlanStatus.FEASIBLE, outcome.problems
    assert set(outcome.plan.rounds[2].table_of(a).members) == {a, b}
    for r in (0, 1, 3):
        assert outcome.plan.rounds[r] == base.rounds[r]
    assert violations(people, outcome.plan) == []


def test_regenerate_round_refuses_a_pair_that_meets_in_another_round(even):
    """Protects: the rounds that stay count as met: pinning a pair of round 1 into round 3
    would be a repeat."""
    people, base = even
    a, b = base.rounds[0].tables[0].members
    outcome = regenerate_round(base, people, 3, pins=[Pin(3, (a, b))], time_limit=2)
    assert outcome.status is PlanStatus.INFEASIBLE
    assert codes(outcome.problems) == ["pin_repeat"]


@pytest.fixture(scope="module")
def odd_lists():
    """11 people, 3 rounds, planned once with tables of three and once with a break."""
    people = generate(11, 3)
    trio = plan(people, 3, odd=OddMode.TRIO, time_limit=2).plan
    rest = plan(people, 3, odd=OddMode.REST, time_limit=2).plan
    assert len(trio.rounds) == 3 and len(rest.rounds) == 3
    return people, trio, rest


def unmet_triple(people, base):
    met = pairs_met(base)
    by_id = {p.id: p for p in people}
    for t in combinations(sorted(by_id), 3):
        if all(allowed(by_id[a], by_id[b]) and key(a, b) not in met for a, b in combinations(t, 2)):
            return t
    raise AssertionError("no unmet triple")


def test_a_pinned_table_of_three_becomes_that_rounds_trio(odd_lists):
    """Protects: in trio mode a pin of three is that round's table of three, exactly."""
    people, trio_plan, _ = odd_lists
    triple = unmet_triple(people, trio_plan)
    outcome = apply_pins(trio_plan, people, [Pin(2, triple, whole_table=True)], time_limit=2)
    assert outcome.status is PlanStatus.FEASIBLE, outcome.problems
    assert outcome.plan.rounds[1].table_of(triple[0]).members == triple
    assert violations(people, outcome.plan, OddMode.TRIO) == []


def test_a_pin_of_three_is_refused_in_rest_mode(odd_lists):
    """Protects: with "one person rests" there is no table of three, so a pin of three cannot
    be honoured: the re-plan is refused and the plan handed back unchanged."""
    people, _, rest_plan = odd_lists
    triple = unmet_triple(people, rest_plan)
    outcome = apply_pins(rest_plan, people, [Pin(2, triple)], time_limit=2)
    assert outcome.status is PlanStatus.INFEASIBLE
    assert codes(outcome.problems) == ["replan_infeasible"]
    assert outcome.plan == rest_plan


def test_a_pair_pinned_as_a_whole_table_sits_alone(odd_lists):
    """Protects the promise of `Pin`: with whole_table the pinned people are exactly the
    table - a pinned pair gets no third person."""
    people, trio_plan, _ = odd_lists
    (old_trio,) = [t for t in trio_plan.rounds[1].tables if len(t.members) == 3]
    a, b, _ = old_trio.members
    outcome = apply_pins(trio_plan, people, [Pin(2, (a, b), whole_table=True)], time_limit=2)
    assert outcome.status is PlanStatus.FEASIBLE
    assert set(outcome.plan.rounds[1].table_of(a).members) == {a, b}

"""The round-robin first plan (`rotation`): whenever it answers, every hard rule holds; it
answers for realistic lists of every size at once."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import generate
from matching.evaluation import violations
from matching.model import OddMode, Participant, Sector
from matching.planning.rotation import rotation_plan
from tests.planning.test_planner import small_lists


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_lists(), st.integers(1, 6), st.sampled_from(list(OddMode)))
def test_a_rotation_plan_keeps_every_rule(people, rounds, odd):
    made = rotation_plan(people, rounds, odd)
    if made is None:
        return
    assert len(made.rounds) == rounds
    assert violations(people, made, odd) == []


@pytest.mark.parametrize(
    ("n", "odd"), [(41, OddMode.TRIO), (300, OddMode.REST), (1001, OddMode.TRIO)]
)
def test_realistic_lists_get_a_rotation_plan(n, odd):
    people = generate(n, 3)
    made = rotation_plan(people, 10, odd)
    assert made is not None and len(made.rounds) == 10
    assert violations(people, made, odd) == []


def test_more_rounds_than_a_round_robin_has_is_no_rotation_plan():
    assert rotation_plan(generate(6, 1), 6, OddMode.TRIO) is None


def test_a_swap_never_lets_someone_rest_twice_before_everyone_rested():
    """Found by the property test in CI: repairing a round handed the rest to a person who
    had rested already (5 colleagues of one organisation, 4 of another, two "avoid")."""
    avoid = {1: ("p03",), 6: ("p08",)}
    people = [
        Participant(
            id=f"p0{i}",
            name=f"Person {i}",
            organisation="Org 0" if i < 5 else "Org 1",
            sector=Sector.HEALTH_INSURER,
            avoid=avoid.get(i, ()),
        )
        for i in range(9)
    ]
    made = rotation_plan(people, 4, OddMode.REST)
    assert made is not None
    assert violations(people, made, OddMode.REST) == []

"""The proven upper bound: known values, and column generation (large lists) giving exactly
the full LP's value."""

from __future__ import annotations

import pytest

import matching.planning.bound as bound_module
from benchmarks.synthetic import generate
from matching.model import OddMode, Participant, Sector
from matching.planning.bound import upper_bound


def test_known_value_four_people_two_sectors():
    """Two Kassen, two Selbsthilfe orgs, 2 rounds: the best plan meets all four cross pairs
    (10 each); coverage needs one of them per person, so the bound is exactly 40."""
    people = [
        Participant("k1", "K1", "AOK", Sector.HEALTH_INSURER),
        Participant("k2", "K2", "TK", Sector.HEALTH_INSURER),
        Participant("s1", "S1", "Rheuma-Liga", Sector.SELF_HELP_ORG),
        Participant("s2", "S2", "DMSG", Sector.SELF_HELP_ORG),
    ]
    result = upper_bound(people, 2)
    assert result.coverage_attainable
    assert result.value == pytest.approx(40, abs=1e-3)
    # Three rounds: the third can only pair k1-k2 and s1-s2 (2 points each).
    assert upper_bound(people, 3).value == pytest.approx(44, abs=1e-3)


@pytest.mark.parametrize(
    ("count", "rounds", "odd"),
    [(80, 6, OddMode.TRIO), (81, 6, OddMode.TRIO), (81, 6, OddMode.REST), (151, 10, OddMode.TRIO)],
)
def test_pricing_gives_the_full_lp_value(monkeypatch, count, rounds, odd):
    """Column generation starts with few pairs per person and must end where the LP over all
    pairs is (its value is a proven bound on every step, and equal at the end)."""
    people = generate(count, 1)
    monkeypatch.setattr(bound_module, "TRIANGLE_LIMIT", 0)  # the large-list trio model
    monkeypatch.setattr(bound_module, "FULL_LP_PAIRS", 10**9)
    full = upper_bound(people, rounds, odd)
    monkeypatch.setattr(bound_module, "FULL_LP_PAIRS", 0)
    start = bound_module._starting_pairs
    monkeypatch.setattr(  # start narrow, so that pricing has to add pairs
        bound_module, "_starting_pairs", lambda shape, pairs, k: start(shape, pairs, max(3, k // 4))
    )
    priced = upper_bound(people, rounds, odd)
    assert priced.value == pytest.approx(full.value, rel=1e-9)
    assert priced.coverage_attainable == full.coverage_attainable


def test_stopped_pricing_still_gives_a_bound(monkeypatch):
    """Pricing cut short: the value is larger than the LP optimum, never smaller."""
    people = generate(150, 2)
    full = upper_bound(people, 10)
    monkeypatch.setattr(bound_module, "FULL_LP_PAIRS", 0)
    monkeypatch.setattr(bound_module, "PRICING_ROUNDS", 0)
    start = bound_module._starting_pairs
    monkeypatch.setattr(
        bound_module, "_starting_pairs", lambda shape, pairs, k: start(shape, pairs, 3)
    )
    assert upper_bound(people, 10).value >= full.value - 1e-6


@pytest.mark.parametrize(("count", "rounds"), [(21, 6), (41, 8)])
def test_triangle_pricing_gives_the_all_triangles_value(monkeypatch, count, rounds):
    people = generate(count, 3)
    monkeypatch.setattr(bound_module, "TRIANGLES_PER_PERSON", 10**6)  # every triangle at once
    full = upper_bound(people, rounds)
    monkeypatch.setattr(bound_module, "TRIANGLES_PER_PERSON", 1)
    assert upper_bound(people, rounds).value == pytest.approx(full.value, rel=1e-9)
    monkeypatch.setattr(bound_module, "PRICING_ROUNDS", 0)  # cut short: still a bound
    assert upper_bound(people, rounds).value >= full.value - 1e-6


def test_a_bound_cut_short_by_its_deadline_is_still_a_bound(monkeypatch):
    """The planner gives the bound part of its time only: pricing that stops at the deadline
    reports a value at least the full LP's (a weaker but proven bound), and stops at once."""
    import time

    people = generate(150, 2)
    full = upper_bound(people, 10)
    monkeypatch.setattr(bound_module, "FULL_LP_PAIRS", 0)
    start = bound_module._starting_pairs
    monkeypatch.setattr(
        bound_module, "_starting_pairs", lambda shape, pairs, k: start(shape, pairs, 3)
    )
    began = time.perf_counter()
    cut = upper_bound(people, 10, deadline=began - 1)
    assert cut.value >= full.value - 1e-6
    patient = upper_bound(people, 10)
    assert patient.value <= cut.value + 1e-6  # more pricing: tighter or equal

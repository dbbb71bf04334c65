"""Odd counts: tables of three chosen as triangles, a bound that knows about them, and the
one-model plan for small lists where chosen pairs fit no rounds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import matching.planning.bound as bound_module
from benchmarks.synthetic import generate
from matching.evaluation import violations
from matching.model import Participant, Sector
from matching.planning.bound import upper_bound
from matching.planning.cpsat import Limits, SolveStatus
from matching.planning.one_model import build_exact, solve_exact
from matching.planning.planner import PlanStatus, _plan_weights, plan
from matching.planning.trios import all_triangles, candidate_triangles, triangle_pairs
from matching.planning.two_steps import coverage_terms
from matching.scoring import coverage_needs


def test_all_triangles_finds_exactly_the_triangles():
    pairs = [("a", "b"), ("a", "c"), ("b", "c"), ("c", "d"), ("b", "d"), ("a", "e")]
    assert all_triangles(pairs, 100) == [("a", "b", "c"), ("b", "c", "d")]
    assert all_triangles(pairs, 1) is None  # more than the limit: caller uses a smaller model


def test_candidate_triangles_use_allowed_pairs_only():
    weights = {("a", "b"): 10, ("a", "c"): 8, ("b", "c"): 2, ("c", "d"): 10}
    found = candidate_triangles(weights, weights, preferred=[("a", "c", "d")])
    assert found == {("a", "b", "c")}  # ("a", "c", "d") lacks the pair a-d


def test_triangle_bound_is_tighter_and_the_plan_reaches_it():
    """41 people x 8 rounds (odd -> one trio per round): the triangle LP is below the older
    relaxation, and the plan reaches at least 99.5% of it with one trio in every round."""
    people = generate(41, seed=1)
    tight = upper_bound(people, 8)
    original = bound_module.TRIANGLE_LIMIT
    bound_module.TRIANGLE_LIMIT = 0  # force the model without triangles
    try:
        loose = upper_bound(people, 8)
    finally:
        bound_module.TRIANGLE_LIMIT = original
    assert tight.value < loose.value
    outcome = plan(people, 8, seed=1, time_limit=10)
    metrics = outcome.plan.metrics
    assert metrics["score"] >= 0.995 * tight.value
    assert metrics["trios"] == 8 and metrics["sector_coverage"] == 1.0
    assert violations(people, outcome.plan) == []


@st.composite
def odd_lists(draw):
    n = draw(st.sampled_from([3, 5, 7]))
    return [
        Participant(
            f"p{i}",
            f"P{i}",
            f"Org {draw(st.integers(0, n - 1))}",
            draw(st.sampled_from(list(Sector))),
            topics=tuple(draw(st.lists(st.sampled_from(["ePA", "Pflege"]), unique=True))),
            wants_to_meet=(f"p{(i + 1) % n}",) if draw(st.booleans()) else (),
        )
        for i in range(n)
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_lists(), st.integers(1, 3))
def test_bound_is_never_below_the_proven_best_plan(people, rounds):
    """The LP bound against the true optimum (the one-model plan over all pairs and all
    triangles, solved to proven optimality) on small odd lists."""
    weights = _plan_weights(people)
    triangles = all_triangles(weights, 10_000)
    needs = coverage_needs(people, {p.id: rounds for p in people})
    coverage = coverage_terms(people, needs, set(weights))
    bound = upper_bound(people, rounds)
    hard = None if bound.coverage_attainable else sum(weights.values()) + 1
    model = build_exact(
        [p.id for p in people], sorted(weights), weights, rounds, coverage, hard, triangles
    )
    selection, _ = solve_exact(model, Limits(10.0))
    if selection.status is SolveStatus.INFEASIBLE:
        return
    assert selection.status is SolveStatus.OPTIMAL
    best = sum(weights[e] for e in selection.pairs)
    assert best <= bound.value
    outcome = plan(people, rounds, time_limit=5)
    metrics = outcome.plan.metrics
    # The one-model plan proves `rounds` rounds possible: the planner must not give fewer.
    assert len(outcome.plan.rounds) == rounds, [p.code for p in outcome.problems]
    if metrics["sector_coverage"] == 1.0:
        assert metrics["score"] == best  # tiny lists: the planner finds the optimum


def test_pairs_that_fit_no_rounds_fall_back_to_the_one_model_plan():
    """8 people, 3 rounds: the two steps pick pairs that no 3 rounds can hold; the one-model
    plan finds all 3 rounds (an earlier planner gave up with a time-limit message)."""
    people = generate(10, 35, seated=1)[:8]
    outcome = plan(people, 3, time_limit=3)
    assert outcome.status in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE)
    assert len(outcome.plan.rounds) == 3
    assert violations(people, outcome.plan) == []


@pytest.mark.slow
def test_trio_tables_are_triangles_of_new_pairs():
    people = generate(9, 0, seated=1)
    outcome = plan(people, 4, time_limit=5)
    assert violations(people, outcome.plan) == []
    trios = [t.members for r in outcome.plan.rounds for t in r.tables if len(t.members) == 3]
    assert len(trios) == len(outcome.plan.rounds)
    inside = [e for t in trios for e in triangle_pairs(tuple(sorted(t)))]
    assert len(inside) == len(set(inside))


def test_an_integral_lp_answer_is_taken_as_the_choice_of_pairs():
    from matching.planning.bound import BoundResult
    from matching.planning.two_steps import selection_from_lp

    people = [Participant(f"p{i}", f"P{i}", f"Org {i}", Sector.HEALTH_INSURER) for i in range(4)]
    weights = _plan_weights(people)
    square = {("p0", "p1"): 1.0, ("p1", "p2"): 1.0, ("p2", "p3"): 1.0, ("p0", "p3"): 1.0}
    chosen = selection_from_lp(BoundResult(8.0, True, square), people, weights, 2, False)
    assert chosen is not None and chosen.pairs == frozenset(square)
    half = dict.fromkeys(weights, 0.5)  # fractional: the solver has to choose
    assert selection_from_lp(BoundResult(6.0, True, half), people, weights, 2, False) is None
    short = dict(list(square.items())[:3])  # p0 and p3 with one partner only
    assert selection_from_lp(BoundResult(6.0, True, short), people, weights, 2, False) is None

"""The CP-SAT layer (`matching.planning.cpsat`), tested on models small enough to know the
answer: the `Model`/`solve` wrapper and its time policy, the selection model (who meets whom)
and the rounds model (which round each chosen pair meets in)."""

from __future__ import annotations

import random
import time
from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.pairs import incident_pairs, key
from matching.planning.cpsat import (
    Budget,
    Limits,
    Model,
    SolveStatus,
    build_rounds,
    build_selection,
    solve,
    solve_rounds,
    solve_selection,
)
from matching.planning.trios import all_triangles, triangle_pairs

# --------------------------------------------------------------------------- Model + solve


def test_a_known_optimum_is_found_and_proven():
    """Protects: `solve` returns OPTIMAL with the best values on a model it can prove."""
    model = Model()
    x, y, z = model.boolean(), model.boolean(), model.boolean()
    model.add(x + y + z <= 2)
    model.at_most_one([y, z])
    model.maximize(3 * x + 5 * y + 4 * z)
    solution = solve(model, Limits(2.0))
    assert solution.status is SolveStatus.OPTIMAL and solution.found
    assert solution.objective() == 8
    assert [solution.true(v) for v in (x, y, z)] == [True, True, False]


def test_integers_constants_and_conditional_constraints():
    """Protects: `integer`, `constant`, `add(..., only_if=)`, `any_of` and `exactly_one` mean
    what they say: the solver trades the conditional costs against the reward."""
    model = Model()
    n = model.integer(0, 10)
    one = model.constant(1)
    flag, a, b = model.boolean(), model.boolean(), model.boolean()
    model.add(n + one <= 7)  # n <= 6
    model.add(a + b == 2, only_if=flag)
    model.any_of([a, b], only_if=flag)
    c, d = model.boolean(), model.boolean()
    model.exactly_one([c, d])
    model.maximize(n + 3 * flag - a - b + 2 * d)
    solution = solve(model, Limits(2.0))
    assert solution.status is SolveStatus.OPTIMAL
    assert solution.objective() == 6 + 3 - 2 + 2
    assert solution.true(flag) and solution.true(a) and solution.true(b)
    assert solution.true(d) and not solution.true(c)


def test_an_infeasible_model_is_reported_as_such():
    """Protects: no solution -> INFEASIBLE, `found` False (callers must not read values)."""
    model = Model()
    x, y = model.boolean(), model.boolean()
    model.add(x + y == 3)
    solution = solve(model, Limits(1.0))
    assert solution.status is SolveStatus.INFEASIBLE
    assert not solution.found


def test_status_mapping_and_found():
    """Protects: only OPTIMAL and FEASIBLE count as found."""
    from matching.planning.cpsat import Solution

    assert Solution(SolveStatus.OPTIMAL).found and Solution(SolveStatus.FEASIBLE).found
    assert not Solution(SolveStatus.INFEASIBLE).found and not Solution(SolveStatus.UNKNOWN).found


def independent_set(n=120, p=0.08, seed=1):
    """A maximum independent set on a random graph: quick to find good sets, slow to prove."""
    rng = random.Random(seed)
    model = Model()
    xs = [model.boolean() for _ in range(n)]
    for i, j in combinations(range(n), 2):
        if rng.random() < p:
            model.add(xs[i] + xs[j] <= 1)
    model.maximize(sum(xs))
    return model, xs


def test_stop_at_ends_the_search_at_the_target():
    """Protects: `Limits.stop_at` stops at the first solution reaching the target - long before
    the time limit, below what a short search without the target reaches."""
    started = time.perf_counter()
    stopped = solve(independent_set()[0], Limits(20.0, stop_at=20, wall_seconds=20.0))
    elapsed = time.perf_counter() - started
    assert stopped.status is SolveStatus.FEASIBLE
    assert stopped.objective() >= 20
    assert elapsed < 3.0
    longer = solve(independent_set()[0], Limits(0.3, wall_seconds=20.0))
    assert longer.objective() > stopped.objective()


def test_same_seed_same_answer():
    """Protects repeatability: deterministic time and a seed give the same solution twice
    (the plan a user saw is the plan they get again)."""

    def answer(seed):
        model, xs = independent_set(n=80, seed=4)
        solution = solve(model, Limits(0.2, seed=seed, wall_seconds=20.0))
        assert solution.found
        return [solution.true(x) for x in xs]

    first = answer(7)
    assert answer(7) == first
    assert sum(first) > 0


def test_budget_shares_the_time_limit():
    """Protects: a share of the user's limit becomes deterministic seconds (at least 0.05);
    the wall-clock net is most of what is left; options are passed through."""
    budget = Budget(10.0, time.perf_counter() + 10.0)
    limits = budget.limits(0.4, 3, 2, stop_at=12.0, linearization=2)
    assert (limits.seconds, limits.seed, limits.workers) == (4.0, 3, 2)
    assert (limits.stop_at, limits.linearization) == (12.0, 2)
    assert 8.0 < limits.wall_seconds <= 9.0
    tiny = Budget(0.01, time.perf_counter() - 1.0).limits(0.1, 0, 1)
    assert tiny.seconds == 0.05 and tiny.wall_seconds == 0.2  # floors when time is up


# --------------------------------------------------------------------------- selection

NODES = ["a", "b", "c", "d", "e", "f"]


def degrees(pairs):
    return Counter(m for e in pairs for m in e)


def best_by_brute_force(nodes, weights, degree):
    """Highest total weight over every edge set giving each node exactly `degree` partners."""
    size = len(nodes) * degree // 2
    best = None
    for chosen in combinations(sorted(weights), size):
        if all(degrees(chosen)[n] == degree for n in nodes):
            total = sum(weights[e] for e in chosen)
            best = total if best is None else max(best, total)
    return best


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=15, max_size=15), st.sampled_from([1, 2, 3]))
def test_selection_gives_everyone_exactly_degree_partners_at_the_best_score(raw, degree):
    """Protects: the selection model picks, for every person, exactly `degree` partners from
    the pairs offered, and (without coverage) the highest total weight there is."""
    pairs = list(combinations(NODES, 2))
    weights = dict(zip(pairs, raw, strict=True))
    built = build_selection(NODES, pairs, weights, dict.fromkeys(NODES, degree), {}, None)
    selection = solve_selection(built, Limits(5.0))
    assert selection.status is SolveStatus.OPTIMAL
    assert degrees(selection.pairs) == dict.fromkeys(NODES, degree)
    assert sum(weights[e] for e in selection.pairs) == best_by_brute_force(NODES, weights, degree)
    assert selection.triangles == ()


def square():
    """a-b and c-d score 10, a-c and b-d score 1; only a-c reaches a's other sector."""
    nodes = ["a", "b", "c", "d"]
    weights = {("a", "b"): 10, ("c", "d"): 10, ("a", "c"): 1, ("b", "d"): 1}
    coverage = {"a": (1, {"other": [("a", "c")]})}
    return nodes, weights, coverage


def test_hard_coverage_is_met_even_when_it_costs_score():
    """Protects: with coverage_weight None coverage is a hard rule: a's sector pair is chosen
    although the other matching scores 20 instead of 2."""
    nodes, weights, coverage = square()
    built = build_selection(
        nodes, sorted(weights), weights, dict.fromkeys(nodes, 1), coverage, None
    )
    selection = solve_selection(built, Limits(2.0))
    assert selection.status is SolveStatus.OPTIMAL
    assert selection.pairs == {("a", "c"), ("b", "d")}


def test_soft_coverage_weighs_against_the_score():
    """Protects: a coverage weight above the score difference gives coverage; a small one lets
    the score win."""
    nodes, weights, coverage = square()
    degree = dict.fromkeys(nodes, 1)
    strong = build_selection(nodes, sorted(weights), weights, degree, coverage, 100)
    assert solve_selection(strong, Limits(2.0)).pairs == {("a", "c"), ("b", "d")}
    weak = build_selection(nodes, sorted(weights), weights, degree, coverage, 5)
    assert solve_selection(weak, Limits(2.0)).pairs == {("a", "b"), ("c", "d")}
    assert set(weak.covered) == {"a"}


def test_unreachable_hard_coverage_is_infeasible():
    """Protects: a hard coverage rule nobody can meet makes the model infeasible (the caller
    then retries with coverage as a weight) - never a selection that breaks it."""
    nodes, weights, _ = square()
    coverage = {"a": (1, {"other": [("a", "d")]})}  # a-d is not offered
    degree = dict.fromkeys(nodes, 1)
    hard = solve_selection(
        build_selection(nodes, sorted(weights), weights, degree, coverage, None), Limits(2.0)
    )
    assert hard.status is SolveStatus.INFEASIBLE and hard.pairs == frozenset()
    soft = solve_selection(
        build_selection(nodes, sorted(weights), weights, degree, coverage, 100), Limits(2.0)
    )
    assert soft.status is SolveStatus.OPTIMAL and soft.pairs == {("a", "b"), ("c", "d")}


def test_a_count_of_zero_asks_for_nothing():
    """Protects: coverage entries with count 0 add no rule."""
    nodes, weights, _ = square()
    coverage = {"a": (0, {"other": []})}
    built = build_selection(
        nodes, sorted(weights), weights, dict.fromkeys(nodes, 1), coverage, None
    )
    assert solve_selection(built, Limits(2.0)).pairs == {("a", "b"), ("c", "d")}


def test_trio_rounds_choose_triangles_whose_members_get_one_partner_more():
    """Protects: with trio_rounds=1 exactly one triangle is chosen, its three pairs are chosen
    pairs, its members have degree + 1 partners, everyone else degree."""
    nodes = ["p1", "p2", "p3", "p4", "p5"]
    pairs = list(combinations(nodes, 2))
    weights = dict.fromkeys(pairs, 1)
    weights.update({("p1", "p2"): 9, ("p1", "p3"): 9, ("p2", "p3"): 9})
    built = build_selection(
        nodes,
        pairs,
        weights,
        dict.fromkeys(nodes, 1),
        {},
        None,
        triangles=all_triangles(pairs, 100),
        trio_rounds=1,
    )
    selection = solve_selection(built, Limits(5.0))
    assert selection.status is SolveStatus.OPTIMAL
    assert selection.triangles == (("p1", "p2", "p3"),)
    assert selection.pairs == {*triangle_pairs(("p1", "p2", "p3")), ("p4", "p5")}
    assert degrees(selection.pairs) == {"p1": 2, "p2": 2, "p3": 2, "p4": 1, "p5": 1}


def test_exactly_trio_rounds_triangles_even_when_fewer_would_score_more():
    """Protects: trio_rounds is an exact count and no pair is in two triangles: 5 people, 2
    rounds, the 5-cycle p1-p2-p3-p4-p5 scores most (no triangle at all), yet two triangles
    sharing one person are chosen."""
    nodes = ["p1", "p2", "p3", "p4", "p5"]
    pairs = list(combinations(nodes, 2))
    weights = dict.fromkeys(pairs, 0)
    weights.update(dict.fromkeys([("p1", "p2"), ("p2", "p3"), ("p3", "p4"), ("p4", "p5")], 50))
    weights[("p1", "p5")] = 50
    built = build_selection(
        nodes,
        pairs,
        weights,
        dict.fromkeys(nodes, 2),
        {},
        None,
        triangles=all_triangles(pairs, 100),
        trio_rounds=2,
    )
    selection = solve_selection(built, Limits(5.0))
    assert selection.status is SolveStatus.OPTIMAL
    assert len(selection.triangles) == 2
    inside = [e for t in selection.triangles for e in triangle_pairs(t)]
    assert len(inside) == len(set(inside)) == 6
    assert set(inside) <= selection.pairs
    in_trios = Counter(m for t in selection.triangles for m in t)
    assert degrees(selection.pairs) == {n: 2 + in_trios[n] for n in nodes}


# --------------------------------------------------------------------------- rounds


def check_rounds(nodes, edges, rounds, assignment):
    assert set(assignment) == set(edges)
    assert set(assignment.values()) <= set(range(1, rounds + 1))
    for k in range(1, rounds + 1):
        seated = [m for e, r in assignment.items() if r == k for m in e]
        assert sorted(seated) == sorted(nodes), f"round {k}"


def test_k4_fits_three_rounds_with_the_anchor_in_order():
    """Protects: each pair of K4 gets exactly one of 3 rounds, everyone sits once per round,
    and the anchor's partners are in rounds 1, 2, 3 in sorted order (symmetry breaking) -
    which makes the answer unique."""
    nodes = ["a", "b", "c", "d"]
    edges = list(combinations(nodes, 2))
    status, assignment = solve_rounds(build_rounds(nodes, edges, 3, "a"), Limits(2.0))
    assert status is SolveStatus.OPTIMAL
    check_rounds(nodes, edges, 3, assignment)
    assert assignment == {
        ("a", "b"): 1,
        ("c", "d"): 1,
        ("a", "c"): 2,
        ("b", "d"): 2,
        ("a", "d"): 3,
        ("b", "c"): 3,
    }


def test_k8_fits_seven_rounds():
    """Protects: a complete graph on 8 people (a round robin) is coloured into 7 rounds."""
    nodes = [f"p{i}" for i in range(8)]
    edges = list(combinations(nodes, 2))
    status, assignment = solve_rounds(build_rounds(nodes, edges, 7, None), Limits(5.0))
    assert status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    check_rounds(nodes, edges, 7, assignment)


@pytest.mark.parametrize(
    ("nodes", "edges"),
    [
        (["a", "b", "c"], [("a", "b"), ("a", "c"), ("b", "c")]),  # a triangle
        (list("abcde"), [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("a", "e")]),  # C5
    ],
)
def test_pairs_that_fit_no_rounds_give_an_empty_assignment(nodes, edges):
    """Protects: an odd cycle (everyone 2 partners) fits no 2 rounds: INFEASIBLE and {}."""
    status, assignment = solve_rounds(build_rounds(nodes, edges, 2, nodes[0]), Limits(2.0))
    assert status is SolveStatus.INFEASIBLE
    assert assignment == {}


def test_triangles_take_their_round_and_their_members_sit_no_pair_then():
    """Protects: the k-th triangle is round k's table of three; its members have no pair in
    that round, everyone else exactly one. Here the answer is forced."""
    nodes = list("abcdefg")
    triangles = [("a", "b", "c"), ("a", "d", "e")]
    edges = [("d", "f"), ("e", "g"), ("b", "f"), ("c", "g")]
    status, assignment = solve_rounds(build_rounds(nodes, edges, 2, "a", triangles), Limits(2.0))
    assert status is SolveStatus.OPTIMAL
    assert assignment == {("d", "f"): 1, ("e", "g"): 1, ("b", "f"): 2, ("c", "g"): 2}


def regular_graph(n, degree, seed):
    """A random `degree`-regular graph on n people that is a union of perfect matchings (so
    it fits `degree` rounds)."""
    rng = random.Random(seed)
    nodes = [f"p{i:02d}" for i in range(n)]
    edges: set = set()
    while len(edges) < n * degree // 2:
        edges.clear()
        for _ in range(degree):
            for _attempt in range(50):
                order = nodes[:]
                rng.shuffle(order)
                matching = {key(order[i], order[i + 1]) for i in range(0, n, 2)}
                if not matching & edges:
                    edges |= matching
                    break
    return nodes, sorted(edges)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from([6, 8, 10, 12]), st.integers(1, 4), st.integers(0, 1000))
def test_colourable_pairs_always_get_rounds(n, degree, seed):
    """Protects: pairs that do fit the rounds (a union of perfect matchings) always get them:
    every pair exactly one round, everyone exactly once per round."""
    nodes, edges = regular_graph(n, degree, seed)
    anchor = nodes[0]
    status, assignment = solve_rounds(build_rounds(nodes, edges, degree, anchor), Limits(5.0))
    assert status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    check_rounds(nodes, edges, degree, assignment)
    mine = sorted(incident_pairs(edges)[anchor])
    assert [assignment[e] for e in mine] == list(range(1, degree + 1))


def test_a_solve_ended_by_the_clock_is_told_and_one_ended_by_deterministic_time_is_not():
    """Determinism needs deterministic time; when the wall clock cuts a solve short (a machine
    much slower than expected), the caller hears of it and the plan can say so."""
    import random

    rng = random.Random(1)
    model = Model()
    xs = [model.boolean() for _ in range(300)]
    for _ in range(400):
        a, b, c = rng.sample(xs, 3)
        model.add(a + b + c <= 2)
    model.add(sum(x * rng.randint(1, 9) for x in xs[:150]) <= 400)
    model.maximize(sum(x * rng.randint(1, 50) for x in xs))
    by_clock: list = []
    solve(model, Limits(50.0, wall_seconds=0.3, clock_stops=by_clock))
    assert len(by_clock) == 1
    by_work: list = []
    solve(model, Limits(0.2, wall_seconds=50.0, clock_stops=by_work))
    assert by_work == []


def test_a_plan_stopped_by_the_clock_says_so(monkeypatch):
    from benchmarks.synthetic import generate
    from matching.planning import cpsat
    from matching.planning.planner import plan

    original = cpsat.Budget.limits

    def slow_machine(self, share, seed, workers, **options):
        made = original(self, share, seed, workers, **options)
        return cpsat.Limits(
            50.0, made.seed, made.workers, made.linearization, made.stop_at, 0.05, made.clock_stops
        )

    monkeypatch.setattr(cpsat.Budget, "limits", slow_machine)
    outcome = plan(generate(151, 3), 10, time_limit=5)
    assert "clock_stopped" in [p.code for p in outcome.problems]
    assert outcome.plan.extra.get("clock_stopped")

"""Chosen pairs into rounds by Kempe-chain swaps (`colouring`), and the plan completed where
the swaps leave a pair without a round."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import generate
from matching.evaluation import violations
from matching.model import OddMode
from matching.pairs import key
from matching.planning.colouring import colour_pairs


def as_pairs(graph: nx.Graph) -> list[tuple[str, str]]:
    return sorted(key(f"p{a:04d}", f"p{b:04d}") for a, b in graph.edges())


def assert_proper(pairs, colouring, rounds):
    assert set(colouring) <= set(pairs)
    assert all(1 <= r <= rounds for r in colouring.values())
    seen = set()
    for (a, b), r in colouring.items():
        assert (a, r) not in seen and (b, r) not in seen, "someone twice in a round"
        seen |= {(a, r), (b, r)}


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 40), st.integers(1, 8), st.integers(0, 10_000))
def test_a_colouring_never_seats_anyone_twice_in_a_round(half, rounds, seed):
    """Whatever the graph, every placed pair has one round and nobody is in two pairs of a
    round; pairs it could not place are left out (never forced in)."""
    n = 2 * half
    degree = min(rounds, n - 1)
    pairs = as_pairs(nx.random_regular_graph(degree, n, seed=seed))
    colouring = colour_pairs(pairs, rounds, seed)
    assert_proper(pairs, colouring, rounds)


@pytest.mark.parametrize(("n", "rounds"), [(1000, 10), (2000, 20), (600, 10)])
def test_large_regular_choices_are_placed_completely(n, rounds):
    pairs = as_pairs(nx.random_regular_graph(rounds, n, seed=1))
    colouring = colour_pairs(pairs, rounds, 1)
    assert_proper(pairs, colouring, rounds)
    assert len(colouring) >= len(pairs) - 2  # at most one pair's walk left over


def test_more_pairs_than_rounds_is_refused():
    assert colour_pairs([("a", "b"), ("a", "c")], 1) == {}


def test_pairs_the_swaps_left_over_are_seated_anew_with_every_rule_kept():
    """Take an optimal choice of pairs, drop some rounds' pairs from its colouring: the plan
    keeps every placed pair and seats the rest without breaking a rule."""
    from matching.planning.planner import _plan_weights, proven_bound
    from matching.planning.two_steps import complete_rounds
    from matching.scoring import coverage_needs

    people = generate(120, 4)
    rounds = 6
    weights = _plan_weights(people)
    bound = proven_bound(people, rounds, OddMode.TRIO, weights)
    needs = coverage_needs(people, dict.fromkeys((p.id for p in people), rounds))
    chosen = frozenset(e for e, v in bound.pair_values.items() if v > 0.5)
    colouring = colour_pairs(sorted(chosen), rounds, 0)
    rng = random.Random(5)
    dropped = set(rng.sample(sorted(colouring), 9))
    partial = {e: r for e, r in colouring.items() if e not in dropped}
    made = complete_rounds(people, weights, rounds, OddMode.TRIO, needs, chosen, partial)
    assert made is not None
    assert len(made.rounds) == rounds
    assert violations(people, made, OddMode.TRIO) == []
    kept = {key(*t.members): r.number for r in made.rounds for t in r.tables if len(t.members) == 2}
    assert sum(kept.get(e) == r for e, r in partial.items()) >= 0.9 * len(partial)

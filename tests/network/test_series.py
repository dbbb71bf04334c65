"""Events that build on each other: people recognised across lists, pairs who met before,
the planner avoiding them (measured on a seeded list) and the growth of the network."""

from __future__ import annotations

from dataclasses import replace

import pytest

from benchmarks.synthetic import generate
from matching.evaluation import compute_metrics
from matching.lists.directory import Directory, Organisation
from matching.model import Participant, Sector
from matching.network.series import SeriesEvent, pairs_met_before, series_growth
from matching.planning.planner import plan
from matching.replanning.replan import replan
from matching.scoring import History, pair_weights
from tests.network.conftest import KK, KS, SHO, plan_of


def test_people_are_recognised_by_email_or_by_name_and_organisation():
    last_year = (
        Participant("1", "Anna Beispiel", "AOK LSA", KK, email="anna@aok.example"),
        Participant("2", "Bernd Muster", "KISS Halle", KS),
        Participant("3", "Clara Test", "Rheuma-Liga", SHO),
        Participant("4", "Dora Probe", "Diabetes e.V.", SHO),
    )
    earlier = SeriesEvent("2025", "2025-05-05", last_year, plan_of([("1", "2"), ("3", "4")]))
    this_year = [
        # same e-mail, new organisation spelling and another id
        Participant("x7", "Anna B.", "AOK Sachsen-Anhalt", KK, email="ANNA@aok.example"),
        # no e-mail: name and organisation (the organisation through the directory)
        Participant("x8", "bernd  muster", "Selbsthilfekontaktstelle Halle", KS),
        Participant("x9", "Clara Test", "Rheuma-Liga", SHO),
        Participant("x1", "Dora Probe", "Anderer Verein", SHO),  # another organisation now
    ]
    directory = Directory(
        (Organisation(1, "Selbsthilfekontaktstelle Halle", aliases=("KISS Halle",)),)
    )
    assert pairs_met_before(this_year, [earlier], directory.canonical) == {("x7", "x8")}
    # Without the directory "KISS Halle" is another organisation: Bernd is not recognised.
    assert pairs_met_before(this_year, [earlier]) == frozenset()


def test_only_rounds_that_took_place_count():
    people = tuple(Participant(i, i, f"Org {i}", KK) for i in "abcd")
    two_rounds = plan_of([("a", "b"), ("c", "d")], [("a", "c"), ("b", "d")])
    held_one = SeriesEvent("x", "", people, two_rounds, held_rounds=1)
    assert pairs_met_before(list(people), [held_one]) == {("a", "b"), ("c", "d")}
    assert len(pairs_met_before(list(people), [replace(held_one, held_rounds=None)])) == 4


def test_the_history_lowers_the_weight_of_known_pairs_the_more_the_higher_the_weight():
    people = [
        Participant("a", "A", "AOK", KK),
        Participant("b", "B", "Liga", SHO),
        Participant("c", "C", "KISS", KS),
    ]
    plain = pair_weights(people)
    lowered = pair_weights(people, History(frozenset({("a", "b")}), 4))
    assert lowered[("a", "b")] == plain[("a", "b")] - 4
    assert lowered[("a", "c")] == plain[("a", "c")]
    # Below zero too: a weight above the pair's own still makes a difference.
    assert pair_weights(people, History(frozenset({("a", "b")}), 40))[("a", "b")] == (
        plain[("a", "b")] - 40
    )


@pytest.fixture(scope="module")
def two_events():
    """A seeded list of 40 planned for 6 rounds; a year later the same people (new ids,
    another order) come again."""
    first = generate(40, 7)
    made = plan(first, 6, time_limit=10, seed=0).plan
    renamed = {p.id: f"n{i:02d}" for i, p in enumerate(reversed(first))}
    second = [
        replace(
            p,
            id=renamed[p.id],
            wants_to_meet=tuple(renamed[w] for w in p.wants_to_meet),
            avoid=tuple(renamed[a] for a in p.avoid),
        )
        for p in first
    ]
    earlier = SeriesEvent("2025", "2025-05-05", tuple(first), made)
    return second, pairs_met_before(second, [earlier])


def test_a_second_event_meets_measurably_fewer_old_pairs(two_events):
    second, met = two_events
    assert len(met) >= 100  # 40 people x 6 rounds: about 120 pairs met last year
    without = plan(second, 6, time_limit=10, seed=0)
    history = History(met, 10)
    with_history = plan(second, 6, time_limit=10, seed=0, history=history)
    known_without = compute_metrics(second, without.plan, history=History(met)).known_pairs
    known_with = with_history.plan.metrics["known_pairs"]
    assert known_with == compute_metrics(second, with_history.plan, history=history).known_pairs
    # The same people with the same seed: without history much of last year comes again.
    assert known_without >= 20
    assert known_with <= known_without // 4
    # The plan quality says it in words.
    summary = " ".join(compute_metrics(second, with_history.plan, history=history).summary())
    assert f"{known_with} Paare kannten sich schon" in summary or known_with <= 1


def test_re_planning_in_the_room_keeps_avoiding_old_pairs(two_events):
    second, met = two_events
    history = History(met, 10)
    made = plan(second, 6, time_limit=10, seed=0, history=history).plan
    absent = [second[0].id, second[1].id]
    outcome = replan(made, second, 2, absent=absent, time_limit=10, history=history)
    assert outcome.plan.metrics["known_pairs"] <= made.metrics["known_pairs"] + 2


def test_the_network_grows_over_the_series():
    a, b, c, d = (
        Participant("a", "Anna", "AOK LSA", KK),
        Participant("b", "Bernd", "KISS", KS),
        Participant("c", "Clara", "Liga", SHO),
        Participant("d", "Dora", "Verein", Sector.OTHER),
    )
    first = SeriesEvent("2025", "2025-05-05", (a, b, c, d), plan_of([("a", "b"), ("c", "d")]))
    a2 = replace(a, organisation="AOK Sachsen-Anhalt")
    second = SeriesEvent(
        "2026",
        "2026-05-04",
        (a2, b, c, d),
        plan_of([("a", "b"), ("c", "d")], [("a", "c"), ("b", "d")]),
    )
    directory = Directory((Organisation(1, "AOK Sachsen-Anhalt", aliases=("AOK LSA",)),))
    one, two = series_growth([first, second], directory.canonical)
    assert (one.organisation_pairs, one.new_organisation_pairs, one.known_pairs) == (2, 2, 0)
    assert (two.organisation_pairs, two.new_organisation_pairs, two.known_pairs) == (4, 2, 2)
    assert (two.organisations_so_far, two.organisation_pairs_so_far) == (4, 4)
    assert two.people == 4 and two.organisations == 4

"""The independent checker finds every kind of broken rule and computes metrics by hand."""

from __future__ import annotations

import pytest

from matching.evaluation.metrics import compute_metrics, sector_matrix, violations
from matching.model import OddMode, Participant, Plan, Round, Sector, Table

KK, KS, SHO, OTHER = (
    Sector.HEALTH_INSURER,
    Sector.CONTACT_OFFICE,
    Sector.SELF_HELP_ORG,
    Sector.OTHER,
)


def people():
    return [
        Participant("a", "Anna", "AOK", KK, topics=("ePA",), wants_to_meet=("c",)),
        Participant("b", "Bernd", "AOK", KK, stays_seated=True),
        Participant("c", "Clara", "Liga", SHO, topics=("epa",), avoid=("d",)),
        Participant("d", "Dora", "KISS", KS),
    ]


def rules(found):
    return sorted({v.rule for v in found})


def test_a_good_plan_has_no_violations_and_hand_computed_metrics():
    plan = Plan(
        (
            Round(1, (Table(1, ("b", "c")), Table(2, ("a", "d")))),
            Round(2, (Table(1, ("b", "d")), Table(2, ("a", "c")))),
        )
    )
    assert violations(people(), plan) == []
    m = compute_metrics(people(), plan, bound=60)
    # b-c 10, a-d 8, b-d 8, a-c 10 + shared topic 2 + wish 20
    assert m["score"] == 10 + 8 + 8 + 32
    assert m["score_share"] == pytest.approx(58 / 60)
    assert (m["repeats"], m["same_org_pairs"], m["wishes_met"], m["wishes_total"]) == (0, 0, 1, 1)
    assert m["cross_sector_share"] == 1.0
    matrix = sector_matrix(people(), plan)
    assert matrix[(KK, SHO)] == matrix[(SHO, KK)] == 2


@pytest.mark.parametrize(
    ("rounds", "rule"),
    [
        (
            (
                Round(1, (Table(1, ("a", "c")), Table(2, ("b", "d")))),
                Round(2, (Table(1, ("b", "d")), Table(2, ("a", "c")))),
            ),
            2,
        ),  # repeat
        ((Round(1, (Table(1, ("a", "b")), Table(2, ("c", "d")))),), 3),  # same org (and avoid)
        (
            (
                Round(1, (Table(1, ("b", "c")), Table(2, ("a", "d")))),
                Round(2, (Table(2, ("b", "d")), Table(1, ("a", "c")))),
            ),
            5,
        ),  # seated moved
        ((Round(1, (Table(1, ("b", "c", "a")),), ("d",)),), 6),  # trio and rest with 4 people
        ((Round(1, (Table(1, ("b", "c")),)),), 1),  # a and d have no seat
        ((Round(1, (Table(1, ("b", "c")), Table(2, ("a", "d", "x")))),), 1),  # unknown id
    ],
)
def test_each_broken_rule_is_found(rounds, rule):
    assert rule in rules(violations(people(), Plan(rounds)))


def test_avoid_pair_is_rule_4_and_named():
    group = [
        Participant("c", "Clara", "Liga", SHO, avoid=("d",)),
        Participant("d", "Dora", "KISS", KS),
    ]
    (violation,) = violations(group, Plan((Round(1, (Table(1, ("c", "d")),)),)))
    assert (
        violation.rule == 4
        and "Clara" in violation.message("de")
        and "Avoid" in violation.message("en")
    )


def test_rest_fairness_and_odd_mode():
    five = [Participant(x, x.upper(), f"O{x}", OTHER) for x in "abcde"]
    unfair = Plan(
        (
            Round(1, (Table(1, ("b", "c")), Table(2, ("d", "e"))), ("a",)),
            Round(2, (Table(1, ("b", "d")), Table(2, ("c", "e"))), ("a",)),
        )
    )
    assert 6 in rules(violations(five, unfair, OddMode.REST))
    assert 6 in rules(violations(five, unfair, OddMode.TRIO))  # rest where a trio was asked
    fair = Plan(
        (
            Round(1, (Table(1, ("b", "c")), Table(2, ("d", "e"))), ("a",)),
            Round(2, (Table(1, ("a", "d")), Table(2, ("c", "e"))), ("b",)),
        )
    )
    assert violations(five, fair, OddMode.REST) == []


def test_present_by_round_for_replanned_events():
    plan = Plan(
        (Round(1, (Table(1, ("b", "c")), Table(2, ("a", "d")))), Round(2, (Table(1, ("b", "c")),)))
    )
    found = violations(people(), plan, present={1: {"a", "b", "c", "d"}, 2: {"b", "c"}})
    assert rules(found) == [2]  # only the repeat; a and d are excused in round 2

"""The independent checker finds every kind of broken rule and computes metrics by hand."""

from __future__ import annotations

import pytest

from matching.evaluation import Metrics, check, compute_metrics, violations
from matching.evaluation.metrics import sector_matrix
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
    assert m.score == 10 + 8 + 8 + 32
    assert m.score_share == pytest.approx(58 / 60)
    assert (m.repeats, m.same_org_pairs, m.wishes_met, m.wishes_total) == (0, 0, 1, 1)
    assert m.cross_sector_share == 1.0 and m.rule_violations == 0
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


def test_summary_in_plain_german_and_english():
    """The quality section's sentences: share of the bound, wishes, coverage, German numbers."""
    metrics = Metrics(
        score=987,
        upper_bound=1000,
        sector_coverage=1.0,
        cross_sector_share=0.91,
        wishes_met=4,
        wishes_total=5,
    )
    text = " ".join(metrics.summary("de"))
    assert "98,7 %" in text and "4 von 5 Wünschen" in text and "jeden anderen Bereich" in text
    broken = Metrics(rule_violations=2, sector_coverage=0.5).summary("en")
    assert broken[0] == "2 rule violations." and "50.0%" in broken[1]


def test_summary_never_says_all_rules_hold_next_to_a_broken_rule():
    """One source for both: a seated person moved between tables (rule 5) is not a repeat,
    same-organisation or avoid pair, yet the summary must count it."""
    seated = [
        Participant("a", "A", "Kasse A", KK, stays_seated=True),
        Participant("b", "B", "SHO B", SHO),
        Participant("c", "C", "SHO C", SHO),
        Participant("d", "D", "Kasse D", KK),
    ]
    plan = Plan(
        (
            Round(1, (Table(1, ("a", "b")), Table(2, ("c", "d")))),
            Round(2, (Table(1, ("b", "d")), Table(2, ("a", "c")))),
        )
    )
    result = check(seated, plan)
    assert [v.rule for v in result.violations] == [5]
    assert result.metrics.rule_violations == 1
    assert result.metrics.summary("de")[0] == "1 Regelverstoß."
    assert result.metrics.repeats == result.metrics.same_org_pairs == 0


def test_metrics_round_trip_through_the_plan_file():
    """as_dict writes the contract's key names; from_dict reads them back, also old plans
    without rule_violations (then the three counted rules)."""
    metrics = Metrics(score=12, upper_bound=20, repeats=1, tables_kept=3, solve_seconds=0.5)
    data = metrics.as_dict()
    assert data["score_share"] == pytest.approx(0.6) and "tables_changed" not in data
    assert Metrics.from_dict(data) == metrics
    old = {"score": 5, "repeats": 2, "same_org_pairs": 1, "unknown": "x", "people": "oops"}
    assert Metrics.from_dict(old) == Metrics(
        score=5, repeats=2, same_org_pairs=1, rule_violations=3
    )


def test_someone_who_left_the_list_is_named_not_numbered():
    """Until the plan follows the list, its rule list names the person who left by the name
    the plan remembers, not as a raw id."""
    gone = Participant("x9", "Ida Irr", "VdK", SHO)
    plan = Plan((Round(1, (Table(1, ("a", "x9")), Table(2, ("b", "c")))),))
    plain = [v.message("de") for v in check(people(), plan).violations]
    named = [v.message("de") for v in check(people(), plan, known=[gone]).violations]
    assert any("„x9“" in m for m in plain)
    assert any("„Ida Irr“ steht nicht (mehr) auf der Liste" in m for m in named)


def test_quality_change_warns_when_anything_that_matters_drops():
    """Before -> after in words; `worse` for less coverage, a lower share, more broken rules
    or fewer wishes met - and not for a change that keeps or improves everything."""
    from matching.evaluation.metrics import compare_quality

    before = Metrics(score=90, upper_bound=100, sector_coverage=1.0, wishes_met=3)
    same = compare_quality(before, before, "de")
    assert not same.worse and "90,0 % → 90,0 %" in same.text
    assert compare_quality(before, Metrics(score=95, upper_bound=100, wishes_met=3)).worse is False
    dropped = compare_quality(before, Metrics(score=95, upper_bound=100, sector_coverage=0.943))
    assert dropped.worse and "100,0 % → 94,3 %" in dropped.text
    assert compare_quality(before, Metrics(score=90, upper_bound=100, rule_violations=1)).worse
    assert compare_quality(before, Metrics(score=90, upper_bound=100, wishes_met=2)).worse


def test_a_share_above_the_bound_is_not_a_drop_to_100_percent():
    """Shown as 100 % both times, so not "quality dropped" (the walkthrough saw
    "Achtung … 100,0 % → 100,2 %")."""
    from matching.evaluation.metrics import compare_quality

    above = Metrics(score=1002, upper_bound=1000, sector_coverage=1.0)
    at_bound = Metrics(score=1000, upper_bound=1000, sector_coverage=1.0)
    assert not compare_quality(above, at_bound).worse
    assert not compare_quality(at_bound, above).worse

"""Domain types and the contract's pair weights."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.model import Participant, Plan, Round, Sector, Table
from matching.scoring import allowed, coverage_needs, pair_weight, pair_weights


def person(pid, org, sector, **kw):
    return Participant(id=pid, name=pid.upper(), organisation=org, sector=sector, **kw)


def test_sector_weights_follow_contract():
    """Contract 'Score': KK-SHO 10, KK-KS 8, KS-SHO 8, with Sonstige 6, same sector 2."""
    kk = person("a", "AOK", Sector.HEALTH_INSURER)
    sho = person("b", "Rheuma-Liga", Sector.SELF_HELP_ORG)
    ks = person("c", "KISS", Sector.CONTACT_OFFICE)
    other = person("d", "Klinik", Sector.OTHER)
    kk2 = person("e", "TK", Sector.HEALTH_INSURER)
    assert pair_weight(kk, sho) == 10
    assert pair_weight(kk, ks) == 8
    assert pair_weight(ks, sho) == 8
    assert pair_weight(other, kk) == 6
    assert pair_weight(kk, kk2) == 2


def test_topics_offers_wishes_add_capped_points():
    """Shared topics +2 each (max 4), offers meeting needs +3 each (max 6), wish +20 per side."""
    a = person(
        "a",
        "AOK",
        Sector.HEALTH_INSURER,
        topics=("ePA", " Förderung", "x"),
        offers=("Förderwissen", "Räume"),
        needs=("Kontakte",),
        wants_to_meet=("b",),
    )
    b = person(
        "b",
        "Liga",
        Sector.SELF_HELP_ORG,
        topics=("epa", "förderung ", "X"),
        needs=("förderwissen", "räume"),
        offers=("kontakte",),
    )
    assert pair_weight(a, b) == 10 + 4 + 6 + 20
    assert pair_weight(b, a) == pair_weight(a, b)


def test_same_organisation_and_avoid_are_not_allowed():
    a = person("a", "AOK Nord", Sector.HEALTH_INSURER, avoid=("c",))
    b = person("b", " aok  nord", Sector.HEALTH_INSURER)
    c = person("c", "KISS", Sector.CONTACT_OFFICE)
    assert not allowed(a, b)
    assert not allowed(c, a)
    assert allowed(b, c)


def test_coverage_needs_skip_sectors_without_enough_seats():
    """A sector whose seats are fewer than the people outside it is nobody's requirement."""
    people = [person(f"s{i}", f"S{i}", Sector.SELF_HELP_ORG) for i in range(8)]
    people.append(person("k", "AOK", Sector.HEALTH_INSURER))
    needs = coverage_needs(people, {p.id: 3 for p in people})
    assert needs["s0"].sectors == frozenset()  # 1 Kasse person x 3 rounds < 8 others
    assert needs["k"].sectors == frozenset({Sector.SELF_HELP_ORG})


def test_plan_json_round_trip_keeps_extra_keys():
    plan = Plan(
        (Round(1, (Table(1, ("a", "b")), Table(2, ("c", "d", "e"))), ()),),
        {"score": 3},
        {"note": "x"},
    )
    again = Plan.from_dict(plan.to_dict())
    assert again == plan
    assert again.extra == {"note": "x"}
    with pytest.raises(ValueError, match="rounds"):
        Plan.from_dict({"tables": []})


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.booleans()), min_size=2, max_size=8)
)
def test_pair_weights_agree_with_pair_weight(rows):
    """The fast all-pairs computation gives exactly the one-pair numbers."""
    topics = ["ePA", " epa ", "Pflege", "Förderung"]
    people = [
        Participant(
            f"p{i}",
            f"P{i}",
            f"Org {org}",
            list(Sector)[sector],
            topics=tuple(topics[: (i % 4) + 1]),
            offers=("Räume",) if wish else (),
            needs=("räume",) if i % 2 else (),
            wants_to_meet=("p0",) if wish and i else (),
            avoid=("p1",) if i == 3 else (),
        )
        for i, (org, sector, wish) in enumerate(rows)
    ]
    expected = {
        (a.id, b.id): pair_weight(a, b)
        for i, a in enumerate(people)
        for b in people[i + 1 :]
        if allowed(a, b)
    }
    assert pair_weights(people) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [("AOK-Nord", "AOK Nord"), ("aok nord", "AOK  Nord"), ("AOK.Nord", "AOK_Nord")],
)
def test_one_organisation_however_it_is_spelled(first, second):
    """Import, planner and judge compare organisations one way: spellings that the import
    calls colleagues never meet in a plan, and the judge flags them if they do."""
    from matching.evaluation import violations
    from matching.lists.participants import read_participants
    from matching.planning.planner import plan

    a = person("a", first, Sector.HEALTH_INSURER, wants_to_meet=("b",))
    b = person("b", second, Sector.SELF_HELP_ORG)
    c = person("c", "KISS", Sector.CONTACT_OFFICE)
    d = person("d", "Liga", Sector.SELF_HELP_ORG)
    assert not allowed(a, b)
    together = Plan((Round(1, (Table(1, ("a", "b")), Table(2, ("c", "d")))),))
    assert [v.rule for v in violations([a, b, c, d], together)] == [3]
    made = plan([a, b, c, d], 2, time_limit=2).plan
    assert all({"a", "b"} != set(t.members) for r in made.rounds for t in r.tables)
    csv = f"Name,Organisation,Bereich,Möchte treffen\nA,{first},KK,B\nB,{second},SHO,\n"
    result = read_participants(csv.encode(), "liste.csv")
    assert any(p.code == "wish_same_organisation" for p in result.problems)

"""The network's graphs and measures on hand-made plans with values known in advance."""

from __future__ import annotations

import pytest

from matching.network import (
    measures,
    missing_people,
    new_ties,
    organisation_graph,
    organisation_pairs_met,
    person_graph,
    plain_words,
)
from matching.network.measures import KEYS
from tests.network.conftest import KK, KS, OTHER, SHO, person, plan_of

CONTRACT_KEYS = [
    "people",
    "organisations",
    "conversations",
    "cross_sector_share",
    "sector_mixing",
    "organisation_pairs",
    "organisations_reached",
    "density",
    "components",
    "bridges",
]


def test_two_rounds_six_people_three_organisations(six):
    """Every count of the contract, by hand: 6 conversations, all across sectors, each of the
    3 organisation pairs met (density 1), one component, and no bridge in a triangle."""
    people, plan = six
    m = measures(plan, people)
    assert list(m) == CONTRACT_KEYS == list(KEYS)
    assert (m["people"], m["organisations"], m["conversations"]) == (6, 3, 6)
    assert m["cross_sector_share"] == 1.0
    assert m["organisation_pairs"] == 3
    assert m["organisations_reached"] == {"AOK": 2, "KISS": 2, "Liga": 2}
    assert m["density"] == 1.0
    assert m["components"] == 1
    assert m["bridges"] == []
    mixing = m["sector_mixing"]
    assert list(mixing) == [s.value for s in (KK, KS, SHO, OTHER)]
    assert mixing[KK][KS] == mixing[KS][KK] == 2
    assert mixing[KK][SHO] == mixing[SHO][KS] == 2
    assert all(mixing[s][s] == 0 for s in mixing)


def test_graphs_carry_the_contract_attributes(six):
    """Person nodes: name, organisation, sector; organisation nodes: name, sector, people;
    edges: weight = conversations."""
    people, plan = six
    persons = person_graph(plan, people)
    assert persons.nodes["a"] == {"name": "A", "organisation": "AOK", "sector": "Krankenkasse"}
    assert persons.number_of_edges() == 6
    assert all(w == 1 for _, _, w in persons.edges(data="weight"))
    orgs = organisation_graph(plan, people)
    assert orgs.nodes["kiss"] == {
        "name": "KISS",
        "sector": "Selbsthilfekontaktstelle",
        "people": 2,
    }
    assert {(a, b): w for a, b, w in orgs.edges(data="weight")} == {
        ("aok", "kiss"): 2,
        ("aok", "liga"): 2,
        ("kiss", "liga"): 2,
    }


def test_after_round_counts_only_the_rounds_held(six):
    """The held rounds 1..K count; 0 means nothing has happened yet."""
    people, plan = six
    first = measures(plan, people, after_round=1)
    assert (first["conversations"], first["organisation_pairs"]) == (3, 3)
    assert all(
        w == 1 for *_, w in organisation_graph(plan, people, after_round=1).edges(data="weight")
    )
    none = measures(plan, people, after_round=0)
    assert (none["people"], none["conversations"], none["components"]) == (0, 0, 0)
    assert none["cross_sector_share"] == 0.0 and none["density"] == 0.0
    assert plain_words(none, "de") == ["Noch keine Gespräche."]
    assert measures(plan, people, after_round=9) == measures(plan, people)
    with pytest.raises(ValueError, match="after_round"):
        measures(plan, people, after_round=-1)


def test_a_table_of_three_is_three_pairs():
    """a, c, e at one table talk pairwise: three conversations, like the metrics count."""
    people = [
        person("a", "AOK", KK),
        person("b", "AOK", KK),
        person("c", "KISS", KS),
        person("d", "KISS", KS),
        person("e", "Liga", SHO),
    ]
    plan = plan_of([("a", "c", "e"), ("b", "d")])
    m = measures(plan, people)
    assert m["conversations"] == 4
    assert m["sector_mixing"][KK][KS] == 2
    assert m["sector_mixing"][KK][SHO] == m["sector_mixing"][KS][SHO] == 1
    assert set(person_graph(plan, people).edges) == {("a", "c"), ("a", "e"), ("c", "e"),
                                                    ("b", "d")}  # fmt: skip


def test_a_repeat_and_a_same_organisation_pair_count_as_conversations():
    """A pair meeting twice is two conversations (weight 2); a pair within one organisation
    (a broken rule) counts on the diagonal but gives no organisation self-loop."""
    people = [person("a", "AOK", KK), person("b", "aok", KK), person("c", "KISS", KS)]
    plan = plan_of([("a", "c")], [("a", "c")], [("a", "b")])
    m = measures(plan, people)
    assert m["conversations"] == 3
    assert m["cross_sector_share"] == pytest.approx(2 / 3)
    assert m["sector_mixing"][KK][KK] == 1
    assert person_graph(plan, people).edges["a", "c"]["weight"] == 2
    orgs = organisation_graph(plan, people)
    assert list(orgs.edges(data="weight")) == [("aok", "kiss", 2)]
    assert orgs.nodes["aok"]["people"] == 2


def test_a_person_removed_from_the_list_is_left_out(six):
    """f is in the plan but no longer on the list: f and f's conversations disappear, and
    AOK becomes the bridge between KISS and Liga."""
    people, plan = six
    people = [p for p in people if p.id != "f"]
    assert missing_people(plan, people) == ["f"]
    assert missing_people(plan, people, after_round=0) == []
    assert "f" not in person_graph(plan, people)
    m = measures(plan, people)
    assert (m["people"], m["conversations"], m["organisation_pairs"]) == (5, 4, 2)
    assert m["organisations_reached"] == {"AOK": 2, "KISS": 1, "Liga": 1}
    assert m["density"] == pytest.approx(2 / 3)
    assert m["bridges"] == ["AOK"]


def test_two_components():
    """Two pairs of organisations that never met each other: two parts, no bridge."""
    people = [
        person("a", "AOK", KK),
        person("c", "KISS", KS),
        person("e", "Liga", SHO),
        person("g", "Landesstelle", OTHER),
    ]
    m = measures(plan_of([("a", "c"), ("e", "g")]), people)
    assert m["components"] == 2
    assert m["organisation_pairs"] == 2
    assert m["density"] == pytest.approx(2 / 6)
    assert m["bridges"] == []
    assert "Das Netzwerk besteht aus 2 Teilen, die nicht miteinander gesprochen haben." in (
        plain_words(m, "de")
    )


def test_bridges_highest_betweenness_first_then_by_name():
    """Hub links X, Y and Z; Z alone links W: Hub (5 shortest paths) before Z (3)."""
    people = [
        person("h", "Hub", KK),
        person("x", "X", KS),
        person("y", "Y", SHO),
        person("z", "Z", OTHER),
        person("w", "W", KS),
    ]
    plan = plan_of([("h", "x"), ("z", "w")], [("h", "y")], [("h", "z")])
    assert measures(plan, people)["bridges"] == ["Hub", "Z"]
    # a path A - Zeta - Alpha - D: the middle two tie and are listed by name
    people = [
        person("a", "A", KK),
        person("b", "Zeta", KS),
        person("c", "Alpha", SHO),
        person("d", "D", OTHER),
    ]
    plan = plan_of([("a", "b"), ("c", "d")], [("b", "c")])
    assert measures(plan, people)["bridges"] == ["Alpha", "Zeta"]


def test_organisation_label_and_sector_are_the_most_common():
    """Spellings that organisation_key treats as one give one node named by the most common
    spelling; its sector is its people's most common sector."""
    people = [
        person("a", "AOK Nord", KK),
        person("b", "AOK-Nord", KK),
        person("c", "aok nord", OTHER),
        person("d", "AOK Nord", KK),
        person("e", "KISS", KS),
    ]
    plan = plan_of([("a", "e")], [("b", "e")], [("c", "e")], [("d", "e")])
    orgs = organisation_graph(plan, people)
    assert orgs.nodes["aoknord"] == {"name": "AOK Nord", "sector": "Krankenkasse", "people": 4}
    assert measures(plan, people)["organisations_reached"] == {"AOK Nord": 1, "KISS": 1}


def test_new_ties_are_organisation_pairs_not_seen_before(six):
    """Earlier events' pairs are compared by organisation_key, either order."""
    people, plan = six
    assert organisation_pairs_met(plan, people) == [
        ("AOK", "KISS"),
        ("AOK", "Liga"),
        ("KISS", "Liga"),
    ]
    assert new_ties(plan, people, [("kiss", "A.O.K.")]) == [("AOK", "Liga"), ("KISS", "Liga")]
    assert new_ties(plan, people, []) == organisation_pairs_met(plan, people)
    assert new_ties(plan, people, organisation_pairs_met(plan, people)) == []


def test_plain_words_in_german_and_english(six):
    """The page's sentences, numbers in each language's format."""
    people, plan = six
    m = measures(plan, people)
    assert plain_words(m, "de") == [
        "6 Personen aus 3 Organisationen führten 6 Gespräche; 100 % davon zwischen "
        "verschiedenen Bereichen.",
        "3 verschiedene Paare von Organisationen haben sich getroffen – 100 % aller möglichen.",
        "Alle Organisationen sind über Gespräche miteinander verbunden.",
    ]
    people = [p for p in people if p.id != "f"]
    words = plain_words(measures(plan, people), "en")
    assert words[0] == (
        "5 people from 3 organisations had 4 conversations; 100% of them between different sectors."
    )
    assert "The main bridges in the network: AOK." in words
    assert "Most connected: AOK (met 2 organisations)." in words

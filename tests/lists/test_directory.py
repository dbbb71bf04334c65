"""The organisation directory's matching: exact spellings and confirmed aliases are known,
look-alikes are only ever *asked about* - `apply_answers` never merges what was not
confirmed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.lists.directory import (
    Directory,
    Organisation,
    apply_answers,
    look_alikes,
    suggestions,
)
from matching.model import Participant, Sector, organisation_key

DIRECTORY = Directory(
    (
        Organisation(1, "AOK Sachsen-Anhalt", "Krankenkasse", aliases=("AOK LSA",)),
        Organisation(2, "KISS Halle", "Selbsthilfekontaktstelle"),
        Organisation(3, "Deutsche Rheuma-Liga Sachsen-Anhalt e.V.", "Selbsthilfeorganisation"),
    )
)


def person(i: int, organisation: str) -> Participant:
    return Participant(f"p{i:02d}", f"Person {i}", organisation, Sector.OTHER)


def test_known_spellings_and_confirmed_aliases_are_found_without_asking():
    people = [person(1, "aok sachsen anhalt"), person(2, "AOK LSA"), person(3, "kiss-halle")]
    assert suggestions(people, DIRECTORY) == []
    assert DIRECTORY.find("AOK-LSA").id == 1
    assert DIRECTORY.canonical("aok lsa") == "AOK Sachsen-Anhalt"
    assert DIRECTORY.canonical("Unbekannt e.V.") == "Unbekannt e.V."
    stored = apply_answers(people, DIRECTORY, {})
    assert [p.organisation for p in stored] == ["AOK Sachsen-Anhalt"] * 2 + ["KISS Halle"]


def test_a_look_alike_is_asked_about_with_the_directory_name():
    people = [person(1, "AOK Sachsn-Anhalt"), person(2, "Rheuma-Liga Sachsen-Anhalt")]
    asked = {s.spelling: s for s in suggestions(people, DIRECTORY)}
    assert asked["AOK Sachsn-Anhalt"].candidate == "AOK Sachsen-Anhalt"
    assert asked["AOK Sachsn-Anhalt"].organisation_id == 1
    assert asked["Rheuma-Liga Sachsen-Anhalt"].organisation_id == 3
    assert all(s.similarity >= 88 for s in asked.values())


def test_different_organisations_that_share_a_word_are_not_asked_about():
    people = [person(1, "AOK Nordost"), person(2, "KISS Magdeburg"), person(3, "IKK classic")]
    assert suggestions(people, DIRECTORY) == []


def test_two_spellings_on_one_list_are_asked_about_towards_the_more_frequent_one():
    people = [
        person(1, "Selbsthilfekontaktstelle Magdeburg"),
        person(2, "Selbsthilfekontaktstelle Magdeburg"),
        person(3, "Selbsthilfekontakstelle Magdeburg"),  # a typo, once
    ]
    (asked,) = suggestions(people, Directory())
    assert asked.spelling == "Selbsthilfekontakstelle Magdeburg"
    assert asked.candidate == "Selbsthilfekontaktstelle Magdeburg"
    assert asked.organisation_id is None and asked.people == 1


def test_nothing_is_merged_without_a_yes_and_a_yes_merges():
    people = [person(1, "AOK Sachsn-Anhalt"), person(2, "Rheuma-Liga Sachsen-Anhalt")]
    untouched = apply_answers(people, DIRECTORY, {})
    assert [p.organisation for p in untouched] == [p.organisation for p in people]
    merged = apply_answers(people, DIRECTORY, {"AOK Sachsn-Anhalt": "AOK Sachsen-Anhalt"})
    assert [p.organisation for p in merged] == [
        "AOK Sachsen-Anhalt",
        "Rheuma-Liga Sachsen-Anhalt",
    ]


WORDS = ["AOK", "BKK", "KISS", "Liga", "Halle", "Nord", "Süd", "Sachsen", "e.V.", "Anhalt"]
names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=80, deadline=None)
@given(st.lists(names, min_size=1, max_size=12), st.lists(names, max_size=6, unique=True))
def test_without_answers_only_exact_spellings_ever_change(list_names, known):
    """Never silent: with no answers, an organisation is rewritten only where its spelling
    is one the directory has (same `organisation_key`), whatever looks alike."""
    directory = Directory(
        tuple(Organisation(i, n) for i, n in enumerate(dict.fromkeys(known), start=1))
    )
    people = [person(i, n) for i, n in enumerate(list_names)]
    for before, after in zip(people, apply_answers(people, directory, {}), strict=True):
        if before.organisation != after.organisation:
            assert organisation_key(before.organisation) == organisation_key(after.organisation)


def test_look_alikes_in_the_directory_are_offered_for_merging():
    directory = Directory(
        (
            Organisation(1, "Selbsthilfekontaktstelle Halle"),
            Organisation(2, "Selbsthilfe-Kontaktstelle Halle (Saale)"),
            Organisation(3, "BARMER"),
        )
    )
    ((a, b, score),) = look_alikes(directory)
    assert {a.id, b.id} == {1, 2} and score >= 88


def test_chained_answers_all_end_at_the_same_organisation():
    """ "C is B" and "B is A" (as the import asks them) put C's people with A's too."""
    from matching.lists.directory import resolve_answers

    answers = {
        "Diabetikerbnd Sachsn": "Diabetikerbund Sachsn",
        "Diabetikerbund Sachsn": "Diabetikerbund Sachsen",
    }
    assert set(resolve_answers(answers).values()) == {"Diabetikerbund Sachsen"}
    people = [
        person(1, "Diabetikerbund Sachsen"),
        person(2, "Diabetikerbund Sachsn"),
        person(3, "Diabetikerbnd Sachsn"),
    ]
    merged = apply_answers(people, Directory(), answers)
    assert {p.organisation for p in merged} == {"Diabetikerbund Sachsen"}
    assert resolve_answers({"A": "B", "B": "A"}) in ({"A": "A", "B": "B"}, {"A": "B", "B": "A"})


def test_a_name_longer_than_the_directory_keeps_is_still_recognised():
    long_name = "Landesarbeitsgemeinschaft " * 14  # 364 characters
    directory = Directory((Organisation(1, long_name[:300]),))
    assert directory.find(long_name).id == 1
    assert suggestions([person(1, long_name)], directory) == []

"""The organisation directory in the database: one entry per organisation across events, a
spelling belongs to one organisation only, renames keep the old name, merges move every
spelling, imports add what is new and merge only what was confirmed; series of events."""

from __future__ import annotations

import pytest

from matching.model import Event, Participant, Sector
from matching.storage.errors import DirectoryError
from matching.storage.store import open_store


@pytest.fixture
def store(tmp_path):
    return open_store(f"sqlite:///{tmp_path / 'directory.db'}")


def names(store) -> dict[str, tuple[str, ...]]:
    return {o.name: o.aliases for o in store.directory().organisations}


def test_a_spelling_belongs_to_one_organisation_only(store):
    aok = store.add_organisation("AOK Sachsen-Anhalt", "Krankenkasse")
    kiss = store.add_organisation("KISS Halle", "Selbsthilfekontaktstelle")
    store.add_alias(aok, "AOK LSA")
    with pytest.raises(DirectoryError) as refused:
        store.add_alias(kiss, "aok-lsa")
    assert "AOK Sachsen-Anhalt" in refused.value.message("de")
    with pytest.raises(DirectoryError):
        store.add_organisation("aok sachsen anhalt")
    with pytest.raises(DirectoryError):
        store.add_organisation("  ")
    with pytest.raises(DirectoryError):
        store.add_organisation("X", sector="Bäckerei")
    assert names(store) == {"AOK Sachsen-Anhalt": ("AOK LSA",), "KISS Halle": ()}


def test_a_rename_keeps_the_old_name_as_a_spelling(store):
    kiss = store.add_organisation("KISS Halle", "Selbsthilfekontaktstelle")
    store.update_organisation(kiss, "Selbsthilfekontaktstelle Halle", "", "info@kiss.example")
    (org,) = store.directory().organisations
    assert org.name == "Selbsthilfekontaktstelle Halle" and org.aliases == ("KISS Halle",)
    assert org.contact == "info@kiss.example" and org.sector == ""
    assert store.directory().find("kiss halle").id == kiss
    # Renaming back to the alias takes it as the name again (no alias of itself).
    store.update_organisation(kiss, "KISS Halle", "Selbsthilfekontaktstelle")
    (org,) = store.directory().organisations
    assert org.name == "KISS Halle" and org.aliases == ("Selbsthilfekontaktstelle Halle",)


def test_a_merge_moves_every_spelling_and_fills_what_is_missing(store):
    target = store.add_organisation("AOK Sachsen-Anhalt", "Krankenkasse")
    source = store.add_organisation("AOK LSA", "", "kontakt@aok.example")
    store.add_alias(source, "AOK S-A")
    store.merge_organisations(source, target)
    (org,) = store.directory().organisations
    assert org.id == target and set(org.aliases) == {"AOK LSA", "AOK S-A"}
    assert org.sector == "Krankenkasse" and org.contact == "kontakt@aok.example"
    with pytest.raises(DirectoryError):
        store.merge_organisations(target, target)
    with pytest.raises(DirectoryError):
        store.add_alias(source, "gone")  # merged away: said, not a crash


def test_an_import_adds_new_organisations_and_merges_only_what_was_confirmed(store):
    aok = store.add_organisation("AOK Sachsen-Anhalt", "Krankenkasse")
    people = [
        Participant("a", "Anna", "AOK Sachsn-Anhalt", Sector.HEALTH_INSURER),  # confirmed
        Participant("b", "Bernd", "AOK Sachsen-Anhalt", Sector.HEALTH_INSURER),
        Participant("c", "Clara", "Rheuma-Liga", Sector.SELF_HELP_ORG),
        Participant("d", "Dora", "Rheuma Liga", Sector.OTHER),
        Participant("e", "Emil", "Rheuma-Liga", Sector.SELF_HELP_ORG),
        Participant("f", "Frieda", "KISS Hale", Sector.CONTACT_OFFICE),  # a look-alike, no
    ]
    store.register_list(people[:5], {"AOK Sachsn-Anhalt": "AOK Sachsen-Anhalt"})
    store.register_list(people[5:])
    directory = store.directory()
    assert directory.find("AOK Sachsn-Anhalt").id == aok
    liga = directory.find("rheuma liga")
    assert liga.sector == Sector.SELF_HELP_ORG.value  # what most of its people have
    assert {o.name for o in directory.organisations} == {
        "AOK Sachsen-Anhalt",
        "Rheuma-Liga",
        "KISS Hale",
    }


def test_usage_counts_the_events_that_name_an_organisation(store):
    first = store.create_event(Event("Treffen 2025"))
    second = store.create_event(Event("Treffen 2026"))
    store.replace_participants(first, [Participant("a", "A", "AOK LSA", Sector.HEALTH_INSURER)])
    store.replace_participants(second, [Participant("a", "A", "aok-lsa", Sector.HEALTH_INSURER)])
    assert store.organisation_usage()["aoklsa"] == {first, second}


def test_events_of_a_series_in_the_order_they_took_place(store):
    later = store.create_event(Event("2026", date="2026-05-04", series="Austausch LSA"))
    undated = store.create_event(Event("ohne Datum", series="Austausch LSA"))
    earlier = store.create_event(
        Event("2025", date="2025-05-05", series="Austausch LSA", history_weight=25)
    )
    store.create_event(Event("anderes", date="2024-01-01", series="Anderes"))
    store.create_event(Event("keine Reihe"))
    assert store.series_event_ids("Austausch LSA") == [earlier, later, undated]
    assert store.series_names() == ["Anderes", "Austausch LSA"]
    assert store.get_event(earlier).history_weight == 25
    assert store.series_event_ids("") == []


def test_a_copy_for_next_year_stays_in_the_series(store):
    first = store.create_event(Event("2025", series="Austausch LSA", history_weight=15))
    copy = store.get_event(store.duplicate_event(first, "2026"))
    assert copy.series == "Austausch LSA" and copy.history_weight == 15


def test_chained_confirmations_and_long_names_make_one_entry_each(store):
    people = [
        Participant("a", "A", "Diabetikerbund Sachsen", Sector.SELF_HELP_ORG),
        Participant("b", "B", "Diabetikerbund Sachsen", Sector.SELF_HELP_ORG),
        Participant("c", "C", "Diabetikerbund Sachsen", Sector.SELF_HELP_ORG),
        Participant("d", "D", "Landesarbeitsgemeinschaft " * 14, Sector.OTHER),
    ]
    store.register_list(
        people,
        {
            "Diabetikerbnd Sachsn": "Diabetikerbund Sachsn",
            "Diabetikerbund Sachsn": "Diabetikerbund Sachsen",
        },
    )
    store.register_list(people)  # the long name again: no second entry
    directory = store.directory()
    assert len(directory.organisations) == 2
    bund = directory.find("Diabetikerbund Sachsen")
    assert set(bund.aliases) == {"Diabetikerbnd Sachsn", "Diabetikerbund Sachsn"}
    assert directory.find("Landesarbeitsgemeinschaft " * 14) is not None

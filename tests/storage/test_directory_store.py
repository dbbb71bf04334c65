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


def test_an_upgraded_database_starts_with_the_organisations_of_its_lists(tmp_path):
    """Found in the walkthrough: after the upgrade the first import must already be checked
    against the organisations the stored lists name."""
    from sqlalchemy import text

    from tests.storage.test_participant_page_store import database_at

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine, _ = database_at(url, "0004")
    rows = [
        (1, "AOK Nord", "Krankenkasse"),
        (2, "aok-nord", "Sonstige"),
        (3, "AOK Nord", "Krankenkasse"),
        (4, "KISS Halle", "Selbsthilfekontaktstelle"),
    ]
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO events (id, title, date, place, rounds, minutes_per_round, "
                "questions, created_at, updated_at, list_version) VALUES (3, 'Alt', '', '', 6, "
                "8, '[]', '2026-01-01 10:00:00', '2026-01-01 10:00:00', 1)"
            )
        )
        for row_id, organisation, sector in rows:
            connection.execute(
                text(
                    "INSERT INTO participants (id, event_id, person_id, position, name, "
                    "organisation, sector, topics, offers, needs, email, stays_seated, "
                    "wants_to_meet, avoid, source_row, access_code) VALUES (:id, 3, :pid, :id, "
                    ":name, :org, :sector, '[]', '[]', '[]', '', 0, '[]', '[]', NULL, :code)"
                ),
                {
                    "id": row_id,
                    "pid": f"p{row_id}",
                    "name": f"Person {row_id}",
                    "org": organisation,
                    "sector": sector,
                    "code": f"CODE{row_id}",
                },
            )
    engine.dispose()
    store = open_store(url)  # upgrades
    directory = store.directory()
    assert [(o.name, o.sector) for o in directory.organisations] == [
        ("AOK Nord", "Krankenkasse"),
        ("KISS Halle", "Selbsthilfekontaktstelle"),
    ]
    store.dispose()


def test_organisations_said_to_be_different_are_not_offered_for_merging_again(store):
    from matching.lists.directory import look_alikes

    halle = store.add_organisation("Selbsthilfekontaktstelle Halle")
    saale = store.add_organisation("Selbsthilfe-Kontaktstelle Halle (Saale)")
    assert len(look_alikes(store.directory())) == 1
    store.mark_distinct(saale, halle)
    assert look_alikes(store.directory()) == []
    # An import answer "no" is remembered the same way.
    store.register_list(
        [Participant("x", "X", "AOK Nordost", Sector.HEALTH_INSURER)],
        different=[("AOK Nordost", "AOK Nordwest")],
    )
    store.add_organisation("AOK Nordwest")  # added later: nothing to remember yet
    store.register_list([], different=[("AOK Nordost", "AOK Nordwest")])
    directory = store.directory()
    ids = sorted((directory.find("AOK Nordost").id, directory.find("AOK Nordwest").id))
    assert tuple(ids) in directory.distinct


def test_a_spelling_that_is_another_organisations_name_says_so(store):
    store.add_organisation("Kontaktstelle Ostburg")
    other = store.add_organisation("Kontaktstelle Selbsthilfe Ostburg")
    with pytest.raises(DirectoryError) as refused:
        store.add_alias(other, "Kontaktstelle Ostburg")
    assert "schon als eigene Organisation" in refused.value.message("de")

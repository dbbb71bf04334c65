"""The participant list's version: a save based on an old list is refused (StaleListError)
instead of silently undoing somebody else's change; walk-ins get their id inside the write;
databases from before the version (migration 0001) open with version 0."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from matching.i18n import TEXTS
from matching.lists.roster import next_free_id
from matching.model import Event, Participant, Plan, Round, Sector, Table
from matching.storage.store import MIGRATIONS, StaleListError, open_store


def person(pid: str, name: str = "") -> Participant:
    return Participant(pid, name or f"Person {pid}", f"Org {pid}", Sector.OTHER)


def new_walk_in(name: str):
    return lambda used: Participant(next_free_id(used), name, "Spontan e.V.", Sector.OTHER)


def test_versions_count_writes_and_refuse_stale_ones(url):
    store = open_store(url)
    event_id = store.create_event(Event("Versionen"))
    assert store.list_version(event_id) == 0
    assert store.replace_participants(event_id, [person("p001"), person("p002")]) == 1
    assert store.replace_participants(event_id, [person("p001")], expected_version=1) == 2
    with pytest.raises(StaleListError) as stale:
        store.replace_participants(event_id, [person("p009")], expected_version=1)
    assert (stale.value.expected, stale.value.actual, stale.value.event_id) == (1, 2, event_id)
    assert [p.id for p in store.list_participants(event_id)] == ["p001"]  # nothing written
    with pytest.raises(StaleListError):
        store.add_participant(event_id, person("p002"), expected_version=1)
    assert store.add_participant(event_id, person("p002"), expected_version=2) == 3
    with pytest.raises(StaleListError):
        store.remove_participant(event_id, "p001", expected_version=2)
    assert store.remove_participant(event_id, "p001", expected_version=3) == 4
    assert store.remove_participant(event_id, "p404") == 4  # nobody removed: same version
    with pytest.raises(StaleListError):
        store.add_walk_in(event_id, new_walk_in("Zu spät"), expected_version=3)
    assert store.add_participant(event_id, person("p005")) == 5  # no version: always
    assert [p.id for p in store.list_participants(event_id)] == ["p002", "p005"]
    with pytest.raises(KeyError):
        store.list_version(9999)
    with pytest.raises(KeyError):
        store.replace_participants(9999, [person("p001")])


def test_stale_list_has_a_message_in_both_languages():
    assert StaleListError.message_key == "store.stale_list"
    assert TEXTS["store.stale_list"]["de"] and TEXTS["store.stale_list"]["en"]


def test_walk_in_id_is_never_one_the_event_has_had(url):
    store = open_store(url)
    event_id = store.create_event(Event("Nachmeldung"))
    store.replace_participants(event_id, [person("p001"), person("p002"), person("p003")])
    store.save_plan(event_id, Plan((Round(1, (Table(1, ("p001", "p003")),), ("p002",)),)))
    store.remove_participant(event_id, "p003")  # seated in a plan: p003 stays taken
    seen: list[set[str]] = []

    def make(used: set[str]) -> Participant:
        seen.append(set(used))
        return new_walk_in("Neu")(used)

    version = store.list_version(event_id)
    added = store.add_walk_in(event_id, make)
    assert seen == [{"p001", "p002", "p003"}] and added.id == "p004"
    assert store.list_participants(event_id)[-1] == added
    assert store.list_version(event_id) == version + 1
    assert store.access_code(event_id, "p004")
    with pytest.raises(ValueError, match="already taken"):
        store.add_walk_in(event_id, lambda used: person("p003"))


def test_check_in_only_for_people_on_the_list(url):
    store = open_store(url)
    event_id = store.create_event(Event("Check-in"))
    store.replace_participants(event_id, [person("p001")])
    with pytest.raises(KeyError):
        store.set_checked_in(event_id, "p404", True)
    store.set_checked_in(event_id, "p404", False)  # unmarking nobody: nothing to do
    store.set_checked_in(event_id, "p001", True)
    assert store.checked_in(event_id) == {"p001"}


def test_database_from_before_versions_and_consents_opens(tmp_path):
    """A database at migration 0001 with an event in it: opening upgrades it, the event's
    list starts at version 0 and consents can be recorded."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO events (id, title, date, place, rounds, minutes_per_round, "
                "questions, created_at, updated_at) VALUES (7, 'Alt', '', '', 6, 8, '[]', "
                "'2026-01-01 10:00:00', '2026-01-01 10:00:00')"
            )
        )
    engine.dispose()
    store = open_store(url)
    assert store.list_version(7) == 0
    assert store.replace_participants(7, [person("p001")], expected_version=0) == 1
    store.set_consent(7, "p001", "contacts", True)
    assert store.consents(7) == {"p001": {"network": False, "contacts": True}}


def test_stale_list_error_pickles_with_its_fields():
    import pickle

    again = pickle.loads(pickle.dumps(StaleListError(3, 4, 6)))  # noqa: S301 - our own bytes
    assert (again.event_id, again.expected, again.actual) == (3, 4, 6)
    assert "version 6, not 4" in str(again)

"""Storage round trips on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set (the `url`
fixture lives in conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine

from matching.model import ROSTER_KEY, Event, Participant, Plan, Round, Sector, Table
from matching.storage.records import CODE_LENGTH
from matching.storage.store import LiveState, migrate, open_store


def people():
    return (
        Participant(
            "p001",
            "Jörg Groß",
            "AOK Süd",
            Sector.HEALTH_INSURER,
            topics=("ePA", "Förderung"),
            offers=("Räume",),
            needs=("Kontakte",),
            email="j@aok.test",
            stays_seated=True,
            wants_to_meet=("p002",),
            avoid=("p003",),
            source_row=2,
        ),
        Participant("p002", "Ada Ö", "Rheuma-Liga", Sector.SELF_HELP_ORG),
        Participant("p003", "Cem", "KISS", Sector.CONTACT_OFFICE),
    )


def event():
    return Event(
        "Austausch 2026",
        "2026-10-07",
        "Magdeburg",
        6,
        8,
        ("Was macht Ihre Organisation?", "Was brauchen Sie – und von wem?"),
    )


def a_plan():
    return Plan(
        (
            Round(1, (Table(1, ("p001", "p002", "p003")),)),
            Round(2, (Table(1, ("p001", "p002")),), ("p003",)),
        ),
        {"score": 12, "score_share": 0.987},
        {"odd": "rest"},
    )


def test_round_trips_of_every_type(url):
    store = open_store(url)
    event_id = store.create_event(event())
    assert store.get_event(event_id) == event()
    store.replace_participants(event_id, people())
    assert store.list_participants(event_id) == people()
    version = store.save_plan(event_id, a_plan(), label="Erster Plan")
    current_id, current = store.current_plan(event_id)
    assert current_id == version and current == a_plan()
    assert current.metrics["score_share"] == 0.987 and current.extra["odd"] == "rest"
    # The version remembers its people, so a person removed later keeps their name there.
    assert current.extra[ROSTER_KEY]["p001"]["name"] == "Jörg Groß"
    assert set(current.extra) == {"odd", ROSTER_KEY}
    (summary,) = store.list_events()
    assert summary.participant_count == 3 and summary.event.title == "Austausch 2026"


def test_restart_keeps_everything(url):
    """Write, dispose the engine, open again: the same data (an app restart)."""
    store = open_store(url)
    event_id = store.create_event(event())
    store.replace_participants(event_id, people())
    store.save_plan(event_id, a_plan())
    store.set_checked_in(event_id, "p002", True)
    started = dt.datetime(2026, 10, 7, 9, 30, tzinfo=dt.UTC)
    store.set_live(event_id, LiveState(2, started, "running"))
    codes = store.access_codes(event_id)
    store.dispose()
    again = open_store(url)
    assert again.get_event(event_id) == event()
    assert again.list_participants(event_id) == people()
    assert again.current_plan(event_id)[1] == a_plan()
    assert again.checked_in(event_id) == {"p002"}
    assert again.get_live(event_id) == LiveState(2, started, "running")
    assert again.access_codes(event_id) == codes


def test_duplicate_copies_settings_and_people_not_plans(url):
    store = open_store(url)
    event_id = store.create_event(event())
    store.replace_participants(event_id, people())
    store.save_plan(event_id, a_plan())
    copy_id = store.duplicate_event(event_id, "Austausch 2027")
    assert store.get_event(copy_id).title == "Austausch 2027"
    assert store.list_participants(copy_id) == people()
    assert store.current_plan(copy_id) is None
    assert set(store.access_codes(copy_id).values()).isdisjoint(
        store.access_codes(event_id).values()
    )


def test_delete_removes_all_personal_data(url):
    store = open_store(url)
    keep = store.create_event(event())
    store.replace_participants(keep, people())
    gone = store.create_event(event())
    store.replace_participants(gone, people())
    store.save_plan(gone, a_plan())
    store.set_checked_in(gone, "p001", True)
    store.delete_event(gone)
    assert all(n == 0 for n in store.count_rows(gone).values()), store.count_rows(gone)
    assert len(store.list_participants(keep)) == 3


def test_access_codes_unique_stable_and_findable(url):
    store = open_store(url)
    event_id = store.create_event(event())
    store.replace_participants(event_id, people())
    codes = store.access_codes(event_id)
    assert len(set(codes.values())) == 3
    assert all(len(c) == CODE_LENGTH and not set(c) & set("0O1lI") for c in codes.values())
    store.replace_participants(event_id, people()[:2])  # re-import: same ids keep codes
    assert store.access_codes(event_id) == {k: codes[k] for k in ("p001", "p002")}
    assert store.find_by_code(codes["p002"].lower()) == (event_id, "p002")
    assert store.find_by_code("NOPE0000") is None


def test_plan_versions_and_going_back(url):
    store = open_store(url)
    event_id = store.create_event(event())
    first = store.save_plan(event_id, a_plan(), label="A")
    second = store.save_plan(event_id, Plan(a_plan().rounds[:1], {"score": 3}), label="B")
    assert [v.label for v in store.list_plans(event_id)] == ["B", "A"]
    assert store.current_plan(event_id)[0] == second
    store.set_current_plan(event_id, first)
    assert store.current_plan(event_id) == (first, a_plan())
    with pytest.raises(KeyError):
        store.set_current_plan(event_id, 9999)


def test_walk_in_and_duplicate_id(url):
    store = open_store(url)
    event_id = store.create_event(event())
    store.replace_participants(event_id, people())
    store.add_participant(event_id, Participant("p004", "Neu", "BKK", Sector.HEALTH_INSURER))
    assert [p.id for p in store.list_participants(event_id)][-1] == "p004"
    with pytest.raises(ValueError, match="already taken"):
        store.add_participant(event_id, Participant("p004", "Doppelt", "X", Sector.OTHER))
    store.remove_participant(event_id, "p001")
    assert "p001" not in {p.id for p in store.list_participants(event_id)}


def test_two_stores_on_one_sqlite_file(tmp_path):
    """Two app servers' worth of connections on one file: writes of one are seen by the other."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    one, two = open_store(url), open_store(url)
    event_id = one.create_event(event())
    two.replace_participants(event_id, people())
    one.set_live(event_id, LiveState(1, dt.datetime.now(dt.UTC), "running"))
    assert two.get_live(event_id).current_round == 1
    assert len(one.list_participants(event_id)) == 3


def test_models_and_migrations_do_not_drift(tmp_path):
    """Autogenerate against a migrated database finds nothing: models == migrations."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from matching.storage.schema import Base

    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    migrate(engine)
    migrate(engine)  # idempotent: a newer app opening an up-to-date database
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []


def test_known_people_remember_everyone_a_plan_seated(url):
    """Ids are never reused: the event knows removed people from its plan versions."""
    store = open_store(url)
    event_id = store.create_event(event())
    store.replace_participants(event_id, people())
    store.save_plan(event_id, a_plan())
    store.remove_participant(event_id, "p003")
    known = store.known_people(event_id)
    assert set(known) == {"p001", "p002", "p003"}
    assert known["p003"]["name"] == people()[2].name

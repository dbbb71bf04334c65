"""Sensitive data (a self-help group can reveal a health condition): deleted means gone from
the database's bytes, the file is its owner's only, one person's data can be exported and
erased, old events expire, and consents are recorded per purpose with their times."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import update

from matching.model import ROSTER_KEY, Event, Participant, Plan, Round, Sector, Table
from matching.storage.schema import EventRow
from matching.storage.store import FORGOTTEN_NAME, open_store

SECRETS = ("Quirinus Zauberflöte-Xylander", "quirinus.x@geheim.test", "Angstgruppe Nordhorn")
# What p003 noted on their own page: as personal as the list entry.
IDEA = "Zebrafink-Runde gegen Zwangsgedanken 4711"


def people() -> tuple[Participant, ...]:
    return (
        Participant(
            "p001",
            "Jörg Groß",
            "AOK Süd",
            Sector.HEALTH_INSURER,
            email="j@aok.test",
            wants_to_meet=("p003",),
            avoid=("p002",),
        ),
        Participant("p002", "Ada Ö", "Rheuma-Liga", Sector.SELF_HELP_ORG, email="ada@liga.test"),
        Participant(
            "p003",
            SECRETS[0],
            SECRETS[2],
            Sector.SELF_HELP_ORG,
            topics=("Panikattacken",),
            email=SECRETS[1],
            avoid=("p001",),
        ),
        Participant("p004", "Cem Demir", "KISS", Sector.CONTACT_OFFICE),
    )


def a_plan() -> Plan:
    return Plan(
        (
            Round(1, (Table(1, ("p001", "p003")), Table(2, ("p002", "p004")))),
            Round(2, (Table(1, ("p001", "p002")), Table(2, ("p003", "p004")))),
            Round(3, (Table(1, ("p001", "p004")),), ("p002", "p003")),
        ),
        {"score": 7},
    )


def files_of(url: str) -> list[Path]:
    db = Path(url.removeprefix("sqlite:///"))
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]


def raw_bytes(url: str) -> bytes:
    """The database as it lies on disk: main file, write-ahead log and shared memory index."""
    return b"".join(p.read_bytes() for p in files_of(url) if p.exists())


def found(blob: bytes, needles) -> list[str]:
    return [n for n in needles if n.encode("utf-8") in blob]


def filled(url: str) -> tuple:
    store = open_store(url)
    keep = store.create_event(Event("Bleibt", "2026-10-07"))
    store.replace_participants(keep, people()[:2])
    event_id = store.create_event(Event("Austausch Angst und Panik", "2026-11-20", "Kassel"))
    store.replace_participants(event_id, people())
    store.save_plan(event_id, a_plan(), label="Erster Plan")
    store.save_plan(event_id, Plan(a_plan().rounds[:2], {"score": 5}), label="Zweiter Plan")
    store.set_checked_in(event_id, "p003", True)
    store.set_consent(event_id, "p003", "network", True)
    store.set_consent(event_id, "p003", "contacts", True)
    store.set_keep_in_touch(event_id, "p003", "p001", True)  # both ways
    store.set_keep_in_touch(event_id, "p001", "p003", True)
    store.set_keep_in_touch(event_id, "p002", "p003", True)  # one-sided, for p003
    store.save_idea(event_id, "p003", 1, IDEA, show_name=True)
    store.save_idea(event_id, "p001", 1, f"Mit {SECRETS[0]} eine Gruppe gründen", False)
    return store, keep, event_id


# deleted means gone ---------------------------------------------------------------------------
def test_deleted_event_leaves_no_trace_in_the_files(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    store, keep, event_id = filled(url)
    secrets = (*SECRETS, "Austausch Angst und Panik", "Panikattacken", "Cem Demir", IDEA)
    assert found(raw_bytes(url), secrets) == list(secrets)  # the check can see them at all
    store.delete_event(event_id)
    assert found(raw_bytes(url), secrets) == []
    assert files_of(url)[1].stat().st_size == 0  # the WAL was checkpointed and truncated
    assert "Jörg Groß".encode() in raw_bytes(url)  # the other event is still there
    assert [p.id for p in store.list_participants(keep)] == ["p001", "p002"]


def test_person_taken_off_the_list_leaves_no_trace_in_the_files(tmp_path):
    """Nobody's plan seated them: removing them (one by one or by a new import) is enough."""
    url = f"sqlite:///{tmp_path / 'p.db'}"
    store = open_store(url)
    event_id = store.create_event(Event("Liste"))
    store.replace_participants(event_id, people())
    store.save_idea(event_id, "p003", 2, IDEA, show_name=False)
    store.set_keep_in_touch(event_id, "p003", "p001", True)
    store.set_keep_in_touch(event_id, "p002", "p003", True)
    assert found(raw_bytes(url), (*SECRETS, IDEA)) == [*SECRETS, IDEA]
    store.remove_participant(event_id, "p003")
    assert found(raw_bytes(url), (*SECRETS, IDEA)) == []
    assert store.count_rows(event_id)["contact_wishes"] == 0  # both directions went
    assert store.ideas(event_id) == []
    store.replace_participants(event_id, people())
    store.save_idea(event_id, "p004", 1, IDEA, show_name=True)
    store.set_keep_in_touch(event_id, "p001", "p004", True)
    store.replace_participants(event_id, people()[:2])  # a new import without them
    assert found(raw_bytes(url), (*SECRETS, "Cem Demir", IDEA)) == []
    assert store.keep_in_touch(event_id, "p001") == set()
    assert store.count_rows(event_id)["ideas"] == 0


def test_database_file_is_private(tmp_path):
    """Created 0600 in a 0700 folder we make; an existing 0644 file is tightened at open."""
    url = f"sqlite:///{tmp_path / 'new' / 'p.db'}"
    store = open_store(url)
    store.create_event(Event("Privat"))
    for path in files_of(url):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(files_of(url)[0].parent.stat().st_mode) == 0o700
    store.dispose()

    old = tmp_path / "old.db"
    sqlite3.connect(old).close()
    old.chmod(0o644)
    open_store(f"sqlite:///{old}").dispose()
    assert stat.S_IMODE(old.stat().st_mode) == 0o600


def test_secure_delete_is_on(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 30_000


# one person's data ----------------------------------------------------------------------------
def test_export_person_has_everything_stored_about_them(url):
    store, _, event_id = filled(url)
    store.set_consent(event_id, "p003", "network", False)
    store.set_consent(event_id, "p003", "network", True)
    out = store.export_person(event_id, "p003")
    assert json.loads(json.dumps(out)) == out  # JSON as it is
    assert out["event"]["title"] == "Austausch Angst und Panik"
    person = out["participant"]
    assert (person["name"], person["email"], person["organisation"]) == (
        SECRETS[0],
        SECRETS[1],
        SECRETS[2],
    )
    assert person["topics"] == ["Panikattacken"] and person["avoid"] == ["p001"]
    assert out["has_access_code"] is True
    assert store.access_code(event_id, "p003") not in json.dumps(out)
    assert out["check_in"]["present"] is True
    assert out["consents"]["current"] == {"network": True, "contacts": True}
    history = out["consents"]["history"]
    assert [(h["purpose"], h["withdrawn_at"] is None) for h in history] == [
        ("network", False),
        ("contacts", True),
        ("network", True),
    ]
    assert all(dt.datetime.fromisoformat(h["given_at"]).tzinfo for h in history)
    first, second = out["plans"]
    assert (first["label"], first["current"], second["current"]) == ("Erster Plan", False, True)
    assert first["rounds"] == [
        {
            "round": 1,
            "table": 1,
            "partners": [{"id": "p001", "name": "Jörg Groß", "organisation": "AOK Süd"}],
        },
        {
            "round": 2,
            "table": 2,
            "partners": [{"id": "p004", "name": "Cem Demir", "organisation": "KISS"}],
        },
        {"round": 3, "table": None, "resting": True, "partners": []},
    ]
    assert len(second["rounds"]) == 2
    assert first["remembered_as"]["name"] == SECRETS[0]
    (wish,) = out["keep_in_touch"]  # whom they ticked; not who ticked them (p002)
    assert (wish["id"], wish["name"], wish["organisation"]) == ("p001", "Jörg Groß", "AOK Süd")
    assert dt.datetime.fromisoformat(wish["ticked_at"]).tzinfo
    (idea,) = out["ideas"]
    assert (idea["round"], idea["text"], idea["show_name"]) == (1, IDEA, True)
    assert dt.datetime.fromisoformat(idea["updated_at"]).tzinfo
    assert "p002" not in json.dumps(out["keep_in_touch"])
    assert store.export_person(event_id, "p001")["keep_in_touch"][0]["id"] == "p003"


def test_export_of_someone_only_a_plan_remembers(url):
    store, _, event_id = filled(url)
    store.remove_participant(event_id, "p004")
    out = store.export_person(event_id, "p004")
    assert out["participant"] is None and out["has_access_code"] is False
    assert out["plans"][0]["remembered_as"]["name"] == "Cem Demir"
    with pytest.raises(KeyError):
        store.export_person(event_id, "p999")


def test_forget_person_erases_them_and_keeps_the_plans_whole(url):
    store, _, event_id = filled(url)
    store.set_consent(event_id, "p001", "contacts", True)
    assert store.mutual_contacts(event_id, "p001") == {"p003": SECRETS[1]}
    version = store.list_version(event_id)
    if url.startswith("sqlite"):
        assert found(raw_bytes(url), (*SECRETS, IDEA)) == [*SECRETS, IDEA]  # visible at all
    store.forget_person(event_id, "p003")

    assert [p.id for p in store.list_participants(event_id)] == ["p001", "p002", "p004"]
    assert "p003" not in store.access_codes(event_id)
    assert "p003" not in store.checked_in(event_id)
    assert "p003" not in store.consents(event_id)
    assert store.consent_history(event_id, "p003") == []
    assert store.keep_in_touch(event_id, "p001") == set()  # wishes for them went too
    assert store.keep_in_touch(event_id, "p002") == set()
    assert store.mutual_contacts(event_id, "p001") == {}
    assert store.count_rows(event_id)["contact_wishes"] == 0
    (left,) = store.ideas(event_id)  # theirs went; their name left Jörg's idea
    assert (left.person_id, left.text) == ("p001", f"Mit {FORGOTTEN_NAME} eine Gruppe gründen")
    joerg = store.list_participants(event_id)[0]
    assert joerg.wants_to_meet == () and joerg.avoid == ("p002",)  # only the trace went
    assert store.list_version(event_id) == version + 1
    # Plans keep their tables and the id (never handed out again), not the name.
    for version_info in store.list_plans(event_id):
        plan = store.get_plan(version_info.id)
        assert plan.rounds[0].tables[0].members == ("p001", "p003")
        assert plan.extra[ROSTER_KEY]["p003"]["name"] == FORGOTTEN_NAME
        assert plan.extra[ROSTER_KEY]["p003"]["organisation"] == ""
        assert plan.extra[ROSTER_KEY]["p001"]["name"] == "Jörg Groß"
    assert store.known_people(event_id)["p003"]["name"] == FORGOTTEN_NAME
    partner = store.export_person(event_id, "p001")["plans"][0]["rounds"][0]["partners"][0]
    assert partner == {"id": "p003", "name": FORGOTTEN_NAME, "organisation": ""}
    everything = json.dumps(
        [store.export_person(event_id, pid) for pid in ("p001", "p002", "p004")]
        + [store.known_people(event_id)],
        ensure_ascii=False,
    )
    assert found(everything.encode(), SECRETS) == []
    with pytest.raises(KeyError):
        store.forget_person(event_id, "p999")
    if url.startswith("sqlite"):
        assert found(raw_bytes(url), (*SECRETS, IDEA)) == []
        assert "Ada Ö".encode() in raw_bytes(url)


def test_forget_someone_who_already_left_the_list(url):
    """Removed earlier, the plans still showed them by name: forgetting removes that too."""
    store, _, event_id = filled(url)
    store.remove_participant(event_id, "p003")
    assert store.known_people(event_id)["p003"]["name"] == SECRETS[0]
    store.forget_person(event_id, "p003")
    assert store.known_people(event_id)["p003"]["name"] == FORGOTTEN_NAME
    if url.startswith("sqlite"):
        assert found(raw_bytes(url), SECRETS) == []


# retention ------------------------------------------------------------------------------------
def test_events_older_than_the_retention_are_deleted(url):
    store = open_store(url)
    old = store.create_event(Event("Alt", "2024-05-01"))
    recent = store.create_event(Event("Neu", "2026-06-01"))
    undated_old = store.create_event(Event("Ohne Datum, alt"))
    undated_new = store.create_event(Event("Ohne Datum, neu"))
    future = store.create_event(Event("Kommt noch", "2027-03-01"))
    for event_id in (old, undated_old):
        store.replace_participants(event_id, people())
        store.save_idea(event_id, "p003", 1, IDEA, show_name=True)
        store.set_keep_in_touch(event_id, "p003", "p001", True)
    with store.session() as s, s.begin():  # last changes, for the events without a date
        for event_id, changed in ((undated_old, (2024, 1, 2)), (undated_new, (2026, 11, 30))):
            s.execute(
                update(EventRow)
                .where(EventRow.id == event_id)
                .values(updated_at=dt.datetime(*changed, 12, tzinfo=dt.UTC))
            )
    today = dt.date(2026, 12, 1)
    assert store.delete_events_older_than(365, today=today) == sorted([old, undated_old])
    assert {e.id for e in store.list_events()} == {recent, undated_new, future}
    assert all(n == 0 for n in store.count_rows(old).values())
    assert store.delete_events_older_than(365, today=today) == []
    # the boundary: exactly `days` old stays, one day more goes
    assert store.delete_events_older_than(183, today=dt.date(2026, 12, 1)) == []
    assert store.delete_events_older_than(182, today=dt.date(2026, 12, 1)) == [recent]
    with pytest.raises(ValueError):
        store.delete_events_older_than(-1)
    if url.startswith("sqlite"):
        assert found(raw_bytes(url), (*SECRETS, IDEA)) == []


# consents -------------------------------------------------------------------------------------
def test_consent_per_purpose_with_history(url):
    store, _, event_id = filled(url)
    consents = store.consents(event_id)
    assert consents["p003"] == {"network": True, "contacts": True}
    assert consents["p001"] == {"network": False, "contacts": False}  # never asked: no
    store.set_consent(event_id, "p001", "network", True)
    store.set_consent(event_id, "p001", "network", True)  # said again: no new record
    assert len(store.consent_history(event_id, "p001")) == 1
    store.set_consent(event_id, "p001", "network", False)
    assert store.consents(event_id)["p001"]["network"] is False
    store.set_consent(event_id, "p001", "network", True)
    first, second = store.consent_history(event_id, "p001")
    assert first.withdrawn_at is not None and first.given_at <= first.withdrawn_at
    assert second.active and second.given_at >= first.withdrawn_at
    assert store.consents(event_id)["p001"] == {"network": True, "contacts": False}
    with pytest.raises(ValueError):
        store.set_consent(event_id, "p001", "advertising", True)
    with pytest.raises(KeyError):
        store.set_consent(event_id, "p999", "network", True)
    store.remove_participant(event_id, "p001")  # leaving the list takes consents along
    assert store.consent_history(event_id, "p001") == []
    store.delete_event(event_id)
    assert store.count_rows(event_id)["consents"] == 0

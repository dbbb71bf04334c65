"""The event commands of the command line: events, retention, hash-password."""

from __future__ import annotations

from matching.access.login import verify_password
from matching.model import Event, Participant, Sector
from matching.storage.store import open_store
from tests.conftest import run_cli


def test_events_and_retention_on_the_apps_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    store = open_store(url)
    old = store.create_event(Event("Austausch 2019", date="2019-05-01"))
    store.replace_participants(old, [Participant("p1", "Olga Alt", "AOK", Sector.HEALTH_INSURER)])
    new = store.create_event(Event("Austausch 2026", date="2026-11-20"))
    store.dispose()
    env = {"DATABASE_URL": url}
    listed = run_cli("events", env=env)
    assert listed.returncode == 0
    assert "Austausch 2019" in listed.stdout and "1 people" in listed.stdout
    dry = run_cli("retention", "--days", "365", "--dry-run", env=env)
    assert dry.returncode == 0 and "Austausch 2019" in dry.stdout and "2026" not in dry.stdout
    assert len(open_store(url).list_events()) == 2  # a dry run deletes nothing
    done = run_cli("retention", "--days", "365", env=env)
    assert done.returncode == 0 and f"deleted 1 event(s): {old}" in done.stdout
    assert [e.id for e in open_store(url).list_events()] == [new]
    assert b"Olga Alt" not in (tmp_path / "app.db").read_bytes()
    assert run_cli("retention", "--days", "-1", env=env).returncode == 2


def test_hash_password_prints_a_usable_hash():
    done = run_cli("hash-password", input="Tisch 7\n")
    assert done.returncode == 0
    assert verify_password(done.stdout.strip(), "Tisch 7")
    assert run_cli("hash-password", input="\n").returncode == 2

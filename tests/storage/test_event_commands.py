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


def test_links_writes_the_mail_merge_csv(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    store = open_store(url)
    event_id = store.create_event(Event("Austausch"))
    store.replace_participants(
        event_id, [Participant("p1", "Jörg Öztürk", "AOK", Sector.HEALTH_INSURER, email="j@x.de")]
    )
    code = store.access_code(event_id, "p1")
    store.dispose()
    out = tmp_path / "links.csv"
    env = {"DATABASE_URL": url}
    done = run_cli("links", "--event", str(event_id), "--base-url", "http://10.0.0.5:8501",
                   "--out", str(out), env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8-sig")
    assert f"p1;Jörg Öztürk;j@x.de;http://10.0.0.5:8501/mein-plan?code={code}" in text
    bad = run_cli("links", "--event", str(event_id), "--base-url", "ftp://x", "--out",
                  str(tmp_path / "b.csv"), env=env)  # fmt: skip
    assert bad.returncode == 2 and not (tmp_path / "b.csv").exists()
    assert run_cli("links", "--event", "999", "--base-url", "http://x", "--out",
                   str(tmp_path / "c.csv"), env=env).returncode == 2  # fmt: skip

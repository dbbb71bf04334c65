"""Storage: events, participants, plan versions, check-ins, consents, live state and access codes.

SQLite file `data/paarweise.db` by default (WAL, busy timeout); `DATABASE_URL` switches to
PostgreSQL (`postgresql+psycopg://...`). The schema is upgraded by Alembic on open, so a newer
Paarweise opens an older database. Functions return domain objects, never ORM rows.

Participant data is sensitive (belonging to a self-help group can reveal a health condition):
- Deleted means gone: SQLite overwrites deleted content with zeros (`secure_delete`), and after
  an event or a person is deleted the write-ahead log is checkpointed and truncated, so no old
  page lingers in the -wal file. The database file is created readable by its owner only.
- Every write is one transaction with its reads inside it: on SQLite it starts with
  `BEGIN IMMEDIATE` (writers queue, waiting up to BUSY_TIMEOUT seconds, instead of failing
  with "database is locked"), on PostgreSQL it locks the event's row (`SELECT ... FOR UPDATE`).
- The participant list has a version; a writer that read an older one gets StaleListError
  instead of silently undoing somebody else's change.
- The participant's own page (/mein-plan?code=...) is opened by an access code alone: codes
  have >= 128 bits (records.CODE_BITS) and can be re-issued (the old one stops working at
  once). What a person leaves there, their contact wishes ("In Kontakt bleiben") and ideas,
  goes with them like their check-in and consents when they leave the list or are forgotten.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from matching.storage.errors import IdeaTooLongError, StaleListError
from matching.storage.records import (
    CONSENT_PURPOSES,
    FORGOTTEN_NAME,
    IDEA_MAX_LENGTH,
    ConsentRecord,
    EventSummary,
    IdeaRecord,
    LiveState,
    PlanVersion,
)
from matching.storage.schema import (
    EventRow,
)
from matching.storage.store_directory import DirectoryMixin
from matching.storage.store_events import EventsMixin
from matching.storage.store_lists import ListsMixin
from matching.storage.store_live import LiveMixin
from matching.storage.store_page import ParticipantPageMixin
from matching.storage.store_person import PersonDataMixin

__all__ = [
    "CONSENT_PURPOSES",
    "FORGOTTEN_NAME",
    "IDEA_MAX_LENGTH",
    "ConsentRecord",
    "EventSummary",
    "IdeaRecord",
    "IdeaTooLongError",
    "LiveState",
    "PlanVersion",
    "StaleListError",
    "Store",
    "migrate",
    "open_store",
]

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE = ROOT / "data" / "paarweise.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

BUSY_TIMEOUT = 30  # seconds a SQLite writer waits for another one before it gives up
WRITE_ATTEMPTS = 5  # a write that lost a race (busy, unique key, deadlock) runs again
WRITE = "paarweise_write"  # execution option: this connection's transactions will write

T = TypeVar("T")


def database_url(url: str | None = None) -> str:
    if url:
        return url
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    DEFAULT_SQLITE.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # pysqlite must not open transactions by itself (it would start them late, after the
    # first reads): _sqlite_begin emits BEGIN, or BEGIN IMMEDIATE for a writing session.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT * 1000}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # an acknowledged write survives a crash
    cursor.execute("PRAGMA secure_delete=ON")  # deleted content is overwritten with zeros
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn) -> None:
    """SQLAlchemy's "pysqlite serializable" recipe: a writing session takes the write lock at
    its start, so its reads and writes are one atomic step and two writers queue (busy
    timeout) instead of one failing halfway; read-only sessions stay deferred."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def _private_file(path: Path) -> None:
    """Create the database file (and a missing folder) for its owner only: 0600 / 0700. A file
    that is already there is tightened (SQLite gives -wal and -shm the database file's mode)."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = stat.S_IMODE(part.stat().st_mode)
            if mode & 0o077:
                os.chmod(part, mode & 0o700)
        except FileNotFoundError:
            continue
        except OSError as error:  # not ours to change: say so, but open it anyway
            log.warning("Could not make %s private: %s", part, error)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (no-op when it is there already). Processes
    that open the same new database at once take turns (write lock / advisory lock)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.execution_options(**{WRITE: True}).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(727365)")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(url: str | None = None) -> Store:
    url = database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database or ""
        if path and path != ":memory:" and not path.startswith("file:"):
            _private_file(Path(path))
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    migrate(engine)
    return Store(engine)


def _lost_race(error: OperationalError) -> bool:
    """Busy (SQLite), deadlock or serialization failure (PostgreSQL): running again is safe,
    since the failed transaction was rolled back whole."""
    text = str(error.orig).lower()
    code = getattr(error.orig, "sqlstate", None)
    return "database is locked" in text or "database is busy" in text or code in {"40001", "40P01"}


class Store(
    DirectoryMixin, EventsMixin, ListsMixin, LiveMixin, ParticipantPageMixin, PersonDataMixin
):
    """Repository over one database; safe to share between Streamlit sessions, threads and
    processes (each process opens its own)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._session = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(
            engine.execution_options(**{WRITE: True}), expire_on_commit=False
        )

    def session(self) -> Session:
        """A session for reading (SQLite: deferred transaction)."""
        return self._session()

    def dispose(self) -> None:
        self.engine.dispose()

    def _write(self, work: Callable[[Session], T], event_id: int | None = None) -> T:
        """Run `work` in one write transaction (the event's row locked first when given) and
        commit; a transaction that lost a race is rolled back and run again."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self._writer() as s, s.begin():
                    if event_id is not None:
                        self._lock_event(s, event_id)
                    return work(s)
            except IntegrityError:  # e.g. two new access codes alike in different events
                if attempt == WRITE_ATTEMPTS:
                    raise
            except OperationalError as error:
                if attempt == WRITE_ATTEMPTS or not _lost_race(error):
                    raise
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _lock_event(self, s: Session, event_id: int) -> EventRow:
        """The event's row, locked for this transaction on PostgreSQL (SQLite's BEGIN
        IMMEDIATE already holds the database's write lock)."""
        row = s.scalars(select(EventRow).where(EventRow.id == event_id).with_for_update()).first()
        if row is None:
            raise KeyError(f"There is no event with id {event_id}.")
        return row

    def _purge_deleted(self) -> None:
        """After a delete: copy the WAL into the database and truncate it, so the deleted
        rows' old pages are not left in the -wal file (secure_delete zeroed them in the
        database). Waits for readers up to the busy timeout."""
        if self.engine.dialect.name != "sqlite":
            return
        raw = self.engine.raw_connection()
        try:
            for attempt in range(1, 4):
                cursor = raw.cursor()
                busy, *_ = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                cursor.close()
                if not busy:
                    return
                time.sleep(0.1 * attempt)
            log.warning("The WAL checkpoint after a delete did not finish (busy).")
        finally:
            raw.close()

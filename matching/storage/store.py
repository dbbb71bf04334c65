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
import copy
import datetime as dt
import json
import logging
import os
import re
import stat
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, delete, event, func, or_, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from matching.model import ROSTER_KEY, Event, Participant, Plan
from matching.storage.errors import IdeaTooLongError, StaleListError
from matching.storage.records import (
    CODE_ALPHABET,
    CONSENT_PURPOSES,
    FORGOTTEN_NAME,
    IDEA_MAX_LENGTH,
    ConsentRecord,
    EventSummary,
    IdeaRecord,
    LiveState,
    PlanVersion,
    as_utc,
    iso,
    new_access_code,
    normalise_code,
    participant_data,
    participant_row,
    to_event,
    to_participant,
)
from matching.storage.schema import (
    CheckInRow,
    ConsentRow,
    ContactWishRow,
    EventRow,
    EventStateRow,
    IdeaRow,
    ParticipantRow,
    PlanRow,
    utcnow,
)

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
PERSON_EXPORT_FORMAT = "paarweise.person-export/1"

T = TypeVar("T")

CODE_SYMBOLS = frozenset(CODE_ALPHABET)
CODE_COLUMN = ParticipantRow.__table__.c.access_code.type.length  # longer input: no query
# Invisible control characters (tab, line feed and carriage return stay): dropped from ideas.
IDEA_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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


def _event_day(date: str, updated_at: dt.datetime) -> dt.date:
    try:
        return dt.date.fromisoformat(date)
    except (TypeError, ValueError):
        return as_utc(updated_at).date()


def _scrub(value: Any, needles: set[str]) -> Any:
    """The value with every string that is exactly one of `needles` replaced by the
    placeholder (ids and numbers around them untouched)."""
    if isinstance(value, str):
        return FORGOTTEN_NAME if value in needles else value
    if isinstance(value, list):
        return [_scrub(v, needles) for v in value]
    if isinstance(value, dict):
        return {_scrub(k, needles): _scrub(v, needles) for k, v in value.items()}
    return value


def _scrub_text(text: str, needles: set[str]) -> str:
    for needle in sorted(needles, key=len, reverse=True):
        text = text.replace(needle, FORGOTTEN_NAME)
    return text


def _clean_idea(text: str | None) -> str:
    """An idea as stored: line breaks as line feeds, invisible control characters dropped,
    trimmed."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return IDEA_CONTROL.sub("", text).strip()


def _members(data: dict) -> set[str]:
    out: set[str] = set()
    for rnd in data.get("rounds", []):
        for table in rnd.get("tables", []):
            out.update(str(pid) for pid in table.get("members", []))
        out.update(str(pid) for pid in rnd.get("resting", []))
    return out


class Store:
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

    # events -----------------------------------------------------------------------------
    def list_events(self) -> list[EventSummary]:
        with self.session() as s:
            counts = dict(
                s.execute(
                    select(ParticipantRow.event_id, func.count()).group_by(ParticipantRow.event_id)
                ).all()
            )
            rows = s.scalars(
                select(EventRow).order_by(EventRow.updated_at.desc(), EventRow.id.desc())
            )
            return [
                EventSummary(
                    r.id,
                    to_event(r),
                    counts.get(r.id, 0),
                    as_utc(r.created_at),
                    as_utc(r.updated_at),
                )
                for r in rows
            ]

    def create_event(self, event: Event) -> int:
        def work(s: Session) -> int:
            row = EventRow(
                title=event.title,
                date=event.date,
                place=event.place,
                rounds=event.rounds,
                minutes_per_round=event.minutes_per_round,
                questions=list(event.questions),
                list_version=0,
            )
            s.add(row)
            s.flush()
            s.add(EventStateRow(event_id=row.id))
            return row.id

        return self._write(work)

    def _event_row(self, s: Session, event_id: int) -> EventRow:
        row = s.get(EventRow, event_id)
        if row is None:
            raise KeyError(f"There is no event with id {event_id}.")
        return row

    def get_event(self, event_id: int) -> Event:
        with self.session() as s:
            return to_event(self._event_row(s, event_id))

    def update_event(self, event_id: int, event: Event) -> None:
        def work(s: Session) -> None:
            row = self._event_row(s, event_id)
            row.title, row.date, row.place = event.title, event.date, event.place
            row.rounds, row.minutes_per_round = event.rounds, event.minutes_per_round
            row.questions = list(event.questions)
            row.updated_at = utcnow()

        self._write(work, event_id)

    def _touch(self, s: Session, event_id: int) -> None:
        self._event_row(s, event_id).updated_at = utcnow()

    def duplicate_event(
        self, event_id: int, title: str | None = None, with_participants: bool = True
    ) -> int:
        """A copy for next year's meeting: settings and people, no plans, check-ins, consents,
        contact wishes, ideas or codes."""
        original = self.get_event(event_id)
        copy_ = Event(
            title or f"{original.title} (Kopie)",
            original.date,
            original.place,
            original.rounds,
            original.minutes_per_round,
            original.questions,
        )
        new_id = self.create_event(copy_)
        if with_participants:
            self.replace_participants(new_id, self.list_participants(event_id))
        return new_id

    def _delete_event_rows(self, s: Session, event_id: int) -> None:
        for table in (
            IdeaRow,
            ContactWishRow,
            ConsentRow,
            CheckInRow,
            EventStateRow,
            PlanRow,
            ParticipantRow,
        ):
            s.execute(delete(table).where(table.event_id == event_id))
        s.execute(delete(EventRow).where(EventRow.id == event_id))

    def delete_event(self, event_id: int) -> None:
        """Delete the event and every piece of personal data that belongs to it, for good."""
        self._write(lambda s: self._delete_event_rows(s, event_id))
        self._purge_deleted()

    def delete_events_older_than(self, days: int, today: dt.date | None = None) -> list[int]:
        """Retention: delete (for good, like delete_event) every event whose date lies more
        than `days` days before `today`; an event without a date counts from its last change.
        Returns the deleted events' ids."""
        if days < 0:
            raise ValueError("Keep events for zero or more days.")
        cutoff = (today or dt.date.today()) - dt.timedelta(days=days)

        def work(s: Session) -> list[int]:
            rows = s.execute(select(EventRow.id, EventRow.date, EventRow.updated_at)).all()
            doomed = sorted(i for i, date, changed in rows if _event_day(date, changed) < cutoff)
            for event_id in doomed:
                self._delete_event_rows(s, event_id)
            return doomed

        gone = self._write(work)
        if gone:
            self._purge_deleted()
        return gone

    # participants -----------------------------------------------------------------------
    def list_participants(self, event_id: int) -> tuple[Participant, ...]:
        with self.session() as s:
            rows = s.scalars(
                select(ParticipantRow)
                .where(ParticipantRow.event_id == event_id)
                .order_by(ParticipantRow.position)
            )
            return tuple(to_participant(r) for r in rows)

    def list_version(self, event_id: int) -> int:
        """The participant list's version: pass it back as `expected_version` when saving
        a list that was read with it."""
        with self.session() as s:
            return self._event_row(s, event_id).list_version

    def _check_version(self, row: EventRow, expected: int | None) -> None:
        if expected is not None and row.list_version != expected:
            raise StaleListError(row.id, expected, row.list_version)

    def _bump(self, row: EventRow) -> int:
        row.list_version += 1
        row.updated_at = utcnow()
        return row.list_version

    def _codes(self, s: Session, event_id: int) -> dict[str, str]:
        rows = s.execute(
            select(ParticipantRow.person_id, ParticipantRow.access_code).where(
                ParticipantRow.event_id == event_id
            )
        )
        return dict(rows.all())

    def _fresh_code(self, s: Session, taken: set[str]) -> str:
        while True:
            code = new_access_code()
            if (
                code not in taken
                and s.scalar(select(ParticipantRow.id).where(ParticipantRow.access_code == code))
                is None
            ):
                taken.add(code)
                return code

    def _forget_traces(self, s: Session, event_id: int, person_ids: Sequence[str]) -> None:
        """Check-ins, consents, ideas and contact wishes (theirs and other people's for them)
        of people who are no longer on the list."""
        for table in (CheckInRow, ConsentRow, IdeaRow):
            s.execute(
                delete(table).where(table.event_id == event_id, table.person_id.in_(person_ids))
            )
        s.execute(
            delete(ContactWishRow).where(
                ContactWishRow.event_id == event_id,
                or_(
                    ContactWishRow.person_id.in_(person_ids),
                    ContactWishRow.other_id.in_(person_ids),
                ),
            )
        )

    def replace_participants(
        self,
        event_id: int,
        participants: Sequence[Participant],
        expected_version: int | None = None,
    ) -> int:
        """The confirmed import: the whole list at once; people who stay keep their codes,
        people who leave lose their check-in, consents, ideas and contact wishes (both ways;
        old pages purged). With
        `expected_version`, raises StaleListError (and writes nothing) when the list changed
        since. Returns the new version."""
        ids = [p.id for p in participants]
        if len(set(ids)) != len(ids):
            raise ValueError("Every participant id must be unique within an event.")

        def work(s: Session) -> tuple[int, bool]:
            row = self._event_row(s, event_id)
            self._check_version(row, expected_version)
            codes = self._codes(s, event_id)
            s.execute(delete(ParticipantRow).where(ParticipantRow.event_id == event_id))
            s.flush()
            taken = set(codes.values())
            for position, person in enumerate(participants):
                code = codes.get(person.id) or self._fresh_code(s, taken)
                s.add(participant_row(event_id, position, person, code))
            left = sorted(set(codes) - set(ids))
            self._forget_traces(s, event_id, left)
            return self._bump(row), bool(left)

        version, someone_left = self._write(work, event_id)
        if someone_left:
            self._purge_deleted()
        return version

    def _append(self, s: Session, event_id: int, participant: Participant) -> None:
        if participant.id in self._codes(s, event_id):
            raise ValueError(f"The id “{participant.id}” is already taken in this event.")
        position = (
            s.scalar(
                select(func.coalesce(func.max(ParticipantRow.position), -1)).where(
                    ParticipantRow.event_id == event_id
                )
            )
            + 1
        )
        s.add(participant_row(event_id, position, participant, self._fresh_code(s, set())))

    def add_participant(
        self, event_id: int, participant: Participant, expected_version: int | None = None
    ) -> int:
        """One more person at the end of the list. Returns the new version."""

        def work(s: Session) -> int:
            row = self._event_row(s, event_id)
            self._check_version(row, expected_version)
            self._append(s, event_id, participant)
            return self._bump(row)

        return self._write(work, event_id)

    def add_walk_in(
        self,
        event_id: int,
        make_participant: Callable[[set[str]], Participant],
        expected_version: int | None = None,
    ) -> Participant:
        """A walk-in whose id is chosen inside the write transaction: `make_participant`
        gets every id the event has ever had (list and plans, see known_people) and returns
        the new person with an id outside that set, e.g.
        `lambda used: roster.walk_in(people, name, ..., used_ids=used)[0]`. Two walk-ins at
        the same moment therefore never get the same id. Returns the person as stored."""

        def work(s: Session) -> Participant:
            row = self._event_row(s, event_id)
            self._check_version(row, expected_version)
            used = set(self._known(s, event_id))
            person = make_participant(set(used))
            if person.id in used:
                raise ValueError(f"The id “{person.id}” is already taken in this event.")
            self._append(s, event_id, person)
            self._bump(row)
            return person

        return self._write(work, event_id)

    def remove_participant(
        self, event_id: int, person_id: str, expected_version: int | None = None
    ) -> int:
        """Take one person off the list (their check-in, consents, ideas and contact wishes,
        both ways, go too, and the old pages are purged like on delete_event; plans keep
        showing them by name: forget_person removes that). Returns the list's version."""

        def work(s: Session) -> tuple[int, bool]:
            row = self._event_row(s, event_id)
            self._check_version(row, expected_version)
            gone = s.execute(
                delete(ParticipantRow).where(
                    ParticipantRow.event_id == event_id, ParticipantRow.person_id == person_id
                )
            ).rowcount
            self._forget_traces(s, event_id, [person_id])
            return (self._bump(row), True) if gone else (row.list_version, False)

        version, removed = self._write(work, event_id)
        if removed:
            self._purge_deleted()
        return version

    # access codes -----------------------------------------------------------------------
    def access_code(self, event_id: int, person_id: str) -> str:
        with self.session() as s:
            code = self._codes(s, event_id).get(person_id)
        if code is None:
            raise KeyError(f"No participant “{person_id}” in this event.")
        return code

    def access_codes(self, event_id: int) -> dict[str, str]:
        with self.session() as s:
            return self._codes(s, event_id)

    def find_by_code(self, code: str | None) -> tuple[int, str] | None:
        """(event_id, person_id) of the code's owner, or None for a wrong, old or missing code
        (the page then shows the same neutral "Code unbekannt" for all three). Spaces, dashes
        and case do not matter."""
        cleaned = normalise_code(code or "")
        if not cleaned or len(cleaned) > CODE_COLUMN or not set(cleaned) <= CODE_SYMBOLS:
            return None
        with self.session() as s:
            row = s.execute(
                select(ParticipantRow.event_id, ParticipantRow.person_id).where(
                    ParticipantRow.access_code == cleaned
                )
            ).first()
        return (row[0], row[1]) if row else None

    def reissue_code(self, event_id: int, person_id: str) -> str:
        """A new access code for a person on the list (a lost card, a forwarded link): the old
        one stops working the moment this returns. KeyError for a person not on the list."""

        def work(s: Session) -> str:
            row = s.scalars(
                select(ParticipantRow).where(
                    ParticipantRow.event_id == event_id, ParticipantRow.person_id == person_id
                )
            ).first()
            if row is None:
                raise KeyError(f"No participant “{person_id}” in this event.")
            row.access_code = self._fresh_code(s, {row.access_code})
            return row.access_code

        return self._write(work, event_id)

    # plans ------------------------------------------------------------------------------
    def save_plan(
        self, event_id: int, plan: Plan, *, label: str = "", source: str = "planner"
    ) -> int:
        """Store a new version and make it the current one. The version remembers who its
        people were (name, organisation, sector), so a person removed from the list later
        still shows by name in the rounds they sat in."""

        def work(s: Session) -> int:
            data = plan.to_dict()
            in_plan = {m for rnd in plan.rounds for m in (*rnd.seated(), *rnd.resting)}
            known = dict(data.get(ROSTER_KEY) or {})
            for row in s.scalars(select(ParticipantRow).where(ParticipantRow.event_id == event_id)):
                if row.person_id in in_plan:
                    known[row.person_id] = {
                        "name": row.name,
                        "organisation": row.organisation,
                        "sector": row.sector,
                    }
            data[ROSTER_KEY] = {pid: known[pid] for pid in sorted(known) if pid in in_plan}
            row = PlanRow(
                event_id=event_id,
                label=label,
                source=source,
                data=data,
                metrics=dict(plan.metrics),
            )
            s.add(row)
            s.flush()
            self._state(s, event_id).current_plan_id = row.id
            self._touch(s, event_id)
            return row.id

        return self._write(work, event_id)

    def list_plans(self, event_id: int) -> list[PlanVersion]:
        with self.session() as s:
            rows = s.scalars(
                select(PlanRow)
                .where(PlanRow.event_id == event_id)
                .order_by(PlanRow.created_at.desc(), PlanRow.id.desc())
            )
            return [
                PlanVersion(r.id, r.label, r.source, as_utc(r.created_at), dict(r.metrics))
                for r in rows
            ]

    def get_plan(self, version_id: int) -> Plan:
        with self.session() as s:
            row = s.get(PlanRow, version_id)
            if row is None:
                raise KeyError(f"There is no plan version {version_id}.")
            return Plan.from_dict(row.data)

    def _current_plan_id(self, s: Session, event_id: int) -> int | None:
        state = s.get(EventStateRow, event_id)
        plan_id = state.current_plan_id if state else None
        if plan_id is None:
            plan_id = s.scalar(
                select(PlanRow.id)
                .where(PlanRow.event_id == event_id)
                .order_by(PlanRow.created_at.desc(), PlanRow.id.desc())
            )
        return plan_id

    def current_plan(self, event_id: int) -> tuple[int, Plan] | None:
        with self.session() as s:
            plan_id = self._current_plan_id(s, event_id)
            if plan_id is None:
                return None
            return plan_id, Plan.from_dict(s.get(PlanRow, plan_id).data)

    def _known(self, s: Session, event_id: int) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for data in s.scalars(select(PlanRow.data).where(PlanRow.event_id == event_id)):
            for pid, person in (data.get(ROSTER_KEY) or {}).items():
                out[pid] = dict(person)
            for pid in _members(data):
                out.setdefault(pid, {})
        for row in s.scalars(select(ParticipantRow).where(ParticipantRow.event_id == event_id)):
            out[row.person_id] = {
                "name": row.name,
                "organisation": row.organisation,
                "sector": row.sector,
            }
        return out

    def known_people(self, event_id: int) -> dict[str, dict[str, str]]:
        """Everyone this event has ever had, by id: the list now and the people every plan
        version remembers. An id in here is never given to somebody else."""
        with self.session() as s:
            return self._known(s, event_id)

    def set_current_plan(self, event_id: int, version_id: int) -> None:
        def work(s: Session) -> None:
            row = s.get(PlanRow, version_id)
            if row is None or row.event_id != event_id:
                raise KeyError(f"Plan version {version_id} does not belong to this event.")
            self._state(s, event_id).current_plan_id = version_id

        self._write(work, event_id)

    # live state and check-ins -----------------------------------------------------------
    def _state(self, s: Session, event_id: int) -> EventStateRow:
        state = s.get(EventStateRow, event_id)
        if state is None:
            state = EventStateRow(event_id=event_id, current_round=0, phase="idle", note="")
            s.add(state)
            s.flush()
        return state

    def get_live(self, event_id: int) -> LiveState:
        with self.session() as s:
            state = s.get(EventStateRow, event_id)
            if state is None:
                return LiveState()
            return LiveState(
                state.current_round,
                as_utc(state.round_started_at),
                state.phase,
                state.paused_remaining,
            )

    def set_live(self, event_id: int, live: LiveState) -> None:
        def work(s: Session) -> None:
            state = self._state(s, event_id)
            state.current_round = live.current_round
            state.round_started_at = live.round_started_at
            state.phase = live.phase
            state.paused_remaining = live.paused_remaining

        self._write(work, event_id)

    def get_live_data(self, event_id: int) -> dict:
        """The live clock and settings as the live pages stored them ({} before the start)."""
        with self.session() as s:
            state = s.get(EventStateRow, event_id)
            if state is None or not state.live:
                return {}
            try:
                data = json.loads(state.live)
            except ValueError:
                return {}
            return data if isinstance(data, dict) else {}

    def set_live_data(self, event_id: int, data: dict) -> None:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)

        def work(s: Session) -> None:
            self._event_row(s, event_id)
            self._state(s, event_id).live = text

        self._write(work, event_id)

    def _on_list(self, s: Session, event_id: int, person_id: str) -> bool:
        return (
            s.scalar(
                select(ParticipantRow.id).where(
                    ParticipantRow.event_id == event_id, ParticipantRow.person_id == person_id
                )
            )
            is not None
        )

    def set_checked_in(self, event_id: int, person_id: str, present: bool) -> None:
        """Mark a person on the list present or not (KeyError for a person not on it)."""

        def work(s: Session) -> None:
            row = s.get(CheckInRow, (event_id, person_id))
            if not self._on_list(s, event_id, person_id):
                if present:
                    raise KeyError(f"No participant “{person_id}” in this event.")
                if row is not None:
                    s.delete(row)
                return
            if row is None:
                s.add(CheckInRow(event_id=event_id, person_id=person_id, present=present))
            else:
                row.present, row.updated_at = present, utcnow()

        self._write(work, event_id)

    def no_shows(self, event_id: int) -> set[str]:
        """People marked as not come (checked in as absent), as opposed to not yet ticked."""
        with self.session() as s:
            rows = s.scalars(
                select(CheckInRow.person_id).where(
                    CheckInRow.event_id == event_id, CheckInRow.present.is_(False)
                )
            )
            return set(rows)

    def clear_check_in(self, event_id: int, person_id: str) -> None:
        """Neither here nor missing any more (a tick taken back)."""

        def work(s: Session) -> None:
            row = s.get(CheckInRow, (event_id, person_id))
            if row is not None:
                s.delete(row)

        self._write(work, event_id)

    def checked_in(self, event_id: int) -> set[str]:
        with self.session() as s:
            rows = s.scalars(
                select(CheckInRow.person_id).where(
                    CheckInRow.event_id == event_id, CheckInRow.present.is_(True)
                )
            )
            return set(rows)

    # consents ---------------------------------------------------------------------------
    def set_consent(self, event_id: int, person_id: str, purpose: str, given: bool) -> None:
        """Record that a person on the list gave (or withdrew) consent for one purpose
        (CONSENT_PURPOSES). Every change keeps its time: giving opens a new record, withdrawing
        closes the open one; saying the same again changes nothing."""
        if purpose not in CONSENT_PURPOSES:
            raise ValueError(f"Unknown consent purpose {purpose!r}: one of {CONSENT_PURPOSES}.")

        def work(s: Session) -> None:
            if not self._on_list(s, event_id, person_id):
                raise KeyError(f"No participant “{person_id}” in this event.")
            open_rows = s.scalars(
                select(ConsentRow).where(
                    ConsentRow.event_id == event_id,
                    ConsentRow.person_id == person_id,
                    ConsentRow.purpose == purpose,
                    ConsentRow.withdrawn_at.is_(None),
                )
            ).all()
            now = utcnow()
            if given and not open_rows:
                s.add(
                    ConsentRow(
                        event_id=event_id, person_id=person_id, purpose=purpose, given_at=now
                    )
                )
            elif not given:
                for row in open_rows:
                    row.withdrawn_at = now

        self._write(work, event_id)

    def consents(self, event_id: int) -> dict[str, dict[str, bool]]:
        """Everyone on the list: {person_id: {purpose: consent given and not withdrawn}}.
        No record means no consent."""
        with self.session() as s:
            out = {
                pid: dict.fromkeys(CONSENT_PURPOSES, False)
                for pid in s.scalars(
                    select(ParticipantRow.person_id).where(ParticipantRow.event_id == event_id)
                )
            }
            rows = s.execute(
                select(ConsentRow.person_id, ConsentRow.purpose).where(
                    ConsentRow.event_id == event_id, ConsentRow.withdrawn_at.is_(None)
                )
            )
            for pid, purpose in rows:
                out.setdefault(pid, dict.fromkeys(CONSENT_PURPOSES, False))[purpose] = True
            return out

    def consent_history(self, event_id: int, person_id: str | None = None) -> list[ConsentRecord]:
        """Every consent given in this event (or by one person), oldest first."""
        with self.session() as s:
            return self._consent_history(s, event_id, person_id)

    def _consent_history(
        self, s: Session, event_id: int, person_id: str | None
    ) -> list[ConsentRecord]:
        query = select(ConsentRow).where(ConsentRow.event_id == event_id)
        if person_id is not None:
            query = query.where(ConsentRow.person_id == person_id)
        rows = s.scalars(query.order_by(ConsentRow.given_at, ConsentRow.id))
        return [
            ConsentRecord(r.person_id, r.purpose, as_utc(r.given_at), as_utc(r.withdrawn_at))
            for r in rows
        ]

    # the participant's own page: "In Kontakt bleiben" ------------------------------------
    def set_keep_in_touch(self, event_id: int, person_id: str, other_id: str, wanted: bool) -> None:
        """`person_id` ticks (or unticks) that they want to stay in touch with `other_id`.
        Both must be on the list (KeyError otherwise; unticking somebody no longer there is
        nothing to do). Whether the other ticked too is never told here: see mutual_contacts."""
        if person_id == other_id:
            raise ValueError("Somebody cannot want to stay in touch with themselves.")

        def work(s: Session) -> None:
            row = s.get(ContactWishRow, (event_id, person_id, other_id))
            if not wanted:
                if row is not None:
                    s.delete(row)
                return
            for pid in (person_id, other_id):
                if not self._on_list(s, event_id, pid):
                    raise KeyError(f"No participant “{pid}” in this event.")
            if row is None:
                s.add(ContactWishRow(event_id=event_id, person_id=person_id, other_id=other_id))

        self._write(work, event_id)

    def keep_in_touch(self, event_id: int, person_id: str) -> set[str]:
        """Whom this person ticked (their own wishes only, never who ticked them)."""
        with self.session() as s:
            return set(
                s.scalars(
                    select(ContactWishRow.other_id).where(
                        ContactWishRow.event_id == event_id, ContactWishRow.person_id == person_id
                    )
                )
            )

    def mutual_contacts(self, event_id: int, person_id: str) -> dict[str, str]:
        """{other_id: the other's e-mail} for everyone with whom it is mutual: both ticked each
        other, both have an active "contacts" consent and the other has an e-mail address.
        Anybody else is simply absent, so the result never tells that somebody ticked this
        person when one of the conditions is missing."""
        with self.session() as s:
            if not self._on_list(s, event_id, person_id):
                return {}
            mine = set(
                s.scalars(
                    select(ContactWishRow.other_id).where(
                        ContactWishRow.event_id == event_id, ContactWishRow.person_id == person_id
                    )
                )
            )
            both = set(
                s.scalars(
                    select(ContactWishRow.person_id).where(
                        ContactWishRow.event_id == event_id,
                        ContactWishRow.other_id == person_id,
                        ContactWishRow.person_id.in_(mine),
                    )
                )
            )
            if not both:
                return {}
            consented = set(
                s.scalars(
                    select(ConsentRow.person_id).where(
                        ConsentRow.event_id == event_id,
                        ConsentRow.purpose == "contacts",
                        ConsentRow.withdrawn_at.is_(None),
                        ConsentRow.person_id.in_(both | {person_id}),
                    )
                )
            )
            if person_id not in consented:
                return {}
            rows = s.execute(
                select(ParticipantRow.person_id, ParticipantRow.email).where(
                    ParticipantRow.event_id == event_id,
                    ParticipantRow.person_id.in_(both & consented),
                )
            )
            return {pid: email.strip() for pid, email in sorted(rows) if (email or "").strip()}

    # the participant's own page: ideas ---------------------------------------------------
    def save_idea(
        self, event_id: int, person_id: str, round: int, text: str, show_name: bool
    ) -> None:
        """Note a person's idea (or answer) for one round, replacing the one they had; empty
        text deletes it. The text is trimmed (invisible control characters dropped) and may
        have IDEA_MAX_LENGTH characters: a longer one raises IdeaTooLongError (a ValueError)
        and saves nothing. `show_name`: whether the facilitator view and the report may show
        their name with it. KeyError for a person not on the list."""
        if isinstance(round, bool) or not isinstance(round, int) or round < 1:
            raise ValueError(f"Rounds are counted from 1, not {round!r}.")
        cleaned = _clean_idea(text)
        if len(cleaned) > IDEA_MAX_LENGTH:
            raise IdeaTooLongError(len(cleaned), IDEA_MAX_LENGTH)

        def work(s: Session) -> None:
            row = s.get(IdeaRow, (event_id, person_id, round))
            if not cleaned:
                if row is not None:
                    s.delete(row)
                return
            if not self._on_list(s, event_id, person_id):
                raise KeyError(f"No participant “{person_id}” in this event.")
            if row is None:
                s.add(
                    IdeaRow(
                        event_id=event_id,
                        person_id=person_id,
                        round=round,
                        text=cleaned,
                        show_name=bool(show_name),
                        updated_at=utcnow(),
                    )
                )
            elif (row.text, row.show_name) != (cleaned, bool(show_name)):
                row.text, row.show_name, row.updated_at = cleaned, bool(show_name), utcnow()

        self._write(work, event_id)

    def idea(self, event_id: int, person_id: str, round: int) -> tuple[str, bool] | None:
        """(text, show_name) of this person's idea for the round, None when there is none."""
        with self.session() as s:
            row = s.get(IdeaRow, (event_id, person_id, round))
            return (row.text, row.show_name) if row is not None else None

    def ideas(self, event_id: int, round: int | None = None) -> list[IdeaRecord]:
        """Everyone's ideas (or one round's), by round and then by time, for the facilitator
        view and the report. They show a person's name only where `show_name` is True."""
        with self.session() as s:
            query = select(IdeaRow).where(IdeaRow.event_id == event_id)
            if round is not None:
                query = query.where(IdeaRow.round == round)
            rows = s.scalars(query.order_by(IdeaRow.round, IdeaRow.updated_at, IdeaRow.person_id))
            return [
                IdeaRecord(r.round, r.person_id, r.text, r.show_name, as_utc(r.updated_at))
                for r in rows
            ]

    # one person's data (GDPR Art. 15, 17, 20) -------------------------------------------
    def export_person(self, event_id: int, person_id: str) -> dict[str, Any]:
        """Everything stored about one person in one event, as JSON-ready data: their list
        entry, whether they have an access code, check-in, consents with their history, every
        plan version they are in (table and partners by round), whom they ticked for "In
        Kontakt bleiben" and their ideas. (Who ticked *them* is the other people's data and is
        not told, like on their page.) KeyError when the event holds nothing about them."""
        with self.session() as s:
            event_row = self._event_row(s, event_id)
            row = s.scalars(
                select(ParticipantRow).where(
                    ParticipantRow.event_id == event_id, ParticipantRow.person_id == person_id
                )
            ).first()
            checkin = s.get(CheckInRow, (event_id, person_id))
            history = self._consent_history(s, event_id, person_id)
            wishes = s.scalars(
                select(ContactWishRow)
                .where(ContactWishRow.event_id == event_id, ContactWishRow.person_id == person_id)
                .order_by(ContactWishRow.created_at, ContactWishRow.other_id)
            ).all()
            notes = s.scalars(
                select(IdeaRow)
                .where(IdeaRow.event_id == event_id, IdeaRow.person_id == person_id)
                .order_by(IdeaRow.round)
            ).all()
            names_now = {
                r.person_id: {"name": r.name, "organisation": r.organisation}
                for r in s.scalars(
                    select(ParticipantRow).where(ParticipantRow.event_id == event_id)
                )
            }
            current = self._current_plan_id(s, event_id)
            plans = []
            for plan in s.scalars(
                select(PlanRow)
                .where(PlanRow.event_id == event_id)
                .order_by(PlanRow.created_at, PlanRow.id)
            ):
                entry = self._plan_of_person(plan, person_id, names_now)
                if entry is not None:
                    entry["current"] = plan.id == current
                    plans.append(entry)
            if row is None and checkin is None and not (history or plans or wishes or notes):
                raise KeyError(f"This event holds nothing about “{person_id}”.")
            active = {c.purpose for c in history if c.active}
            return {
                "format": PERSON_EXPORT_FORMAT,
                "exported_at": iso(utcnow()),
                "event": {
                    "id": event_row.id,
                    "title": event_row.title,
                    "date": event_row.date,
                    "place": event_row.place,
                },
                "person_id": person_id,
                "participant": participant_data(row) if row is not None else None,
                "has_access_code": bool(row is not None and row.access_code),
                "check_in": (
                    {"present": checkin.present, "updated_at": iso(checkin.updated_at)}
                    if checkin is not None
                    else None
                ),
                "consents": {
                    "current": {p: p in active for p in CONSENT_PURPOSES},
                    "history": [
                        {
                            "purpose": c.purpose,
                            "given_at": iso(c.given_at),
                            "withdrawn_at": iso(c.withdrawn_at),
                        }
                        for c in history
                    ],
                },
                "plans": plans,
                "keep_in_touch": [
                    {
                        "id": w.other_id,
                        "name": names_now.get(w.other_id, {}).get("name", w.other_id),
                        "organisation": names_now.get(w.other_id, {}).get("organisation", ""),
                        "ticked_at": iso(w.created_at),
                    }
                    for w in wishes
                ],
                "ideas": [
                    {
                        "round": n.round,
                        "text": n.text,
                        "show_name": n.show_name,
                        "updated_at": iso(n.updated_at),
                    }
                    for n in notes
                ],
            }

    @staticmethod
    def _plan_of_person(
        plan: PlanRow, person_id: str, names_now: dict[str, dict[str, str]]
    ) -> dict[str, Any] | None:
        data = plan.data or {}
        roster = data.get(ROSTER_KEY) or {}

        def who(pid: str) -> dict[str, str]:
            known = roster.get(pid) or names_now.get(pid) or {}
            return {
                "id": pid,
                "name": str(known.get("name") or pid),
                "organisation": str(known.get("organisation") or ""),
            }

        rounds = []
        for rnd in data.get("rounds", []):
            number = rnd.get("round")
            for table in rnd.get("tables", []):
                members = [str(m) for m in table.get("members", [])]
                if person_id in members:
                    rounds.append(
                        {
                            "round": number,
                            "table": table.get("table"),
                            "partners": [who(m) for m in members if m != person_id],
                        }
                    )
            if person_id in [str(m) for m in rnd.get("resting", [])]:
                rounds.append({"round": number, "table": None, "resting": True, "partners": []})
        if not rounds and person_id not in roster:
            return None
        return {
            "version_id": plan.id,
            "label": plan.label,
            "created_at": iso(plan.created_at),
            "remembered_as": dict(roster[person_id]) if person_id in roster else None,
            "rounds": rounds,
        }

    def forget_person(self, event_id: int, person_id: str) -> None:
        """Erase one person from an event (GDPR Art. 17): their list entry and access code,
        check-in and consents, their ideas and contact wishes (theirs and other people's for
        them), their id in other people's wishes, their name in other people's ideas (like in
        the live note); plan versions keep their
        tables (and the id, so it is never handed out again) but show FORGOTTEN_NAME instead
        of their name and organisation. Afterwards the old pages are purged like on
        delete_event. KeyError when the event holds nothing about them."""

        def work(s: Session) -> None:
            event_row = self._event_row(s, event_id)
            row = s.scalars(
                select(ParticipantRow).where(
                    ParticipantRow.event_id == event_id, ParticipantRow.person_id == person_id
                )
            ).first()
            traces = (
                s.scalar(
                    select(func.count())
                    .select_from(ConsentRow)
                    .where(ConsentRow.event_id == event_id, ConsentRow.person_id == person_id)
                )
                + s.scalar(
                    select(func.count())
                    .select_from(CheckInRow)
                    .where(CheckInRow.event_id == event_id, CheckInRow.person_id == person_id)
                )
                + s.scalar(
                    select(func.count())
                    .select_from(IdeaRow)
                    .where(IdeaRow.event_id == event_id, IdeaRow.person_id == person_id)
                )
                + s.scalar(
                    select(func.count())
                    .select_from(ContactWishRow)
                    .where(
                        ContactWishRow.event_id == event_id,
                        or_(
                            ContactWishRow.person_id == person_id,
                            ContactWishRow.other_id == person_id,
                        ),
                    )
                )
            )
            plans = s.scalars(select(PlanRow).where(PlanRow.event_id == event_id)).all()
            seated = [
                p
                for p in plans
                if person_id in (p.data.get(ROSTER_KEY) or {}) or person_id in _members(p.data)
            ]
            if row is None and not traces and not seated:
                raise KeyError(f"This event holds nothing about “{person_id}”.")
            needles = set()
            if row is not None:
                needles |= {row.name, row.email}
            for plan in seated:
                remembered = (plan.data.get(ROSTER_KEY) or {}).get(person_id) or {}
                needles.add(str(remembered.get("name") or ""))
            needles = {n.strip() for n in needles if n and len(n.strip()) >= 2}
            for plan in seated:
                data = copy.deepcopy(plan.data)
                roster = data.pop(ROSTER_KEY, None) or {}
                if person_id in roster:
                    roster[person_id] = {
                        "name": FORGOTTEN_NAME,
                        "organisation": "",
                        "sector": str(roster[person_id].get("sector") or ""),
                    }
                data = _scrub(data, needles)
                data[ROSTER_KEY] = roster
                plan.data = data
                plan.metrics = _scrub(copy.deepcopy(plan.metrics), needles)
                plan.label = _scrub_text(plan.label, needles)
            state = s.get(EventStateRow, event_id)
            if state is not None and state.note:
                state.note = _scrub_text(state.note, needles)
            for note in s.scalars(
                select(IdeaRow).where(IdeaRow.event_id == event_id, IdeaRow.person_id != person_id)
            ):
                scrubbed = _scrub_text(note.text, needles)
                if scrubbed != note.text:
                    note.text = scrubbed
            self._forget_traces(s, event_id, [person_id])
            changed = row is not None
            if row is not None:
                s.delete(row)
            for other in s.scalars(
                select(ParticipantRow).where(ParticipantRow.event_id == event_id)
            ):
                if person_id in other.wants_to_meet or person_id in other.avoid:
                    other.wants_to_meet = [p for p in other.wants_to_meet if p != person_id]
                    other.avoid = [p for p in other.avoid if p != person_id]
                    changed = True
            if changed:
                self._bump(event_row)
            else:
                event_row.updated_at = utcnow()

        self._write(work, event_id)
        self._purge_deleted()

    def count_rows(self, event_id: int) -> dict[str, int]:
        """Rows that belong to one event, per table: proves a delete left nothing behind."""
        with self.session() as s:
            out = {
                "events": s.scalar(
                    select(func.count()).select_from(EventRow).where(EventRow.id == event_id)
                )
            }
            for table in (
                ParticipantRow,
                PlanRow,
                EventStateRow,
                CheckInRow,
                ConsentRow,
                ContactWishRow,
                IdeaRow,
            ):
                out[table.__tablename__] = s.scalar(
                    select(func.count()).select_from(table).where(table.event_id == event_id)
                )
            return out

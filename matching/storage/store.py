"""Storage: events, participants, plan versions, check-ins, live state and access codes.

SQLite file `data/paarweise.db` by default (WAL, busy timeout); `DATABASE_URL` switches to
PostgreSQL (`postgresql+psycopg://...`). The schema is upgraded by Alembic on open, so a newer
Paarweise opens an older database. Functions return domain objects, never ORM rows.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, delete, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from matching.model import ROSTER_KEY, Event, Participant, Plan
from matching.storage.records import (
    EventSummary,
    LiveState,
    PlanVersion,
    as_utc,
    new_access_code,
    participant_row,
    to_event,
    to_participant,
)
from matching.storage.schema import (
    CheckInRow,
    EventRow,
    EventStateRow,
    ParticipantRow,
    PlanRow,
    utcnow,
)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE = ROOT / "data" / "paarweise.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(url: str | None = None) -> str:
    if url:
        return url
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (no-op when it is there already)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(url: str | None = None) -> Store:
    url = database_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 5, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    migrate(engine)
    return Store(engine)


class Store:
    """Repository over one database; safe to share between Streamlit sessions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._session = sessionmaker(engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._session()

    def dispose(self) -> None:
        self.engine.dispose()

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
        with self.session() as s, s.begin():
            row = EventRow(
                title=event.title,
                date=event.date,
                place=event.place,
                rounds=event.rounds,
                minutes_per_round=event.minutes_per_round,
                questions=list(event.questions),
            )
            s.add(row)
            s.flush()
            s.add(EventStateRow(event_id=row.id))
            return row.id

    def _event_row(self, s: Session, event_id: int) -> EventRow:
        row = s.get(EventRow, event_id)
        if row is None:
            raise KeyError(f"There is no event with id {event_id}.")
        return row

    def get_event(self, event_id: int) -> Event:
        with self.session() as s:
            return to_event(self._event_row(s, event_id))

    def update_event(self, event_id: int, event: Event) -> None:
        with self.session() as s, s.begin():
            row = self._event_row(s, event_id)
            row.title, row.date, row.place = event.title, event.date, event.place
            row.rounds, row.minutes_per_round = event.rounds, event.minutes_per_round
            row.questions = list(event.questions)
            row.updated_at = utcnow()

    def _touch(self, s: Session, event_id: int) -> None:
        self._event_row(s, event_id).updated_at = utcnow()

    def duplicate_event(
        self, event_id: int, title: str | None = None, with_participants: bool = True
    ) -> int:
        """A copy for next year's meeting: settings and people, no plans, check-ins or codes."""
        original = self.get_event(event_id)
        copy = Event(
            title or f"{original.title} (Kopie)",
            original.date,
            original.place,
            original.rounds,
            original.minutes_per_round,
            original.questions,
        )
        new_id = self.create_event(copy)
        if with_participants:
            self.replace_participants(new_id, self.list_participants(event_id))
        return new_id

    def delete_event(self, event_id: int) -> None:
        """Delete the event and every piece of personal data that belongs to it."""
        with self.session() as s, s.begin():
            for table in (CheckInRow, EventStateRow, PlanRow, ParticipantRow):
                s.execute(delete(table).where(table.event_id == event_id))
            s.execute(delete(EventRow).where(EventRow.id == event_id))

    # participants -----------------------------------------------------------------------
    def list_participants(self, event_id: int) -> tuple[Participant, ...]:
        with self.session() as s:
            rows = s.scalars(
                select(ParticipantRow)
                .where(ParticipantRow.event_id == event_id)
                .order_by(ParticipantRow.position)
            )
            return tuple(to_participant(r) for r in rows)

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

    def replace_participants(self, event_id: int, participants: Sequence[Participant]) -> None:
        """The confirmed import: the whole list at once; people who stay keep their codes."""
        ids = [p.id for p in participants]
        if len(set(ids)) != len(ids):
            raise ValueError("Every participant id must be unique within an event.")
        with self.session() as s, s.begin():
            self._event_row(s, event_id)
            codes = self._codes(s, event_id)
            s.execute(delete(ParticipantRow).where(ParticipantRow.event_id == event_id))
            s.flush()
            taken = set(codes.values())
            for position, person in enumerate(participants):
                code = codes.get(person.id) or self._fresh_code(s, taken)
                s.add(participant_row(event_id, position, person, code))
            s.execute(
                delete(CheckInRow).where(
                    CheckInRow.event_id == event_id, CheckInRow.person_id.not_in(ids)
                )
            )
            self._touch(s, event_id)

    def add_participant(self, event_id: int, participant: Participant) -> None:
        with self.session() as s, s.begin():
            self._event_row(s, event_id)
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
            self._touch(s, event_id)

    def remove_participant(self, event_id: int, person_id: str) -> None:
        self.replace_participants(
            event_id, [p for p in self.list_participants(event_id) if p.id != person_id]
        )

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

    def find_by_code(self, code: str) -> tuple[int, str] | None:
        cleaned = "".join(code.split()).upper()
        with self.session() as s:
            row = s.execute(
                select(ParticipantRow.event_id, ParticipantRow.person_id).where(
                    ParticipantRow.access_code == cleaned
                )
            ).first()
        return (row[0], row[1]) if row else None

    # plans ------------------------------------------------------------------------------
    def save_plan(
        self, event_id: int, plan: Plan, *, label: str = "", source: str = "planner"
    ) -> int:
        """Store a new version and make it the current one. The version remembers who its
        people were (name, organisation, sector), so a person removed from the list later
        still shows by name in the rounds they sat in."""
        with self.session() as s, s.begin():
            self._event_row(s, event_id)
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

    def current_plan(self, event_id: int) -> tuple[int, Plan] | None:
        with self.session() as s:
            state = s.get(EventStateRow, event_id)
            plan_id = state.current_plan_id if state else None
            if plan_id is None:
                plan_id = s.scalar(
                    select(PlanRow.id)
                    .where(PlanRow.event_id == event_id)
                    .order_by(PlanRow.created_at.desc(), PlanRow.id.desc())
                )
            if plan_id is None:
                return None
            return plan_id, Plan.from_dict(s.get(PlanRow, plan_id).data)

    def known_people(self, event_id: int) -> dict[str, dict[str, str]]:
        """Everyone this event has ever had, by id: the list now and the people every plan
        version remembers. An id in here is never given to somebody else."""
        with self.session() as s:
            out: dict[str, dict[str, str]] = {}
            for data in s.scalars(select(PlanRow.data).where(PlanRow.event_id == event_id)):
                for pid, person in (data.get(ROSTER_KEY) or {}).items():
                    out[pid] = dict(person)
                for rnd in data.get("rounds", []):
                    for table in rnd.get("tables", []):
                        for pid in table.get("members", []):
                            out.setdefault(str(pid), {})
                    for pid in rnd.get("resting", []):
                        out.setdefault(str(pid), {})
            for row in s.scalars(select(ParticipantRow).where(ParticipantRow.event_id == event_id)):
                out[row.person_id] = {
                    "name": row.name,
                    "organisation": row.organisation,
                    "sector": row.sector,
                }
            return out

    def set_current_plan(self, event_id: int, version_id: int) -> None:
        with self.session() as s, s.begin():
            row = s.get(PlanRow, version_id)
            if row is None or row.event_id != event_id:
                raise KeyError(f"Plan version {version_id} does not belong to this event.")
            self._state(s, event_id).current_plan_id = version_id

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
        with self.session() as s, s.begin():
            state = self._state(s, event_id)
            state.current_round = live.current_round
            state.round_started_at = live.round_started_at
            state.phase = live.phase
            state.paused_remaining = live.paused_remaining

    def set_checked_in(self, event_id: int, person_id: str, present: bool) -> None:
        with self.session() as s, s.begin():
            row = s.get(CheckInRow, (event_id, person_id))
            if row is None:
                s.add(CheckInRow(event_id=event_id, person_id=person_id, present=present))
            else:
                row.present, row.updated_at = present, utcnow()

    def checked_in(self, event_id: int) -> set[str]:
        with self.session() as s:
            rows = s.scalars(
                select(CheckInRow.person_id).where(
                    CheckInRow.event_id == event_id, CheckInRow.present.is_(True)
                )
            )
            return set(rows)

    def count_rows(self, event_id: int) -> dict[str, int]:
        """Rows that belong to one event, per table: proves a delete left nothing behind."""
        with self.session() as s:
            out = {
                "events": s.scalar(
                    select(func.count()).select_from(EventRow).where(EventRow.id == event_id)
                )
            }
            for table in (ParticipantRow, PlanRow, EventStateRow, CheckInRow):
                out[table.__tablename__] = s.scalar(
                    select(func.count()).select_from(table).where(table.event_id == event_id)
                )
            return out

"""Events and their plan versions (see store.Store)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from matching.model import ROSTER_KEY, Event, Plan
from matching.storage.records import (
    EventSummary,
    PlanVersion,
    as_utc,
    iso,
    to_event,
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


def _event_day(date: str, updated_at: dt.datetime) -> dt.date:
    try:
        return dt.date.fromisoformat(date)
    except (TypeError, ValueError):
        return as_utc(updated_at).date()


def _members(data: dict) -> set[str]:
    out: set[str] = set()
    for rnd in data.get("rounds", []):
        for table in rnd.get("tables", []):
            out.update(str(pid) for pid in table.get("members", []))
        out.update(str(pid) for pid in rnd.get("resting", []))
    return out


class EventsMixin:
    """Methods of Store; they use its session and _write."""

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
                series=event.series.strip(),
                history_weight=event.history_weight,
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
            row.series, row.history_weight = event.series.strip(), event.history_weight
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
            original.series,
            original.history_weight,
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

    def page_poll(self, event_id: int) -> tuple[tuple, str]:
        """What an open participant page polls every two seconds, in one query without ORM
        objects: (stamp, live JSON text). The stamp - the event (with its creation time, so
        a re-used id never matches), the list version, the current plan version with its
        creation time - is equal exactly when plan and list are: a cache of both keyed by it
        never serves another event's data. KeyError for an unknown event."""
        events, state, plans = EventRow.__table__, EventStateRow.__table__, PlanRow.__table__
        made = (
            select(plans.c.created_at)
            .where(plans.c.id == state.c.current_plan_id)
            .scalar_subquery()
        )
        query = (
            select(
                events.c.created_at,
                events.c.list_version,
                state.c.current_plan_id,
                made,
                state.c.live,
            )
            .select_from(events.outerjoin(state, state.c.event_id == events.c.id))
            .where(events.c.id == event_id)
        )
        with self.session() as s:
            row = s.execute(query).first()
            if row is None:
                raise KeyError(f"There is no event with id {event_id}.")
            created, version, plan_id, plan_made, live = row
            if plan_id is None:  # no current plan chosen: the newest, as current_plan does
                newest = s.execute(
                    select(plans.c.id, plans.c.created_at)
                    .where(plans.c.event_id == event_id)
                    .order_by(plans.c.created_at.desc(), plans.c.id.desc())
                    .limit(1)
                ).first()
                if newest is not None:
                    plan_id, plan_made = newest
        stamp = (event_id, iso(created), version, plan_id, iso(plan_made))
        return stamp, live or ""

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

"""One person's data: export (GDPR Art. 15/20) and forgetting (Art. 17) (see store.Store)."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from matching.model import ROSTER_KEY
from matching.storage.records import (
    CONSENT_PURPOSES,
    FORGOTTEN_NAME,
    iso,
    participant_data,
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
from matching.storage.store_events import _members

PERSON_EXPORT_FORMAT = "paarweise.person-export/1"


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


class PersonDataMixin:
    """Methods of Store; they use its session and _write."""

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

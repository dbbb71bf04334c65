"""The live state of an event and the check-ins (see store.Store)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.storage.records import (
    LiveState,
    as_utc,
)
from matching.storage.schema import (
    CheckInRow,
    EventStateRow,
    ParticipantRow,
    utcnow,
)


def live_dict(text: str | None) -> dict:
    """The stored live JSON as a dict ({} when empty or unreadable)."""
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


class LiveMixin:
    """Methods of Store; they use its session and _write."""

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
            return live_dict(state.live if state is not None else "")

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

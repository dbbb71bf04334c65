"""What people leave on their own page: consents, contact wishes, ideas (see store.Store)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.storage.errors import IdeaTooLongError
from matching.storage.records import (
    CONSENT_PURPOSES,
    IDEA_MAX_LENGTH,
    ConsentRecord,
    IdeaRecord,
    as_utc,
)
from matching.storage.schema import (
    ConsentRow,
    ContactWishRow,
    IdeaRow,
    ParticipantRow,
    utcnow,
)

# Invisible control characters (tab, line feed and carriage return stay): dropped from ideas.
IDEA_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _clean_idea(text: str | None) -> str:
    """An idea as stored: line breaks as line feeds, invisible control characters dropped,
    trimmed."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return IDEA_CONTROL.sub("", text).strip()


class ParticipantPageMixin:
    """Methods of Store; they use its session and _write."""

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

    def ideas_of(self, event_id: int, person_id: str) -> dict[int, tuple[str, bool]]:
        """{round: (text, show_name)} of one person's ideas, in one query (their page)."""
        with self.session() as s:
            rows = s.execute(
                select(IdeaRow.round, IdeaRow.text, IdeaRow.show_name).where(
                    IdeaRow.event_id == event_id, IdeaRow.person_id == person_id
                )
            ).all()
        return {r.round: (r.text, r.show_name) for r in rows}

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

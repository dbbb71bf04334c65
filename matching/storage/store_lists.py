"""Participant lists with their version, walk-ins and access codes (see store.Store)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from matching.model import Participant
from matching.storage.errors import StaleListError
from matching.storage.records import (
    CODE_ALPHABET,
    new_access_code,
    normalise_code,
    participant_row,
    to_participant,
)
from matching.storage.schema import (
    CheckInRow,
    ConsentRow,
    ContactWishRow,
    EventRow,
    IdeaRow,
    ParticipantRow,
    utcnow,
)

CODE_SYMBOLS = frozenset(CODE_ALPHABET)

CODE_COLUMN = ParticipantRow.__table__.c.access_code.type.length  # longer input: no query


class ListsMixin:
    """Methods of Store; they use its session and _write."""

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

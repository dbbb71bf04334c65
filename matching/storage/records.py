"""What storage hands out and takes in: small records (event summaries, plan versions, live
state), access codes, and the mapping between ORM rows and domain objects (matching.model)."""

from __future__ import annotations

import datetime as dt
import math
import secrets
from dataclasses import dataclass

from matching.model import Event, Participant, Sector
from matching.storage.schema import EventRow, ParticipantRow

# What a consent is for: "network" = the name shown in the network picture and the report;
# "contacts" = contact details passed on to the people one met.
CONSENT_PURPOSES = ("network", "contacts")

# What a stored plan shows instead of a person who asked to be forgotten (the id stays, so the
# plan's tables stay whole and the id is never handed to somebody else).
FORGOTTEN_NAME = "(gelöscht)"

# A person's own page (/mein-plan?code=...) is opened with their access code alone, so a
# code must not be guessable: at least 128 bits from `secrets` (event contract). People type
# it from a printed card, so the alphabet is uppercase without look-alikes (no 0/O, 1/l/I):
# 31 symbols, log2(31) = 4.95 bits each, 26 of them = 128.8 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_MIN_BITS = 128
CODE_LENGTH = math.ceil(CODE_MIN_BITS / math.log2(len(CODE_ALPHABET)))  # 26
CODE_BITS = CODE_LENGTH * math.log2(len(CODE_ALPHABET))
CODE_GROUP = 4  # shown in groups for typing (grouped_code); spaces and dashes are ignored


def new_access_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What somebody typed or a link carried, as stored: spaces, dashes and case do not
    matter ("abcd efgh-..." finds "ABCDEFGH...")."""
    return "".join(text.replace("-", " ").split()).upper()


def grouped_code(code: str, size: int = CODE_GROUP) -> str:
    """A code in groups for a printed card ("ABCD EFGH ..."); find_by_code takes it back."""
    return " ".join(code[i : i + size] for i in range(0, len(code), size))


# One idea (or answer to the round's question) per person and round, at most this long.
IDEA_MAX_LENGTH = 500


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class EventSummary:
    id: int
    event: Event
    participant_count: int
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class PlanVersion:
    id: int
    label: str
    source: str
    created_at: dt.datetime
    metrics: dict


@dataclass(frozen=True, slots=True)
class LiveState:
    current_round: int = 0  # 0 = not started
    round_started_at: dt.datetime | None = None  # UTC, server time
    phase: str = "idle"
    paused_remaining: float | None = None


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    """One consent as it was given and (perhaps) withdrawn; UTC moments."""

    person_id: str
    purpose: str
    given_at: dt.datetime
    withdrawn_at: dt.datetime | None = None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


@dataclass(frozen=True, slots=True)
class IdeaRecord:
    """One person's idea (or answer) for one round; `updated_at` is UTC. Whoever shows it
    (facilitator view, report) shows the person's name only when `show_name` is True and
    otherwise the text alone: the person_id is there to join, not to display."""

    round: int
    person_id: str
    text: str
    show_name: bool
    updated_at: dt.datetime


def participant_row(event_id: int, position: int, p: Participant, code: str) -> ParticipantRow:
    return ParticipantRow(
        event_id=event_id,
        person_id=p.id,
        position=position,
        name=p.name,
        organisation=p.organisation,
        sector=p.sector.value,
        topics=list(p.topics),
        offers=list(p.offers),
        needs=list(p.needs),
        email=p.email,
        stays_seated=p.stays_seated,
        wants_to_meet=list(p.wants_to_meet),
        avoid=list(p.avoid),
        source_row=p.source_row,
        access_code=code,
    )


def to_participant(row: ParticipantRow) -> Participant:
    return Participant(
        id=row.person_id,
        name=row.name,
        organisation=row.organisation,
        sector=Sector(row.sector),
        topics=tuple(row.topics),
        offers=tuple(row.offers),
        needs=tuple(row.needs),
        email=row.email,
        stays_seated=row.stays_seated,
        wants_to_meet=tuple(row.wants_to_meet),
        avoid=tuple(row.avoid),
        source_row=row.source_row,
    )


def participant_data(row: ParticipantRow) -> dict:
    """Everything a participant row holds about its person, as JSON-ready data (the access
    code itself stays out: it is a key to their pages, not information about them)."""
    return {
        "id": row.person_id,
        "name": row.name,
        "organisation": row.organisation,
        "sector": row.sector,
        "topics": list(row.topics),
        "offers": list(row.offers),
        "needs": list(row.needs),
        "email": row.email,
        "stays_seated": row.stays_seated,
        "wants_to_meet": list(row.wants_to_meet),
        "avoid": list(row.avoid),
        "source_row": row.source_row,
        "position_on_list": row.position,
    }


def iso(moment: dt.datetime | None) -> str | None:
    moment = as_utc(moment)
    return moment.isoformat() if moment is not None else None


def to_event(row: EventRow) -> Event:
    return Event(
        title=row.title,
        date=row.date,
        place=row.place,
        rounds=row.rounds,
        minutes_per_round=row.minutes_per_round,
        questions=tuple(row.questions),
        series=row.series or "",
        history_weight=row.history_weight if row.history_weight is not None else 10,
    )

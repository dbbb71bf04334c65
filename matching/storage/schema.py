"""Database tables (SQLAlchemy 2 declarative). Changes go through a new Alembic migration in
matching/storage/migrations/versions; a test compares these models with the migrations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[str] = mapped_column(String(10), default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    rounds: Mapped[int] = mapped_column(Integer)
    minutes_per_round: Mapped[int] = mapped_column(Integer)
    questions: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Bumped by every write to the participant list: a writer that read version n and finds
    # another number has lost a race (StaleListError) instead of silently undoing that change.
    list_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Events with the same series name form a series (e.g. the yearly exchange); a new one
    # avoids pairs who met at an earlier one, with this weight (0 = off).
    series: Mapped[str] = mapped_column(String(300), default="", server_default="")
    history_weight: Mapped[int] = mapped_column(Integer, default=10, server_default="10")


class ParticipantRow(Base):
    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("event_id", "person_id", name="uq_participant_person"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    organisation: Mapped[str] = mapped_column(String(300))
    sector: Mapped[str] = mapped_column(String(40))
    topics: Mapped[list] = mapped_column(JSON, default=list)
    offers: Mapped[list] = mapped_column(JSON, default=list)
    needs: Mapped[list] = mapped_column(JSON, default=list)
    email: Mapped[str] = mapped_column(String(300), default="")
    stays_seated: Mapped[bool] = mapped_column(Boolean, default=False)
    wants_to_meet: Mapped[list] = mapped_column(JSON, default=list)
    avoid: Mapped[list] = mapped_column(JSON, default=list)
    source_row: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # 26 symbols since migration 0004 (>= 128 bits, records.CODE_LENGTH); room to spare.
    access_code: Mapped[str] = mapped_column(String(40), unique=True)


class PlanRow(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(40), default="planner")
    data: Mapped[dict] = mapped_column(JSON)
    metrics: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EventStateRow(Base):
    """The live truth every screen polls: current plan and round, and when the round started."""

    __tablename__ = "event_state"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    current_plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="SET NULL"), nullable=True
    )
    current_round: Mapped[int] = mapped_column(Integer, default=0)
    round_started_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    phase: Mapped[str] = mapped_column(String(40), default="idle")
    paused_remaining: Mapped[float | None] = mapped_column(Float, nullable=True)
    # The live clock and settings (matching.live), JSON; "" = never started.
    live: Mapped[str] = mapped_column(Text, default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="")


class CheckInRow(Base):
    __tablename__ = "checkins"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ConsentRow(Base):
    """One consent for one purpose, with its history: giving adds a row, withdrawing sets
    `withdrawn_at` on the open row. A person's consent is the open row (if any)."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str] = mapped_column(String(40))
    given_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ContactWishRow(Base):
    """“In Kontakt bleiben”: `person_id` ticked that they want to stay in touch with
    `other_id`. Only a wish ticked both ways, with both people's "contacts" consent, passes an
    e-mail address on (Store.mutual_contacts); a one-sided wish is never shown to the other."""

    __tablename__ = "contact_wishes"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    other_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IdeaRow(Base):
    """One person's idea or answer for one round (records.IDEA_MAX_LENGTH characters at most);
    the name goes with it only where `show_name` is True."""

    __tablename__ = "ideas"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    text: Mapped[str] = mapped_column(Text)
    show_name: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OrganisationRow(Base):
    """The directory: each organisation once, across events (matching.lists.directory)."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # organisation_key(name): one entry per organisation however it is spelt
    name_key: Mapped[str] = mapped_column(String(300), unique=True)
    sector: Mapped[str] = mapped_column(String(40), default="")
    contact: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OrganisationAliasRow(Base):
    """Another spelling confirmed for an organisation ("AOK LSA" for "AOK Sachsen-Anhalt")."""

    __tablename__ = "organisation_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    spelling: Mapped[str] = mapped_column(String(300))
    spelling_key: Mapped[str] = mapped_column(String(300), unique=True)


class OrganisationDistinctRow(Base):
    """Two directory entries the organiser said are different organisations (first < second):
    the directory page stops offering to merge them."""

    __tablename__ = "organisation_distinct"

    first_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    )
    second_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    )

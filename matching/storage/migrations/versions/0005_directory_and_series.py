"""One organisation directory across events (with confirmed aliases and pairs confirmed as
different), and series of events whose later meetings avoid pairs who met before.

The directory starts with every organisation the stored lists already name (one entry per
spelling key, the sector most of its people have), so the first import after the upgrade is
checked against them like any later one.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import datetime as dt
import re
import unicodedata
from collections import Counter

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


# Frozen here (not imported from matching): what this migration wrote stays what it wrote.
NAME_LENGTH = 300


def _key(name: str) -> str:
    name = " ".join(str(name or "").split())[:NAME_LENGTH]
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name).casefold())


def _fill_from_lists() -> None:
    bind = op.get_bind()
    participants = sa.table(
        "participants", sa.column("organisation", sa.String()), sa.column("sector", sa.String())
    )
    organisations = sa.table(
        "organisations",
        sa.column("name", sa.String()),
        sa.column("name_key", sa.String()),
        sa.column("sector", sa.String()),
        sa.column("contact", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    names: dict[str, str] = {}
    sectors: dict[str, Counter] = {}
    for organisation, sector in bind.execute(
        sa.select(participants.c.organisation, participants.c.sector)
    ).all():
        key = _key(organisation)
        if key:
            names.setdefault(key, " ".join(organisation.split())[:NAME_LENGTH])
            sectors.setdefault(key, Counter())[sector or ""] += 1
    now = dt.datetime.now(dt.UTC)
    for key in sorted(names):
        top = sorted(sectors[key].items(), key=lambda item: (-item[1], item[0]))[0][0]
        bind.execute(
            organisations.insert().values(
                name=names[key], name_key=key, sector=top, contact="", created_at=now, updated_at=now
            )
        )


def upgrade() -> None:
    op.add_column(
        "events", sa.Column("series", sa.String(300), nullable=False, server_default="")
    )
    op.add_column(
        "events",
        sa.Column("history_weight", sa.Integer(), nullable=False, server_default="10"),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_key", sa.String(300), nullable=False, unique=True),
        sa.Column("sector", sa.String(40), nullable=False),
        sa.Column("contact", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "organisation_aliases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "organisation_id",
            sa.Integer(),
            sa.ForeignKey("organisations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("spelling", sa.String(300), nullable=False),
        sa.Column("spelling_key", sa.String(300), nullable=False, unique=True),
    )
    op.create_index(
        "ix_organisation_aliases_organisation_id", "organisation_aliases", ["organisation_id"]
    )
    op.create_table(
        "organisation_distinct",
        sa.Column(
            "first_id",
            sa.Integer(),
            sa.ForeignKey("organisations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "second_id",
            sa.Integer(),
            sa.ForeignKey("organisations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("first_id", "second_id"),
    )
    _fill_from_lists()


def downgrade() -> None:
    op.drop_table("organisation_distinct")
    op.drop_index("ix_organisation_aliases_organisation_id", "organisation_aliases")
    op.drop_table("organisation_aliases")
    op.drop_table("organisations")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("history_weight")
        batch.drop_column("series")

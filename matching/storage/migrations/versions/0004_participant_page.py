"""The participant's own page: access codes of at least 128 bits, “In Kontakt bleiben”
(contact wishes) and one idea per person and round.

Every existing access code is re-issued: the old 8-character ones (40 bits) are too weak for
a page opened by its code alone, so they stop working and the new links / cards must be handed
out again. The new ones are 26 symbols from the card alphabet (128.8 bits, `secrets`).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen here (not imported from matching.storage.records): what this migration wrote stays
# what it wrote, whatever later versions of the app use.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
NEW_LENGTH = 26
OLD_LENGTH = 8

participants = sa.table(
    "participants", sa.column("id", sa.Integer()), sa.column("access_code", sa.String())
)


def _reissue(length: int) -> None:
    """A fresh code of `length` symbols for every participant (all different, and different
    from every code there now, so the unique constraint holds row by row)."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(participants.c.id, participants.c.access_code)).all()
    taken = {code for _, code in rows}
    for row_id, _ in rows:
        code = "".join(secrets.choice(ALPHABET) for _ in range(length))
        while code in taken:
            code = "".join(secrets.choice(ALPHABET) for _ in range(length))
        taken.add(code)
        bind.execute(
            participants.update().where(participants.c.id == row_id).values(access_code=code)
        )


def upgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.alter_column(
            "access_code",
            existing_type=sa.String(20),
            type_=sa.String(40),
            existing_nullable=False,
        )
    _reissue(NEW_LENGTH)
    op.create_table(
        "contact_wishes",
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("person_id", sa.String(100), nullable=False),
        sa.Column("other_id", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "person_id", "other_id"),
    )
    op.create_table(
        "ideas",
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("person_id", sa.String(100), nullable=False),
        sa.Column("round", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("show_name", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "person_id", "round"),
    )


def downgrade() -> None:
    """Back to 0003: the ideas and contact wishes are dropped, and everyone gets a new code in
    the old format (the long ones do not fit the old column)."""
    op.drop_table("ideas")
    op.drop_table("contact_wishes")
    _reissue(OLD_LENGTH)
    with op.batch_alter_table("participants") as batch:
        batch.alter_column(
            "access_code",
            existing_type=sa.String(40),
            type_=sa.String(20),
            existing_nullable=False,
        )

"""Consents per purpose with their history, and a version number on each participant list.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "events",
        sa.Column("list_version", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("person_id", sa.String(100), nullable=False),
        sa.Column("purpose", sa.String(40), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_consents_event_id", "consents", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_consents_event_id", table_name="consents")
    op.drop_table("consents")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("list_version")

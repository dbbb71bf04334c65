"""One organisation directory across events (with confirmed aliases), and series of events
whose later meetings avoid pairs who met before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


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


def downgrade() -> None:
    op.drop_index("ix_organisation_aliases_organisation_id", "organisation_aliases")
    op.drop_table("organisation_aliases")
    op.drop_table("organisations")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("history_weight")
        batch.drop_column("series")

"""bulk migration: a migrated client's obstacles as imported, sealed until the first plan is agreed

Revision ID: 0013_migrated_obstacles
Revises: 0012_migrated_takeovers
Create Date: 2026-12-03 06:30:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0013_migrated_obstacles'
down_revision: str | Sequence[str] | None = "0012_migrated_takeovers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "migrated_obstacles",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("sealed_obstacles", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("settled_plan_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("client_id"),
    )


def downgrade() -> None:
    op.drop_table("migrated_obstacles")

"""The staff app's sessions: one row per session, keyed by the hash of its id, its secrets sealed.

Revision ID: 0001
Revises:
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_sessions",
        sa.Column("session_key", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.String(length=200), nullable=True),
        sa.Column("idle_until", sa.Float(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("session_key"),
    )
    op.create_index(op.f("ix_staff_sessions_idle_until"), "staff_sessions", ["idle_until"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_sessions_idle_until"), table_name="staff_sessions")
    op.drop_table("staff_sessions")

"""room locks: one row per booked room, written first by every booking of that room

Two bookings of one room by different staff for different clients at the same moment both passed the clash
check (only staff rows and cases were locked). A booking now upserts the room's row before it reads.

Revision ID: 0008_room_locks
Revises: 0007
Create Date: 2026-12-01 23:30:00.000000

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

revision: str = '0008_room_locks'
down_revision: str | Sequence[str] | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('room_locks',
    sa.Column('room_key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('locked_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('room_key')
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('room_locks')

"""dating the demo on its calendar: a case keeps the registration's and the assignment's day

Revision ID: 0014_assignment_days
Revises: 0013_migrated_obstacles
Create Date: 2026-12-03 13:30:00

Older rows keep None: the registration's day is unknown to coaching, the assignment's is `assigned_at`'s.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0014_assignment_days'
down_revision: str | Sequence[str] | None = "0013_migrated_obstacles"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, not a batch: on SQLite a batch copies `cases` and drops the old table, which the foreign keys
# of contacts, tasks and plans refuse once a case exists (test_caseload_migration failed on it).


def upgrade() -> None:
    op.add_column("cases", sa.Column("registered_on", sa.Date(), nullable=True))
    op.add_column("cases", sa.Column("assigned_on", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("cases", "assigned_on")
    op.drop_column("cases", "registered_on")

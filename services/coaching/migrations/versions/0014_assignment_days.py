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


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("registered_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("assigned_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("assigned_on")
        batch.drop_column("registered_on")

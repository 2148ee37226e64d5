"""programme_assignments.assigned_on: the day a programme took effect (a dated assignment, a participation's start
or end day) as coaching's events carry it; NULL in earlier rows, read as the day of assigned_at

Revision ID: 0007_programme_days
Revises: 0006_member_shares
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_programme_days"
down_revision = "0006_member_shares"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programme_assignments") as table:
        table.add_column(sa.Column("assigned_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("programme_assignments") as table:
        table.drop_column("assigned_on")

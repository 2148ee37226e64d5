"""programme_assignments: the case worker of the latest assignment, for case managers per programme

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows recorded before this revision get their case worker at the next rebuild (`python -m
    # services.reporting rebuild`); until then they count for no case manager.
    with op.batch_alter_table("programme_assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_worker_id", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("programme_assignments", schema=None) as batch_op:
        batch_op.drop_column("case_worker_id")

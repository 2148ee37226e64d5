"""stored_reports: the monthly reports typeset ahead or at a first request, served while their data are unchanged

Revision ID: 0005_stored_reports
Revises: 0005_cohort_outcomes
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_stored_reports"
down_revision = "0005_cohort_outcomes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stored_reports",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("office_id", sa.String(length=50), nullable=False),
        sa.Column("offices", sa.String(length=2000), nullable=False),
        sa.Column("version", sa.String(length=100), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("month", "office_id", "offices"),
    )


def downgrade() -> None:
    op.drop_table("stored_reports")

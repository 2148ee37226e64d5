"""cohort outcomes: each cohort's dates and close, each member's outcome (coaching), for the cohort success yardstick

Revision ID: 0005_cohort_outcomes
Revises: 0005_erasure13_merges
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_cohort_outcomes"
down_revision = "0005_erasure13_merges"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Cohorts opened before this revision appear at the next rebuild (`python -m services.reporting rebuild`),
    # which reads the cases topic from its beginning.
    op.create_table(
        "cohorts",
        sa.Column("cohort_id", sa.Uuid(), nullable=False),
        sa.Column("programme_id", sa.String(length=50), nullable=False),
        sa.Column("office_id", sa.String(length=50), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("cohort_id"),
    )
    op.create_index(op.f("ix_cohorts_programme_id"), "cohorts", ["programme_id"], unique=False)
    op.create_index(op.f("ix_cohorts_office_id"), "cohorts", ["office_id"], unique=False)
    op.create_table(
        "cohort_members",
        sa.Column("participation_id", sa.Uuid(), nullable=False),
        sa.Column("cohort_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.String(length=50), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("participation_id"),
    )
    op.create_index(op.f("ix_cohort_members_cohort_id"), "cohort_members", ["cohort_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_cohort_members_cohort_id"), table_name="cohort_members")
    op.drop_table("cohort_members")
    op.drop_index(op.f("ix_cohorts_office_id"), table_name="cohorts")
    op.drop_index(op.f("ix_cohorts_programme_id"), table_name="cohorts")
    op.drop_table("cohorts")

"""cohorts of a programme and their members: childcare and outcome per participation

A cohort (Gemeinsam: 8 months) meets in a room as a weekly series of group sessions; each member is a
participation with the childcare arranged for it and, at the end, its outcome.

Revision ID: 0008_cohorts
Revises: 0007
Create Date: 2026-12-01 23:30:00.000000

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

# revision identifiers, used by Alembic. (Other slices add coaching migrations after 0007 at the same time; the
# integrator re-chains them at merge.)
revision: str = '0008_cohorts'
down_revision: str | Sequence[str] | None = "0009_sealed_excuse_reasons"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Str = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('cohorts',
    sa.Column('cohort_id', sa.Uuid(), nullable=False),
    sa.Column('program_id', Str(length=30), nullable=False),
    sa.Column('office_id', Str(length=50), nullable=False),
    sa.Column('name', Str(length=100), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('room_id', Str(length=50), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('status', Str(length=20), nullable=False),
    sa.Column('series_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', Str(length=100), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['series_id'], ['appointment_series.series_id'], ),
    sa.PrimaryKeyConstraint('cohort_id')
    )
    with op.batch_alter_table('cohorts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cohorts_office_id'), ['office_id'], unique=False)

    op.create_table('cohort_members',
    sa.Column('cohort_id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('participation_id', sa.Uuid(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('childcare', sa.JSON(), nullable=True),
    sa.Column('outcome', Str(length=20), nullable=True),
    sa.Column('outcome_on', sa.Date(), nullable=True),
    sa.Column('outcome_recorded_by', Str(length=100), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['cases.client_id'], ),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.cohort_id'], ),
    sa.ForeignKeyConstraint(['participation_id'], ['participations.participation_id'], ),
    sa.PrimaryKeyConstraint('cohort_id', 'client_id'),
    sa.UniqueConstraint('participation_id')
    )
    with op.batch_alter_table('cohort_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cohort_members_client_id'), ['client_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('cohort_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cohort_members_client_id'))
    op.drop_table('cohort_members')
    with op.batch_alter_table('cohorts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cohorts_office_id'))
    op.drop_table('cohorts')

"""programme participation: the age band on the case, and participations in programmes

Coaching chooses the under-25 programme from the age band intake now sends (`client_registered.v1`
`age_band`, `turns_25_on`); cases from before keep both null and are read from their target groups.
`participations` holds each enrolment in a programme with its planned and actual end and reason.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 18:50:00.000000

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('age_band', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
        batch_op.add_column(sa.Column('turns_25_on', sa.Date(), nullable=True))

    op.create_table(
        'participations',
        sa.Column('participation_id', sa.Uuid(), nullable=False),
        sa.Column('client_id', sa.Uuid(), nullable=False),
        sa.Column('program_id', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('office_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column('started_on', sa.Date(), nullable=False),
        sa.Column('planned_end_on', sa.Date(), nullable=True),
        sa.Column('ended_on', sa.Date(), nullable=True),
        sa.Column('end_reason', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
        sa.Column('transferred_from', sa.Uuid(), nullable=True),
        sa.Column('started_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('ended_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['cases.client_id'], ),
        sa.PrimaryKeyConstraint('participation_id'),
    )
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participations_client_id'), ['client_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema. `cases` not in batch mode: SQLite drops a column in place since 3.35 (see 0005)."""
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participations_client_id'))
    op.drop_table('participations')
    op.drop_column('cases', 'turns_25_on')
    op.drop_column('cases', 'age_band')

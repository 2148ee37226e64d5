"""the pipeline of a proposal (steps) and support after the hire (feedback, warnings)

Revision ID: 0004_pipeline12
Revises: 0004_erasure13_merges
Create Date: 2026-12-02 03:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0004_pipeline12'
down_revision: str | Sequence[str] | None = "0004_erasure13_merges"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('proposal_steps',
    sa.Column('step_id', sa.Uuid(), nullable=False),
    sa.Column('proposal_id', sa.Uuid(), nullable=False),
    sa.Column('step', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('interview_outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('closed_as', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.proposal_id'], ),
    sa.PrimaryKeyConstraint('step_id')
    )
    with op.batch_alter_table('proposal_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_steps_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('aftercare_records',
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('employment_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('rating', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.ForeignKeyConstraint(['employment_id'], ['employments.employment_id'], ),
    sa.PrimaryKeyConstraint('record_id')
    )
    with op.batch_alter_table('aftercare_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aftercare_records_employment_id'), ['employment_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('aftercare_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aftercare_records_employment_id'))
    op.drop_table('aftercare_records')
    with op.batch_alter_table('proposal_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_steps_proposal_id'))
    op.drop_table('proposal_steps')

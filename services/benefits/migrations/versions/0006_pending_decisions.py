"""pending decisions

Facts (placement's employment events) that should have led to a decision the engine could not make because
the rule tables held no figures for the month: recorded so that the service re-decides them by itself once
the figures are added (at start-up, after loading the tables).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 12:30:00.000000

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
    op.create_table('pending_decisions',
    sa.Column('pending_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('cause', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('employment_id', sa.Uuid(), nullable=True),
    sa.Column('missing_rule', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('missing_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('pending_id')
    )
    with op.batch_alter_table('pending_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pending_decisions_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pending_decisions_recorded_at'), ['recorded_at'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('pending_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pending_decisions_recorded_at'))
        batch_op.drop_index(batch_op.f('ix_pending_decisions_household_id'))
    op.drop_table('pending_decisions')

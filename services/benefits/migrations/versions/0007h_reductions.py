"""reductions

Reductions determined after a hearing (§§ 31a, 32, 7b Abs. 4 SGB II): applied by every later computation of
the months they cover, lifted by staff (§ 31a Abs. 1 S. 2).

Revision ID: 0007h
Revises: 0006
Create Date: 2026-12-02 10:00:00.000000

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0007h'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('reductions',
    sa.Column('reduction_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('incident', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('determined_on', sa.Date(), nullable=False),
    sa.Column('determined_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('consequence', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('percent', sa.Numeric(5, 2), nullable=False),
    sa.Column('first_month', sa.Date(), nullable=False),
    sa.Column('months', sa.Integer(), nullable=True),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('paragraph', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('decision_id', sa.Uuid(), nullable=True),
    sa.Column('lifted_from', sa.Date(), nullable=True),
    sa.Column('lifted_on', sa.Date(), nullable=True),
    sa.Column('lifted_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('reduction_id')
    )
    with op.batch_alter_table('reductions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reductions_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reductions_client_id'), ['client_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('reductions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reductions_client_id'))
        batch_op.drop_index(batch_op.f('ix_reductions_household_id'))
    op.drop_table('reductions')

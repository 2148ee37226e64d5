"""office closures

An office closed for a period with its reason, substitute office and the opening hours it reopens with
(`office_closures`); appointments moved to the substitute keep their rows (office, time and room change).

Revision ID: 0008_office_closures
Revises: 0007
Create Date: 2026-12-01 23:50:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0008_office_closures'
down_revision: str | Sequence[str] | None = "0008_cohorts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('office_closures',
    sa.Column('closure_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('substitute_office_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('reopening_hours', sa.JSON(), nullable=True),
    sa.Column('moved_appointments', sa.Integer(), nullable=False),
    sa.Column('unmoved_appointments', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.PrimaryKeyConstraint('closure_id')
    )
    op.create_index(op.f('ix_office_closures_office_id'), 'office_closures', ['office_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema: the closures are forgotten; moved appointments stay at the substitute office."""
    op.drop_index(op.f('ix_office_closures_office_id'), table_name='office_closures')
    op.drop_table('office_closures')

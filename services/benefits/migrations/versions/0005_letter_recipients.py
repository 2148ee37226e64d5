"""letter recipients

Whom a household's decision letters go to (name and postal address, entered by the clerk), sealed with the
service's key ring like the household's inputs: benefits learns no names from events.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 12:40:00.000000

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('letter_recipients',
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('sealed_recipient', sa.Text(), nullable=False),
    sa.Column('entered_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('household_id')
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('letter_recipients')

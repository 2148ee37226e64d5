"""a Sperrzeit's reduction by days

`reductions.from_day`: the Sperrzeit's first day (§ 31b Abs. 1 S. 2 SGB II); the period runs by days from it,
its first and last month reduced pro rata (§ 41 Abs. 1 S. 2–3). Null for every other reduction (whole months).

Revision ID: 0009_sperrzeit_days
Revises: 0008_person_keys
Create Date: 2026-12-02 06:20:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0009_sperrzeit_days'
down_revision: str | Sequence[str] | None = '0008_person_keys'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('reductions') as batch:
        batch.add_column(sa.Column('from_day', sa.Date(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('reductions') as batch:
        batch.drop_column('from_day')

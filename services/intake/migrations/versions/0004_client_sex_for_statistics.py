"""the client's sex, for the statutory statistics

The § 48a indicators are reported by sex (§ 3 S. 3 Kennzahlen-Verordnung, § 51b SGB II). Clients registered
before this revision were never asked: they are `not_stated`.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 15:40:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, not a batch: SQLite (>= 3.35) adds and drops this column in place, whereas a batch would
# copy `clients`, which the name tokens and the search audit reference, and fail their foreign keys.


def upgrade() -> None:
    """Upgrade schema."""
    op.add_column(
        'clients',
        sa.Column('sex', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False, server_default='not_stated'),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_column('clients', 'sex')

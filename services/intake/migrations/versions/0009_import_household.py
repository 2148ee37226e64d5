"""bulk migration: a migrated record's benefits household, sealed with its legacy id

The household's inputs (members' birth dates, incomes, assets, housing costs) are the person's data: kept
sealed under the person's key like the obstacles, opened for the journey's worker to enter at benefits, set to
nothing at erasure.

Revision ID: 0009_import_household
Revises: 0008_import_downstream
Create Date: 2026-12-03 07:05:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0009_import_household'
down_revision: str | Sequence[str] | None = "0008_import_downstream"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("imported_records") as batch_op:
        batch_op.add_column(sa.Column("sealed_household", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("imported_records") as batch_op:
        batch_op.drop_column("sealed_household")

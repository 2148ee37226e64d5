"""bulk migration: what coaching took over or refused of a migrated record, for the import's report

Per part (case manager, appointments, obstacles): carried, or refused with the rule's reasons. Ids and rule
texts only: no obstacle's kind, no name.

Revision ID: 0008_import_downstream
Revises: 0007_import_obstacles
Create Date: 2026-12-02 13:30:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0008_import_downstream'
down_revision: str | Sequence[str] | None = "0007_import_obstacles"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("imported_records") as batch_op:
        batch_op.add_column(sa.Column("downstream", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("imported_records") as batch_op:
        batch_op.drop_column("downstream")

"""bulk migration: a migrated record's placement obstacles, sealed with its legacy id

Health and addiction are special categories (GDPR Art. 9) and every kind is the person's data, so the obstacles
travel in no event; intake keeps them sealed under the person's key (shredded at erasure) for coaching to take over.

Revision ID: 0007_import_obstacles
Revises: 0006_person_keys
Create Date: 2026-12-02 06:40:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0007_import_obstacles'
down_revision: str | Sequence[str] | None = "0006_person_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("imported_records") as batch_op:
        batch_op.add_column(sa.Column("sealed_obstacles", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("imported_records") as batch_op:
        batch_op.drop_column("sealed_obstacles")

"""merged duplicates: `merged_clients` (duplicate → survivor, rebuilt from the clients' topic like every fact)

Revision ID: 0005_erasure13_merges
Revises: 0004_person_keys
Create Date: 2026-12-02 03:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_erasure13_merges"
down_revision: str | Sequence[str] | None = "0004_person_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "merged_clients",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("merged_into", sa.Uuid(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
    )
    op.create_index(op.f("ix_merged_clients_merged_into"), "merged_clients", ["merged_into"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_merged_clients_merged_into"), table_name="merged_clients")
    op.drop_table("merged_clients")

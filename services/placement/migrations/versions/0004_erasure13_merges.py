"""merges of duplicates: `client_merges`, what a merge moved to the kept client (ids only, append-only)

Revision ID: 0004_erasure13_merges
Revises: 0003_person_keys
Create Date: 2026-12-02 03:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from services.platform.privacy.audit import append_only_statements, drop_append_only_statements

revision: str = "0004_erasure13_merges"
down_revision: str | Sequence[str] | None = "0003_person_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "client_merges",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("merged_into", sa.Uuid(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
    )
    op.create_index(op.f("ix_client_merges_merged_into"), "client_merges", ["merged_into"], unique=False)
    for statement in append_only_statements(op.get_bind().dialect.name, "client_merges"):
        op.execute(statement)


def downgrade() -> None:
    op.drop_index(op.f("ix_client_merges_merged_into"), table_name="client_merges")
    op.drop_table("client_merges")
    for statement in drop_append_only_statements(op.get_bind().dialect.name, "client_merges"):
        op.execute(statement)

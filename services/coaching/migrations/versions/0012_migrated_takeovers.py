"""bulk migration: what coaching took over of a migrated client's legacy record, per part

Revision ID: 0012_migrated_takeovers
Revises: 0011_referrals10
Create Date: 2026-12-02 13:35:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0012_migrated_takeovers'
down_revision: str | Sequence[str] | None = "0011_referrals10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "migrated_takeovers",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("parts", sa.JSON(), server_default=sa.text("'[]'"), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
    )


def downgrade() -> None:
    op.drop_table("migrated_takeovers")

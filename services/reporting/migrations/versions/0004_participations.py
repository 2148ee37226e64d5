"""participations: each programme participation's start and end (coaching), for K3E2 and the programme yardsticks

Revision ID: 0004_participations
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_participations"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Participations recorded before this revision appear at the next rebuild (`python -m services.reporting
    # rebuild`), which reads the cases topic from its beginning.
    op.create_table(
        "participations",
        sa.Column("participation_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("programme_id", sa.String(length=50), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("participation_id"),
    )
    op.create_index(op.f("ix_participations_client_id"), "participations", ["client_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_participations_client_id"), table_name="participations")
    op.drop_table("participations")

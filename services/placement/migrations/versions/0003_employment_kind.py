"""employments: the kind of work of a hire (regular, minijob, self_employed, subsidised, apprenticeship)

Revision ID: 0003_employment_kind
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_employment_kind"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Hires recorded before this revision keep no kind (NULL): their flags still say insured or not, apprenticeship.
    with op.batch_alter_table("employments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("employment_kind", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("employments", schema=None) as batch_op:
        batch_op.drop_column("employment_kind")

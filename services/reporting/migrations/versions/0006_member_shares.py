"""needy_months: each member's part of the household's benefits (Bedarfsanteil, § 9 Abs. 2 S. 3 SGB II), split as
K1 needs it, so K1 and K1E1 can be shown by sex and programme; NULL where the decision did not publish it

Revision ID: 0006_member_shares
Revises: 0005_stored_reports
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_member_shares"
down_revision = "0005_stored_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("needy_months") as table:
        table.add_column(sa.Column("subsistence", sa.Numeric(12, 2), nullable=True))
        table.add_column(sa.Column("housing", sa.Numeric(12, 2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("needy_months") as table:
        table.drop_column("housing")
        table.drop_column("subsistence")

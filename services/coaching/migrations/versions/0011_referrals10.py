"""referrals (§ 16a SGB II): kind, provider and note sealed for every referral; statuses and dates in clear

A referral to care (Nr. 1), debt counselling (Nr. 2), psychosocial care (Nr. 3) or addiction counselling
(Nr. 4) addresses one obstacle of the cooperation plan. `sealed_details` is sealed like the plan's content
(LOTSE_COACHING_DATA_KEY_FILE or the client's person key), so no clear column tells Nr. 3/4 from Nr. 1/2.

Revision ID: 0011_referrals10
Revises: 0010_closure_moved_ids
Create Date: 2026-12-02 06:30:00.000000

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

# revision identifiers, used by Alembic. (Other slices add coaching migrations after 0010 at the same time; the
# integrator re-chains them at merge.)
revision: str = '0011_referrals10'
down_revision: str | Sequence[str] | None = '0010_closure_moved_ids'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Str = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('referrals',
    sa.Column('referral_id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', Str(length=50), nullable=False),
    sa.Column('status', Str(length=30), nullable=False),
    sa.Column('history', sa.JSON(), server_default=sa.text("'[]'"), nullable=False),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('follow_up_task_id', sa.Uuid(), nullable=True),
    sa.Column('consent_given_on', sa.Date(), nullable=True),
    sa.Column('sealed_details', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', Str(length=100), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['cases.client_id'], ),
    sa.PrimaryKeyConstraint('referral_id')
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referrals_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_office_id'), ['office_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_office_id'))
        batch_op.drop_index(batch_op.f('ix_referrals_client_id'))
    op.drop_table('referrals')

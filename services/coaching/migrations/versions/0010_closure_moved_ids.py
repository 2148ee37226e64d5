"""closure moved ids: which appointments an office closure moved, so the closure can list them

Closures recorded before keep an empty list (they stored only how many moved).

Revision ID: 0010_closure_moved_ids
Revises: 0008_person_keys
Create Date: 2026-12-02 03:00:00.000000

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010_closure_moved_ids'
down_revision: str | Sequence[str] | None = '0008_person_keys'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('office_closures') as batch:
        batch.add_column(sa.Column('moved_appointment_ids', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('office_closures') as batch:
        batch.drop_column('moved_appointment_ids')

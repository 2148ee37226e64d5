"""person keys and erasure tombstones

`person_keys`: each person's own data key, wrapped with the service's key ring; made on the person's first
sealed write, so rows sealed before stay readable with the ring's key until written again.
`erased_persons`: the id and time of each erasure (an id only), so an erased person gets no new key and the
export answers "erased".

Revision ID: 0008_person_keys
Revises: 0007
Create Date: 2026-12-02 00:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0008_person_keys'
down_revision: str | Sequence[str] | None = "0008_office_closures"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('person_keys',
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('wrapped_key', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('client_id')
    )
    op.create_table('erased_persons',
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('client_id')
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('erased_persons')
    op.drop_table('person_keys')

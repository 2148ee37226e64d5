"""person keys and erasure tombstones, access audit

`person_keys`: each person's own data key, wrapped with the service's key ring; made on the person's first
sealed write, so rows sealed before stay readable with the ring's key until written again.
`erased_persons`: the id and time of each erasure (an id only), so an erased person gets no new key and the
export answers "erased".
`special_category_audit`: the append-only audit (triggers refuse UPDATE and DELETE), here for the
exports of the right of access.

Revision ID: 0004_person_keys
Revises: 0003
Create Date: 2026-12-02 00:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from services.platform.privacy.audit import append_only_statements, drop_append_only_statements

# revision identifiers, used by Alembic.
revision: str = '0004_person_keys'
down_revision: str | Sequence[str] | None = "0004_participations"
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
    op.create_table('special_category_audit',
    sa.Column('audit_id', sa.Uuid(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', sa.String(length=50), nullable=False),
    sa.Column('staff_id', sa.String(length=100), nullable=False),
    sa.Column('roles', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('audit_id')
    )
    with op.batch_alter_table('special_category_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_special_category_audit_client_id'), ['client_id'], unique=False)
    for statement in append_only_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    """Downgrade schema."""
    bind = op.get_bind()
    with op.batch_alter_table('special_category_audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_special_category_audit_client_id'))
    op.drop_table('special_category_audit')
    for statement in drop_append_only_statements(bind.dialect.name):
        op.execute(statement)
    op.drop_table('erased_persons')
    op.drop_table('person_keys')

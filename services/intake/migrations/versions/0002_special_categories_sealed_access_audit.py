"""special categories sealed, access audit

The health-related target group (GDPR Art. 9) moves from `clients.target_groups` (clear text) into
`clients.special_categories`, sealed with the key ring of LOTSE_INTAKE_DATA_KEY_FILE and bound to the
row's id. Existing rows are converted in this migration; without a key ring and with rows to convert it
stops before changing anything. The access audit table refuses UPDATE and DELETE (triggers).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 09:52:01.683398

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

from services.platform.privacy.audit import append_only_statements, drop_append_only_statements
from services.platform.privacy.cipher import field_context
from services.platform.privacy.migration import cipher_for_stored_rows

# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As of this revision (kept here, not imported, so the migration means the same forever).
SPECIAL_GROUPS = frozenset({"health_limitations"})
FIELD = "clients.special_categories"
clients = sa.table("clients", sa.column("client_id", sa.Uuid()), sa.column("target_groups", sa.JSON()),
                   sa.column("special_categories", sa.Text()))
update_clients = clients.update().where(clients.c.client_id == sa.bindparam("b_client_id")).values(
    target_groups=sa.bindparam("b_target_groups"), special_categories=sa.bindparam("b_special"))
restore_clients = clients.update().where(clients.c.client_id == sa.bindparam("b_client_id")).values(
    target_groups=sa.bindparam("b_target_groups"))


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(clients.c.client_id, clients.c.target_groups)).all()
    cipher = cipher_for_stored_rows("intake", len(rows))  # before any change: no key, no conversion
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
    for statement in append_only_statements(bind.dialect.name):
        op.execute(statement)

    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('special_categories', sa.Text(), nullable=True))
    if cipher is not None:
        bind.execute(update_clients, [{
            "b_client_id": client_id,
            "b_target_groups": sorted(g for g in groups if g not in SPECIAL_GROUPS),
            "b_special": cipher.seal_json({"target_groups": sorted(g for g in groups if g in SPECIAL_GROUPS)},
                                          field_context(FIELD, client_id)),
        } for client_id, groups in rows])
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.alter_column('special_categories', existing_type=sa.Text(), nullable=False)


def downgrade() -> None:
    """Downgrade schema: the sealed groups go back into `target_groups` in clear; the audit trail is dropped."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(clients.c.client_id, clients.c.target_groups,
                                  clients.c.special_categories)).all()
    cipher = cipher_for_stored_rows("intake", len(rows))
    if cipher is not None:
        bind.execute(restore_clients, [{
            "b_client_id": client_id,
            "b_target_groups": sorted([*groups, *cipher.open_json(sealed, field_context(FIELD, client_id))[
                "target_groups"]]),
        } for client_id, groups, sealed in rows])
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_column('special_categories')

    with op.batch_alter_table('special_category_audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_special_category_audit_client_id'))

    op.drop_table('special_category_audit')
    for statement in drop_append_only_statements(bind.dialect.name):
        op.execute(statement)

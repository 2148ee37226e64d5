"""client numbers, name tokens for the search, search audit

Every client gets a client number (`L-000123`): existing rows are numbered in the order they were
registered, and the counter continues after them. The name tokens the search narrows by (sound and
first letters, see services/intake/domain/names.py) are computed for existing rows here; they are a
derived index, so a later change to how names are tokenised ships its own revision that recomputes
them. The search audit refuses UPDATE and DELETE (triggers), as the special-category audit does.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 12:22:33.354275

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

from services.intake.domain.names import name_tokens
from services.platform.privacy.audit import append_only_statements, drop_append_only_statements

# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_AUDIT = "search_audit"
clients = sa.table("clients", sa.column("client_id", sa.Uuid()), sa.column("given_name", sa.String()),
                   sa.column("family_name", sa.String()), sa.column("registered_at", sa.DateTime(timezone=True)),
                   sa.column("client_number", sa.String()))
tokens = sa.table("client_name_tokens", sa.column("client_id", sa.Uuid()), sa.column("part", sa.String()),
                  sa.column("expanded", sa.String()), sa.column("folded", sa.String()),
                  sa.column("phonetic", sa.String()))
counter = sa.table("client_number_counter", sa.column("id", sa.Integer()), sa.column("last", sa.Integer()))
number_clients = clients.update().where(clients.c.client_id == sa.bindparam("b_client_id")).values(
    client_number=sa.bindparam("b_number"))


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(clients.c.client_id, clients.c.given_name, clients.c.family_name)
                        .order_by(clients.c.registered_at, clients.c.client_id)).all()
    op.create_table('client_number_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    bind.execute(counter.insert().values(id=1, last=len(rows)))
    op.create_table('search_audit',
    sa.Column('audit_id', sa.Uuid(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.String(length=100), nullable=False),
    sa.Column('roles', sa.String(length=200), nullable=False),
    sa.Column('offices', sa.String(length=500), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('result_count', sa.Integer(), nullable=False),
    sa.Column('sealed_criteria', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('audit_id')
    )
    with op.batch_alter_table('search_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_audit_staff_id'), ['staff_id'], unique=False)
    for statement in append_only_statements(bind.dialect.name, SEARCH_AUDIT):
        op.execute(statement)

    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client_number', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
    if rows:
        bind.execute(number_clients, [{"b_client_id": row[0], "b_number": f"L-{number:06d}"}
                                      for number, row in enumerate(rows, start=1)])
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.alter_column('client_number', existing_type=sqlmodel.sql.sqltypes.AutoString(length=20),
                              nullable=False)
        batch_op.create_index(batch_op.f('ix_clients_birth_date'), ['birth_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_client_number'), ['client_number'], unique=True)
        batch_op.create_index(batch_op.f('ix_clients_postcode'), ['postcode'], unique=False)

    op.create_table('client_name_tokens',
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('part', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
    sa.Column('expanded', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('folded', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('phonetic', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.client_id'], ),
    sa.PrimaryKeyConstraint('client_id', 'part', 'expanded')
    )
    with op.batch_alter_table('client_name_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_name_tokens_folded'), ['folded'], unique=False)
        batch_op.create_index(batch_op.f('ix_client_name_tokens_phonetic'), ['phonetic'], unique=False)
    token_rows = [
        {"client_id": client_id, "part": part, "expanded": t.expanded, "folded": t.folded, "phonetic": t.phonetic}
        for client_id, given, family in rows
        for part, name in (("family", family), ("given", given))
        for t in name_tokens(name)
    ]
    if token_rows:
        bind.execute(tokens.insert(), token_rows)


def downgrade() -> None:
    """Downgrade schema: client numbers, name tokens and the search audit are dropped."""
    bind = op.get_bind()
    with op.batch_alter_table('client_name_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_name_tokens_phonetic'))
        batch_op.drop_index(batch_op.f('ix_client_name_tokens_folded'))

    op.drop_table('client_name_tokens')
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clients_postcode'))
        batch_op.drop_index(batch_op.f('ix_clients_client_number'))
        batch_op.drop_index(batch_op.f('ix_clients_birth_date'))
        batch_op.drop_column('client_number')

    with op.batch_alter_table('search_audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_audit_staff_id'))

    op.drop_table('search_audit')
    for statement in drop_append_only_statements(bind.dialect.name, SEARCH_AUDIT):
        op.execute(statement)
    op.drop_table('client_number_counter')

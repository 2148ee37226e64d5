"""possible duplicates and merges

Pairs of clients who may be one person (`duplicate_pairs`, open until staff decide), the mark on a client merged
into another (`clients.merged_into`, `merged_at`), and the append-only record of what each merge moved where
(`client_merges`; triggers refuse UPDATE and DELETE, as for the audits). Existing clients are not compared here:
a check of the whole register is a job of its own, not a schema change.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 18:50:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

from services.platform.privacy.audit import append_only_statements, drop_append_only_statements

# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MERGES = "client_merges"

# Plain ALTER TABLE on `clients`, not a batch: a batch would copy `clients`, which other tables reference (0004).


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    op.add_column('clients', sa.Column('merged_into', sa.Uuid(), nullable=True))
    op.add_column('clients', sa.Column('merged_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('duplicate_pairs',
    sa.Column('pair_id', sa.Uuid(), nullable=False),
    sa.Column('first_client_id', sa.Uuid(), nullable=False),
    sa.Column('second_client_id', sa.Uuid(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('found_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['first_client_id'], ['clients.client_id'], ),
    sa.ForeignKeyConstraint(['second_client_id'], ['clients.client_id'], ),
    sa.PrimaryKeyConstraint('pair_id'),
    sa.UniqueConstraint('first_client_id', 'second_client_id')
    )
    op.create_index(op.f('ix_duplicate_pairs_first_client_id'), 'duplicate_pairs', ['first_client_id'], unique=False)
    op.create_index(op.f('ix_duplicate_pairs_second_client_id'), 'duplicate_pairs', ['second_client_id'], unique=False)
    op.create_index(op.f('ix_duplicate_pairs_status'), 'duplicate_pairs', ['status'], unique=False)
    op.create_table(MERGES,
    sa.Column('merge_id', sa.Uuid(), nullable=False),
    sa.Column('pair_id', sa.Uuid(), nullable=False),
    sa.Column('surviving_client_id', sa.Uuid(), nullable=False),
    sa.Column('merged_client_id', sa.Uuid(), nullable=False),
    sa.Column('fields_from', sa.JSON(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('roles', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['pair_id'], ['duplicate_pairs.pair_id'], ),
    sa.PrimaryKeyConstraint('merge_id')
    )
    op.create_index(op.f('ix_client_merges_merged_client_id'), MERGES, ['merged_client_id'], unique=False)
    op.create_index(op.f('ix_client_merges_surviving_client_id'), MERGES, ['surviving_client_id'], unique=False)
    for statement in append_only_statements(bind.dialect.name, MERGES):
        op.execute(statement)


def downgrade() -> None:
    """Downgrade schema: the pairs and the record of merges are dropped; merged clients read as clients again."""
    bind = op.get_bind()
    op.drop_table(MERGES)
    for statement in drop_append_only_statements(bind.dialect.name, MERGES):
        op.execute(statement)
    op.drop_table('duplicate_pairs')
    op.drop_column('clients', 'merged_at')
    op.drop_column('clients', 'merged_into')

"""bulk migration: imports and the legacy ids they registered

`imports` keeps each import with who ran it and its report per record (the audit of a migration);
`imported_records` maps a legacy record id to the client it registered, so a re-run registers nothing twice.

Revision ID: 0006_migration_imports
Revises: 0005
Create Date: 2026-12-01 23:40:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0006_migration_imports'
down_revision: str | Sequence[str] | None = "0006_client_moves"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('imports',
    sa.Column('import_id', sa.Uuid(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('dry_run', sa.Boolean(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('records', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('import_id')
    )
    op.create_table('imported_records',
    sa.Column('legacy_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('import_id', sa.Uuid(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.client_id'], ),
    sa.PrimaryKeyConstraint('legacy_id')
    )
    op.create_index(op.f('ix_imported_records_client_id'), 'imported_records', ['client_id'], unique=False)
    op.create_index(op.f('ix_imported_records_import_id'), 'imported_records', ['import_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f('ix_imported_records_import_id'), table_name='imported_records')
    op.drop_index(op.f('ix_imported_records_client_id'), table_name='imported_records')
    op.drop_table('imported_records')
    op.drop_table('imports')

"""client moves

The append-only record of each move (`client_moves`: postcodes and offices left and taken, the day, who recorded
it, in which roles, for which purpose; triggers refuse UPDATE and DELETE, as for the audits). The client row keeps
the current residence as before.

Revision ID: 0006_client_moves
Revises: 0005
Create Date: 2026-12-01 23:30:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

from services.platform.privacy.audit import append_only_statements, drop_append_only_statements

# revision identifiers, used by Alembic.
revision: str = '0006_client_moves'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOVES = "client_moves"


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    op.create_table(MOVES,
    sa.Column('move_id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('from_postcode', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('to_postcode', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('from_office_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('to_office_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('moved_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('roles', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.client_id'], ),
    sa.PrimaryKeyConstraint('move_id')
    )
    op.create_index(op.f('ix_client_moves_client_id'), MOVES, ['client_id'], unique=False)
    op.create_index(op.f('ix_client_moves_to_office_id'), MOVES, ['to_office_id'], unique=False)
    for statement in append_only_statements(bind.dialect.name, MOVES):
        op.execute(statement)


def downgrade() -> None:
    """Downgrade schema: the record of moves is dropped; the clients keep their current residence."""
    bind = op.get_bind()
    op.drop_table(MOVES)
    for statement in drop_append_only_statements(bind.dialect.name, MOVES):
        op.execute(statement)

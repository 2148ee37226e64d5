"""the day of a registration, as staff name it

A registration entered later (a paper form, the demo's compressed past) names the day the client registered;
`registered_at` stays the moment it was written. Rows before this revision registered the day they were written:
their `registered_on` is the Berlin date of `registered_at`.

Revision ID: 0010_registered_on
Revises: 0009_import_household
Create Date: 2026-12-03 13:40:00

"""
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from services.platform.columns import UtcDateTime

# revision identifiers, used by Alembic.
revision: str = '0010_registered_on'
down_revision: str | Sequence[str] | None = "0009_import_household"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BERLIN = ZoneInfo("Europe/Berlin")  # the offices' calendar (services/intake/domain/offices.py)
clients = sa.table("clients", sa.column("client_id", sa.Uuid()), sa.column("registered_at", UtcDateTime()),
                   sa.column("registered_on", sa.Date()))
dated = clients.update().where(clients.c.client_id == sa.bindparam("b_client_id")).values(
    registered_on=sa.bindparam("b_day"))


# Plain ALTER TABLE, not a batch (as in 0004): a batch would copy `clients`, which the name tokens and the search
# audit reference. SQLite adds a NOT NULL column only with a default, so the column comes with a placeholder
# every row is then given its day over; PostgreSQL drops the placeholder, SQLite cannot without a batch (every
# insert names the day, so it is never used).


def upgrade() -> None:
    op.add_column('clients', sa.Column('registered_on', sa.Date(), nullable=False, server_default='1970-01-01'))
    bind = op.get_bind()
    rows = bind.execute(sa.select(clients.c.client_id, clients.c.registered_at)).all()
    if rows:
        bind.execute(dated, [{"b_client_id": client_id, "b_day": at.astimezone(BERLIN).date()}
                             for client_id, at in rows])
    if bind.dialect.name != "sqlite":
        op.alter_column('clients', 'registered_on', server_default=None)


def downgrade() -> None:
    op.drop_column('clients', 'registered_on')

"""caseload worklist: last contact and next contact due on the case

`GET /cases` orders and filters the caseload by when each case's next contact is due; the case row now
keeps its last contact and that moment (indexed), updated with each contact, hand-over and closure.
Existing cases get both here: the newest contact, and the programme's interval after the later of it
and the assignment, for cases in coaching or ready for placement. Appointments get indexes for a day's
list per staff member.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 12:30:06.059374

"""
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As of this revision (kept here, not imported, so the migration means the same forever).
ACTIVE = ("in_coaching", "ready_for_placement")
cases = sa.table("cases", sa.column("client_id", sa.Uuid()), sa.column("status", sa.String()),
                 sa.column("assigned_at", sa.DateTime(timezone=True)), sa.column("contact_interval_days", sa.Integer()),
                 sa.column("last_contact_at", sa.DateTime(timezone=True)),
                 sa.column("next_contact_due_at", sa.DateTime(timezone=True)))
contacts = sa.table("contacts", sa.column("client_id", sa.Uuid()), sa.column("occurred_at", sa.DateTime(timezone=True)))
update_cases = cases.update().where(cases.c.client_id == sa.bindparam("b_client_id")).values(
    last_contact_at=sa.bindparam("b_last"), next_contact_due_at=sa.bindparam("b_due"))


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment)


def _due(status: str, assigned_at: datetime | None, last: datetime | None, interval: int | None) -> datetime | None:
    if status not in ACTIVE or assigned_at is None or interval is None:
        return None
    return max(assigned_at, last or assigned_at) + timedelta(days=interval)


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointments_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_starts_at'), ['starts_at'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_contact_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('next_contact_due_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_next_contact_due_at'), ['next_contact_due_at'], unique=False)

    bind = op.get_bind()
    last = sa.select(contacts.c.client_id, sa.func.max(contacts.c.occurred_at).label("last")).group_by(
        contacts.c.client_id).subquery()
    rows = bind.execute(sa.select(cases.c.client_id, cases.c.status, cases.c.assigned_at, cases.c.contact_interval_days,
                                  last.c.last).outerjoin(last, last.c.client_id == cases.c.client_id)).all()
    updates = [
        {"b_client_id": client_id, "b_last": _utc(last_at),
         "b_due": _due(status, _utc(assigned_at), _utc(last_at), interval)}
        for client_id, status, assigned_at, interval, last_at in rows
    ]
    if updates:
        bind.execute(update_cases, updates)


def downgrade() -> None:
    """Downgrade schema. Not in batch mode: on SQLite a batch would copy `cases`, which the other tables'
    foreign keys refer to; SQLite drops a column in place since 3.35."""
    op.drop_index(op.f('ix_cases_next_contact_due_at'), table_name='cases')
    op.drop_column('cases', 'next_contact_due_at')
    op.drop_column('cases', 'last_contact_at')

    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointments_starts_at'))
        batch_op.drop_index(batch_op.f('ix_appointments_staff_id'))

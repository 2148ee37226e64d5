"""appointments of every kind: team and group, rooms, series, attendance, reminders, calendar feeds

An appointment gains its office, kind, status, room, capacity, series and iCalendar sequence, and the reasons
of a cancellation or reschedule; its client becomes optional (a group session has participants instead).
Who takes part moves to `appointment_staff` and `appointment_participants` (with the invitation's notice of
legal consequences and the attendance); existing appointments get their one staff member and client there,
and their office from the case. New: weekly series, reminders raised, and calendar feed tokens.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 10:00:00.000000

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

# revision identifiers, used by Alembic. (Another slice adds 0006 to coaching at the same time; whoever
# merges second renumbers, the down revision following the chain.)
revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Str = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.alter_column('client_id', existing_type=sa.Uuid(), nullable=True)
        batch_op.add_column(sa.Column('office_id', Str(length=50), nullable=True))
        batch_op.add_column(sa.Column('kind', Str(length=20), nullable=True))
        batch_op.add_column(sa.Column('status', Str(length=20), nullable=True))
        batch_op.add_column(sa.Column('room_id', Str(length=50), nullable=True))
        batch_op.add_column(sa.Column('capacity', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('series_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('sequence', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('cancellation_reason', Str(length=30), nullable=True))
        batch_op.add_column(sa.Column('reschedule_reason', Str(length=30), nullable=True))
    op.execute(
        "UPDATE appointments SET kind = 'individual', status = 'booked', sequence = 0, "
        "office_id = (SELECT cases.office_id FROM cases WHERE cases.client_id = appointments.client_id)"
    )
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        for name in ('office_id', 'kind', 'status'):
            batch_op.alter_column(name, existing_type=Str(length=50 if name == 'office_id' else 20), nullable=False)
        batch_op.alter_column('sequence', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_appointments_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_series_id'), ['series_id'], unique=False)

    op.create_table('appointment_staff',
    sa.Column('appointment_id', sa.Uuid(), nullable=False),
    sa.Column('staff_id', Str(length=100), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointments.appointment_id'], ),
    sa.PrimaryKeyConstraint('appointment_id', 'staff_id')
    )
    with op.batch_alter_table('appointment_staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_staff_staff_id'), ['staff_id'], unique=False)

    op.create_table('appointment_participants',
    sa.Column('appointment_id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('notice_given_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attendance', Str(length=20), nullable=True),
    sa.Column('excuse_reason', Str(length=30), nullable=True),
    sa.Column('attendance_recorded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attendance_recorded_by', Str(length=100), nullable=True),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointments.appointment_id'], ),
    sa.ForeignKeyConstraint(['client_id'], ['cases.client_id'], ),
    sa.PrimaryKeyConstraint('appointment_id', 'client_id')
    )
    with op.batch_alter_table('appointment_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_participants_client_id'), ['client_id'], unique=False)

    op.execute("INSERT INTO appointment_staff (appointment_id, staff_id) SELECT appointment_id, staff_id FROM appointments")
    op.execute(
        "INSERT INTO appointment_participants (appointment_id, client_id, invited_at) "
        "SELECT appointment_id, client_id, booked_at FROM appointments"
    )

    op.create_table('appointment_series',
    sa.Column('series_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', Str(length=50), nullable=False),
    sa.Column('first_starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('until', sa.Date(), nullable=False),
    sa.Column('cancelled_from', sa.Date(), nullable=True),
    sa.Column('cancellation_reason', Str(length=30), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', Str(length=100), nullable=False),
    sa.PrimaryKeyConstraint('series_id')
    )
    with op.batch_alter_table('appointment_series', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_series_office_id'), ['office_id'], unique=False)

    op.create_table('appointment_reminders',
    sa.Column('reminder_id', sa.Uuid(), nullable=False),
    sa.Column('appointment_id', sa.Uuid(), nullable=False),
    sa.Column('recipient', Str(length=10), nullable=False),
    sa.Column('recipient_id', Str(length=100), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('raised_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointments.appointment_id'], ),
    sa.PrimaryKeyConstraint('reminder_id'),
    sa.UniqueConstraint('appointment_id', 'recipient', 'recipient_id')
    )
    with op.batch_alter_table('appointment_reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_reminders_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointment_reminders_recipient_id'), ['recipient_id'], unique=False)

    op.create_table('calendar_feeds',
    sa.Column('staff_id', Str(length=100), nullable=False),
    sa.Column('token_sha256', Str(length=64), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('staff_id'),
    sa.UniqueConstraint('token_sha256')
    )


def downgrade() -> None:
    """Downgrade schema. Group sessions (no single client) cannot go back into the old shape: they are dropped."""
    op.drop_table('calendar_feeds')
    op.drop_table('appointment_reminders')
    op.drop_table('appointment_series')
    op.drop_table('appointment_participants')
    op.drop_table('appointment_staff')
    op.execute("DELETE FROM appointments WHERE client_id IS NULL")
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointments_series_id'))
        batch_op.drop_index(batch_op.f('ix_appointments_office_id'))
        for name in ('reschedule_reason', 'cancellation_reason', 'cancelled_at', 'sequence', 'series_id',
                     'capacity', 'room_id', 'status', 'kind', 'office_id'):
            batch_op.drop_column(name)
        batch_op.alter_column('client_id', existing_type=sa.Uuid(), nullable=False)

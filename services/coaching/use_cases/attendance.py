"""Attendance of an appointment, per participant, and its fact on the cases topic (one transaction).

`appointment_attended.v1` and `appointment_missed.v1` carry ids, the date, whether the notice of legal
consequences was given and how many appointments in a row the client has now missed; an excused absence's
reason stays in coaching's database and publishes nothing (nothing follows from it).
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import AppointmentAttendedV1, AppointmentMissedV1
from services.coaching.domain.appointment_commands import RecordAttendance
from services.coaching.domain.appointments import AppointmentDetail, AppointmentStatus, check_not_cancelled
from services.coaching.domain.attendance import Attendance, check_not_recorded, check_reason, consecutive_misses
from services.coaching.tables import AppointmentParticipantRow, AppointmentRow
from services.coaching.use_cases.appointment_rows import appointment_row, detail
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.unit_of_work import Transaction


async def _misses_in_a_row(tx: Transaction, client_id: UUID, until: datetime) -> int:
    """Over the client's booked appointments up to `until` (this one included), oldest first."""
    rows = await tx.session.execute(
        select(col(AppointmentParticipantRow.attendance))
        .join(AppointmentRow, col(AppointmentRow.appointment_id) == col(AppointmentParticipantRow.appointment_id))
        .where(
            col(AppointmentParticipantRow.client_id) == client_id,
            col(AppointmentRow.status) == AppointmentStatus.BOOKED,
            col(AppointmentRow.starts_at) <= until,
        )
        .order_by(col(AppointmentRow.starts_at), col(AppointmentRow.appointment_id))
    )
    return consecutive_misses([Attendance(a) if a else None for a in rows.scalars()])


async def _publish(tx: Transaction, current: AppointmentDetail, person: AppointmentParticipantRow) -> None:
    common = {
        "appointment_id": current.appointment_id,
        "client_id": person.client_id,
        "staff_id": current.staff_ids[0],
        "office_id": current.office_id,
        "starts_at": current.starts_at,
    }
    if person.attendance == Attendance.ATTENDED:
        await tx.publish(AppointmentAttendedV1(**common))
    elif person.attendance == Attendance.MISSED:
        misses = await _misses_in_a_row(tx, person.client_id, current.starts_at)
        await tx.publish(
            AppointmentMissedV1(
                **common,
                appointment_date=current.local_date,
                notice_given=person.notice_given_at is not None,
                notice_given_at=person.notice_given_at,
                consecutive_misses=misses,
            )
        )


async def record_attendance(
    tx: Transaction, appointment_id: UUID, cmd: RecordAttendance, by: StaffUser
) -> AppointmentDetail:
    check_reason(cmd.attendance, cmd.reason)
    row = await appointment_row(tx.session, appointment_id, by, lock=True)
    check_not_cancelled(AppointmentStatus(row.status))
    person = await tx.session.get(AppointmentParticipantRow, (appointment_id, cmd.client_id), with_for_update=True)
    if person is None:
        raise NotFound("participant of the appointment", cmd.client_id)
    check_not_recorded(Attendance(person.attendance) if person.attendance else None)
    person.attendance, person.excuse_reason = cmd.attendance, cmd.reason
    person.attendance_recorded_at, person.attendance_recorded_by = datetime.now(UTC), by.staff_id
    await tx.session.flush()
    current = await detail(tx.session, row)
    await _publish(tx, current, person)
    return current

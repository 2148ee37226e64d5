"""Attendance of an appointment, per participant, and its fact on the cases topic (one transaction).

`appointment_attended.v1` and `appointment_missed.v1` carry ids, the date, whether the notice of legal
consequences was given and how many appointments in a row the client has now missed; an excused absence's
reason stays in coaching's database and publishes nothing (nothing follows from it). The reason code is sealed
(an "incapacity_certified" is data concerning health, GDPR Art. 9): written and opened through the vault, for
SPECIAL_CATEGORY_READERS of the office only, each in the audit trail; no reply that is kept for an idempotent
retry carries it — `GET /appointments/{id}` opens it for its reader.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from uuid import UUID, uuid5

from sqlalchemy import select
from sqlmodel import col

from contracts.events import AppointmentAttendedV1, AppointmentMissedV1
from services.coaching.domain.appointment_commands import RecordAttendance
from services.coaching.domain.appointments import AppointmentDetail, AppointmentStatus, check_not_cancelled
from services.coaching.domain.attendance import Attendance, check_not_recorded, check_reason, consecutive_misses
from services.coaching.tables import EXCUSE_REASON, AppointmentParticipantRow, AppointmentRow
from services.coaching.use_cases.appointment_rows import appointment_row, detail
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.privacy.audit import Access
from services.platform.privacy.vault import Sealed, SpecialCategories
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


def excuse_id(appointment_id: UUID, client_id: UUID) -> UUID:
    """What a participant's sealed reason is bound to (the row's key is the pair)."""
    return uuid5(appointment_id, str(client_id))


def _excuse_access(by: StaffUser, row: AppointmentRow, client_id: UUID, purpose: str) -> Access:
    return Access(by, client_id, row.office_id, EXCUSE_REASON, purpose)


async def with_excuses(
    tx: Transaction,
    row: AppointmentRow,
    current: AppointmentDetail,
    by: StaffUser,
    vault: SpecialCategories,
    purpose: str,
) -> AppointmentDetail:
    """The appointment with its excuses' reason codes opened for a reader (audited), withheld from anyone else."""
    query = select(AppointmentParticipantRow).where(
        col(AppointmentParticipantRow.appointment_id) == row.appointment_id,
        col(AppointmentParticipantRow.sealed_excuse_reason).is_not(None),
    )
    people = list((await tx.session.execute(query)).scalars())
    sealed = [
        Sealed(
            _excuse_access(by, row, p.client_id, purpose),
            excuse_id(p.appointment_id, p.client_id),
            str(p.sealed_excuse_reason),
        )
        for p in people
    ]
    opened = {
        p.client_id: v["reason"] for p, v in zip(people, await vault.reveal_all(tx.session, sealed), strict=True) if v
    }
    participants = [replace(p, excuse_reason=opened.get(p.client_id)) for p in current.participants]
    return replace(current, participants=participants)


async def record_attendance(
    tx: Transaction,
    appointment_id: UUID,
    cmd: RecordAttendance,
    by: StaffUser,
    vault: SpecialCategories,
    purpose: str,
) -> AppointmentDetail:
    check_reason(cmd.attendance, cmd.reason)
    row = await appointment_row(tx.session, appointment_id, by, lock=True)
    check_not_cancelled(AppointmentStatus(row.status))
    person = await tx.session.get(AppointmentParticipantRow, (appointment_id, cmd.client_id), with_for_update=True)
    if person is None:
        raise NotFound("participant of the appointment", cmd.client_id)
    check_not_recorded(Attendance(person.attendance) if person.attendance else None)
    person.attendance = cmd.attendance
    if cmd.reason is not None:
        access = _excuse_access(by, row, cmd.client_id, purpose)
        reason = {"reason": cmd.reason.value}
        person.sealed_excuse_reason = await vault.seal(
            tx.session, access, excuse_id(appointment_id, cmd.client_id), reason
        )
    person.attendance_recorded_at, person.attendance_recorded_by = datetime.now(UTC), by.staff_id
    await tx.session.flush()
    current = await detail(tx.session, row)
    await _publish(tx, current, person)
    return current

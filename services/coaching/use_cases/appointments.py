"""Booking, rescheduling, cancelling appointments and inviting clients: one transaction each.

Staff rows, the clients' cases and the room (`room_locks`) are locked while booking (SELECT … FOR UPDATE and
an upsert on PostgreSQL; SQLite serialises writers), so two bookings of the same person or room at the same
moment cannot both pass the clash check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from uuid import UUID

from services.coaching.domain.appointment_commands import Cancel, Invitation, Reschedule, ScheduleAppointment
from services.coaching.domain.appointment_policy import AppointmentPolicy
from services.coaching.domain.appointments import (
    AppointmentDetail,
    AppointmentKind,
    AppointmentStatus,
    Booking,
    Full,
    check_free,
    check_not_cancelled,
    check_notice,
    check_people,
    check_place,
    room_key,
)
from services.coaching.domain.closures import Closure, check_open, hours_on
from services.coaching.domain.model import CaseStatus, check_not_closed
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.reference import Reference
from services.coaching.tables import AppointmentParticipantRow, AppointmentRow, AppointmentStaffRow, StaffRow
from services.coaching.use_cases.appointment_rows import appointment_row, bookings_near, detail
from services.coaching.use_cases.closure_rows import closures_of
from services.coaching.use_cases.lookups import case_for
from services.coaching.use_cases.room_locks import lock_room
from services.platform.auth.staff import StaffUser
from services.platform.errors import Conflict, RuleViolation
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


def check_when(
    cmd: ScheduleAppointment,
    ref: Reference,
    policy: AppointmentPolicy,
    at: datetime,
    minutes: int,
    closures: Sequence[Closure] = (),
) -> None:
    """Opening hours (or the consultation day and its slots) as they are that day after any reopening, never on a
    public holiday of the Land, never while the office is closed (`closures`: the office's, closures.py)."""
    office = ref.offices.get(cmd.office_id)
    if office is None:
        raise RuleViolation("office_id", f"unknown office {cmd.office_id}")
    check_open(office, closures, at, ref.offices.get)
    office = hours_on(office, closures, at.astimezone(BERLIN).date())
    policy.check_not_holiday(office, at)
    if cmd.channel.value != "in_person":
        return
    office.check_in_person("starts_at", at, minutes, cmd.location_id)
    if cmd.location_id is not None and (day := office.consultation_day(cmd.location_id)) is not None:
        policy.check_slot(day, at, minutes)


async def _check_staff(tx: Transaction, cmd: ScheduleAppointment, by: StaffUser) -> None:
    for staff_id in cmd.staff_ids:
        row = await tx.session.get(StaffRow, staff_id, with_for_update=True)
        if row is None and staff_id == by.staff_id:
            continue  # the caller, signed in for the office, though not (yet) on the roster
        if row is None or row.office_id != cmd.office_id:
            raise RuleViolation("staff_ids", f"{staff_id} is not on the staff of office {cmd.office_id}")


async def _check_clients(tx: Transaction, cmd: ScheduleAppointment, by: StaffUser) -> None:
    if len({i.client_id for i in cmd.participants}) != len(cmd.participants):
        raise RuleViolation("participants", "names a client twice")
    for invitation in cmd.participants:
        case = await case_for(tx.session, invitation.client_id, by, lock=True)
        check_not_closed(CaseStatus(case.status))
        if case.office_id != cmd.office_id:
            raise RuleViolation("participants", f"client {invitation.client_id} is a client of another office")
        check_notice(invitation.notice_given_at, cmd.starts_at)


async def check_booking(
    tx: Transaction, cmd: ScheduleAppointment, ref: Reference, policy: AppointmentPolicy, by: StaffUser
) -> None:
    by.require_office(cmd.office_id)
    check_people(cmd.kind, cmd.staff_ids, len(cmd.participants), cmd.capacity)
    check_place(cmd.channel, cmd.room_id, cmd.location_id, cmd.kind)
    if cmd.room_id is not None and cmd.capacity is not None:
        room = policy.room(cmd.room_id, cmd.office_id)
        if cmd.capacity > room.capacity:
            raise RuleViolation("capacity", f"{room.name} holds {room.capacity}")
    elif cmd.room_id is not None:
        policy.room(cmd.room_id, cmd.office_id)
    check_when(cmd, ref, policy, cmd.starts_at, cmd.duration_minutes, await closures_of(tx.session, cmd.office_id))
    await lock_room(tx.session, room_key(cmd.room_id, cmd.location_id))  # first: SQLite then writes before reading
    await _check_staff(tx, cmd, by)
    await _check_clients(tx, cmd, by)


def booking(cmd: ScheduleAppointment, starts_at: datetime, appointment_id: UUID | None = None) -> Booking:
    clients = frozenset(i.client_id for i in cmd.participants)
    return Booking(
        starts_at,
        cmd.duration_minutes,
        frozenset(cmd.staff_ids),
        clients,
        room_key(cmd.room_id, cmd.location_id),
        appointment_id,
    )


async def add_appointment(
    tx: Transaction, cmd: ScheduleAppointment, starts_at: datetime, series_id: UUID | None
) -> UUID:
    return (await add_appointments(tx, [(cmd, starts_at)], series_id))[0]


async def add_appointments(
    tx: Transaction, occurrences: Sequence[tuple[ScheduleAppointment, datetime]], series_id: UUID | None
) -> list[UUID]:
    """The appointments with their staff and participants, in two flushes however many there are."""
    now, added = datetime.now(UTC), []
    for cmd, starts_at in occurrences:
        appointment_id = new_id()
        one_client = cmd.participants[0].client_id if cmd.kind != AppointmentKind.GROUP else None
        tx.session.add(
            AppointmentRow(
                appointment_id=appointment_id,
                client_id=one_client,
                staff_id=cmd.staff_ids[0],
                starts_at=starts_at,
                duration_minutes=cmd.duration_minutes,
                channel=cmd.channel,
                location_id=cmd.location_id,
                booked_at=now,
                office_id=cmd.office_id,
                kind=cmd.kind,
                room_id=cmd.room_id,
                capacity=cmd.capacity,
                series_id=series_id,
            )
        )
        added.append((appointment_id, cmd))
    await tx.session.flush()  # the appointments before the rows that refer to them (no ORM relationship orders them)
    for appointment_id, cmd in added:
        tx.session.add_all(AppointmentStaffRow(appointment_id=appointment_id, staff_id=s) for s in cmd.staff_ids)
        tx.session.add_all(_participant_row(appointment_id, i, now) for i in cmd.participants)
    return [appointment_id for appointment_id, _ in added]


def _participant_row(appointment_id: UUID, invitation: Invitation, now: datetime) -> AppointmentParticipantRow:
    return AppointmentParticipantRow(
        appointment_id=appointment_id,
        client_id=invitation.client_id,
        invited_at=now,
        notice_given_at=invitation.notice_given_at,
    )


async def schedule(
    tx: Transaction, cmd: ScheduleAppointment, ref: Reference, policy: AppointmentPolicy, by: StaffUser
) -> AppointmentDetail:
    await check_booking(tx, cmd, ref, policy, by)
    candidate = booking(cmd, cmd.starts_at)
    check_free(candidate, await bookings_near(tx.session, cmd.starts_at, candidate.ends_at))
    appointment_id = await add_appointment(tx, cmd, cmd.starts_at, None)
    await tx.session.flush()
    return await detail(tx.session, await appointment_row(tx.session, appointment_id, by))


async def appointment(tx: Transaction, appointment_id: UUID, by: StaffUser) -> AppointmentDetail:
    return await detail(tx.session, await appointment_row(tx.session, appointment_id, by))


async def reschedule(
    tx: Transaction, appointment_id: UUID, cmd: Reschedule, ref: Reference, policy: AppointmentPolicy, by: StaffUser
) -> AppointmentDetail:
    row = await appointment_row(tx.session, appointment_id, by, lock=True)
    current = await detail(tx.session, row)
    check_not_cancelled(current.status)
    if any(p.attendance for p in current.participants):
        raise Conflict("attendance is recorded already: the appointment took place")
    moved = _as_command(current, cmd.duration_minutes)
    closures = await closures_of(tx.session, moved.office_id)
    check_when(moved, ref, policy, cmd.starts_at, cmd.duration_minutes, closures)
    candidate = booking(moved, cmd.starts_at, appointment_id)
    await lock_room(tx.session, candidate.room)
    check_free(candidate, await bookings_near(tx.session, cmd.starts_at, candidate.ends_at))
    row.starts_at, row.duration_minutes = cmd.starts_at, cmd.duration_minutes
    row.reschedule_reason, row.sequence = cmd.reason, row.sequence + 1
    return await detail(tx.session, row)


def _as_command(current: AppointmentDetail, minutes: int) -> ScheduleAppointment:
    return ScheduleAppointment(
        current.kind,
        current.office_id,
        current.staff_ids,
        current.starts_at,
        minutes,
        current.channel,
        [Invitation(p.client_id, p.notice_given_at) for p in current.participants],
        current.location_id,
        current.room_id,
        current.capacity,
    )


def cancel_row(row: AppointmentRow, reason: str, now: datetime) -> None:
    row.status, row.cancellation_reason = AppointmentStatus.CANCELLED, reason
    row.cancelled_at, row.sequence = now, row.sequence + 1


async def cancel(tx: Transaction, appointment_id: UUID, cmd: Cancel, by: StaffUser) -> AppointmentDetail:
    row = await appointment_row(tx.session, appointment_id, by, lock=True)
    check_not_cancelled(AppointmentStatus(row.status))
    cancel_row(row, cmd.reason, datetime.now(UTC))
    return await detail(tx.session, row)


async def invite(tx: Transaction, appointment_id: UUID, invitation: Invitation, by: StaffUser) -> AppointmentDetail:
    """Add a client to a group session, or record the notice of legal consequences given to a participant."""
    row = await appointment_row(tx.session, appointment_id, by, lock=True)
    current = await detail(tx.session, row)
    check_not_cancelled(current.status)
    check_notice(invitation.notice_given_at, current.starts_at)
    existing = await tx.session.get(AppointmentParticipantRow, (appointment_id, invitation.client_id))
    if existing is not None:
        existing.notice_given_at = invitation.notice_given_at or existing.notice_given_at
        return await detail(tx.session, row)
    if current.kind != AppointmentKind.GROUP:
        raise RuleViolation("client_id", f"a {current.kind.value} appointment takes exactly one client")
    if current.capacity is not None and len(current.participants) >= current.capacity:
        raise Full(current.capacity)
    await _check_clients(tx, replace(_as_command(current, current.duration_minutes), participants=[invitation]), by)
    joining = Booking(
        current.starts_at,
        current.duration_minutes,
        frozenset(),
        frozenset({invitation.client_id}),
        None,
        appointment_id,
    )
    check_free(joining, await bookings_near(tx.session, joining.starts_at, joining.ends_at))
    tx.session.add(_participant_row(appointment_id, invitation, datetime.now(UTC)))
    await tx.session.flush()
    return await detail(tx.session, row)

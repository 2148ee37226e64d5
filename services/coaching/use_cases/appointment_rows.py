"""Look-ups of appointments inside a use case's transaction: one appointment with who takes part, and the
bookings near a time that a new booking could clash with."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from contracts.events import ContactChannel
from services.coaching.domain.appointments import (
    AppointmentDetail,
    AppointmentKind,
    AppointmentStatus,
    Booking,
    CancellationReason,
    Participant,
    RescheduleReason,
    room_key,
)
from services.coaching.tables import AppointmentParticipantRow, AppointmentRow, AppointmentStaffRow
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound

LONGEST = timedelta(minutes=480)  # the longest appointment the API books: how far back an overlap can start


async def appointment_row(
    session: AsyncSession, appointment_id: UUID, by: StaffUser, lock: bool = False
) -> AppointmentRow:
    row = await session.get(AppointmentRow, appointment_id, with_for_update=lock)
    if row is None:
        raise NotFound("appointment", appointment_id)
    by.require_office(row.office_id)
    return row


async def _staff(session: AsyncSession, ids: list[UUID]) -> dict[UUID, list[str]]:
    found: dict[UUID, list[str]] = defaultdict(list)
    rows = await session.execute(select(AppointmentStaffRow).where(col(AppointmentStaffRow.appointment_id).in_(ids)))
    for row in rows.scalars():
        found[row.appointment_id].append(row.staff_id)
    return found


async def _participants(session: AsyncSession, ids: list[UUID]) -> dict[UUID, list[AppointmentParticipantRow]]:
    found: dict[UUID, list[AppointmentParticipantRow]] = defaultdict(list)
    query = select(AppointmentParticipantRow).where(col(AppointmentParticipantRow.appointment_id).in_(ids))
    for row in (await session.execute(query.order_by(col(AppointmentParticipantRow.invited_at)))).scalars():
        found[row.appointment_id].append(row)
    return found


def _participant(row: AppointmentParticipantRow) -> Participant:
    """The excuse's reason stays sealed here: `attendance.with_excuses` opens it for its readers."""
    return Participant(row.client_id, row.invited_at, row.notice_given_at, row.attendance, None)


def _detail(row: AppointmentRow, staff: list[str], people: list[AppointmentParticipantRow]) -> AppointmentDetail:
    lead_first = sorted(staff, key=lambda s: (s != row.staff_id, s))
    return AppointmentDetail(
        appointment_id=row.appointment_id,
        kind=AppointmentKind(row.kind),
        status=AppointmentStatus(row.status),
        office_id=row.office_id,
        staff_ids=lead_first,
        starts_at=row.starts_at,
        duration_minutes=row.duration_minutes,
        channel=ContactChannel(row.channel),
        location_id=row.location_id,
        room_id=row.room_id,
        capacity=row.capacity,
        series_id=row.series_id,
        sequence=row.sequence,
        participants=[_participant(p) for p in people],
        cancellation_reason=CancellationReason(row.cancellation_reason) if row.cancellation_reason else None,
        reschedule_reason=RescheduleReason(row.reschedule_reason) if row.reschedule_reason else None,
    )


async def details(session: AsyncSession, rows: Iterable[AppointmentRow]) -> list[AppointmentDetail]:
    rows = list(rows)
    ids = [r.appointment_id for r in rows]
    staff, people = await _staff(session, ids), await _participants(session, ids)
    return [_detail(r, staff[r.appointment_id], people[r.appointment_id]) for r in rows]


async def detail(session: AsyncSession, row: AppointmentRow) -> AppointmentDetail:
    return (await details(session, [row]))[0]


async def bookings_near(session: AsyncSession, starts_at: datetime, ends_at: datetime) -> list[Booking]:
    """The booked appointments that could overlap [starts_at, ends_at)."""
    return await bookings_within(session, [(starts_at, ends_at)])


async def bookings_within(session: AsyncSession, windows: Sequence[tuple[datetime, datetime]]) -> list[Booking]:
    """The booked appointments that could overlap any of `windows`: three queries for a whole weekly series,
    not three per occurrence (a cohort's 36 sessions took one query round each and timed out under load)."""
    if not windows:
        return []
    starts = col(AppointmentRow.starts_at)
    rows = (
        await session.execute(
            select(AppointmentRow).where(
                col(AppointmentRow.status) == AppointmentStatus.BOOKED,
                or_(*(and_(starts > begin - LONGEST, starts < end) for begin, end in windows)),
            )
        )
    ).scalars()
    return [
        Booking(
            d.starts_at,
            d.duration_minutes,
            frozenset(d.staff_ids),
            frozenset(p.client_id for p in d.participants),
            room_key(d.room_id, d.location_id),
            d.appointment_id,
        )
        for d in await details(session, rows)
    ]

"""Weekly series of appointments (a cohort's sessions): generated at once, cancelled from a date on."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from services.coaching.domain.appointment_commands import CancelSeries, ScheduleSeries
from services.coaching.domain.appointment_policy import AppointmentPolicy, holiday
from services.coaching.domain.appointments import AppointmentStatus, DoubleBooking, clashes
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.reference import Reference
from services.coaching.domain.series import weekly
from services.coaching.tables import AppointmentRow, AppointmentSeriesRow
from services.coaching.use_cases.appointment_rows import bookings_within
from services.coaching.use_cases.appointments import add_appointments, booking, cancel_row, check_booking, check_when
from services.coaching.use_cases.closure_rows import closures_of
from services.platform.auth.staff import StaffUser
from services.platform.errors import Conflict, NotFound, RuleViolation
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


@dataclass(frozen=True)
class Series:
    series_id: UUID
    office_id: str
    until: date
    cancelled_from: date | None
    appointment_ids: list[UUID]
    skipped: list[date]  # public holidays


async def schedule_series(
    tx: Transaction, cmd: ScheduleSeries, ref: Reference, policy: AppointmentPolicy, by: StaffUser
) -> Series:
    """Every occurrence keeps the rules of a single booking; one clash refuses the whole series."""
    first = cmd.first
    await check_booking(tx, first, ref, policy, by)
    office = ref.offices.get(first.office_id)
    land = policy.lands.get(office.district, "") if office else ""
    plan = weekly(first.starts_at, cmd.until, lambda d: holiday(land, d) is not None)
    series_id, closures = new_id(), await closures_of(tx.session, first.office_id)
    occurrences = []
    for starts_at in plan.starts:
        check_when(first, ref, policy, starts_at, first.duration_minutes, closures)
        occurrences.append((replace(first, starts_at=starts_at), starts_at))
    candidates = [booking(occurrence, starts_at) for occurrence, starts_at in occurrences]
    booked = await bookings_within(tx.session, [(c.starts_at, c.ends_at) for c in candidates])
    for candidate in candidates:
        if found := clashes(candidate, booked):
            raise DoubleBooking(found, candidate.starts_at)
    ids = await add_appointments(tx, occurrences, series_id)
    tx.session.add(
        AppointmentSeriesRow(
            series_id=series_id,
            office_id=first.office_id,
            first_starts_at=first.starts_at,
            until=cmd.until,
            created_at=datetime.now(UTC),
            created_by=by.staff_id,
        )
    )
    return Series(series_id, first.office_id, cmd.until, None, ids, plan.skipped)


async def cancel_series(tx: Transaction, series_id: UUID, cmd: CancelSeries, by: StaffUser) -> Series:
    """Cancels the occurrences on and after `cancelled_from`; those before stay as they are."""
    series = await tx.session.get(AppointmentSeriesRow, series_id, with_for_update=True)
    if series is None:
        raise NotFound("appointment series", series_id)
    by.require_office(series.office_id)
    if series.cancelled_from is not None:
        raise Conflict(f"the series is cancelled from {series.cancelled_from.isoformat()} already")
    if cmd.cancelled_from > series.until:
        raise RuleViolation("cancelled_from", f"the series ends on {series.until.isoformat()}")
    series.cancelled_from, series.cancellation_reason = cmd.cancelled_from, cmd.reason
    rows = list(
        (
            await tx.session.execute(
                select(AppointmentRow)
                .where(col(AppointmentRow.series_id) == series_id)
                .order_by(col(AppointmentRow.starts_at))
            )
        ).scalars()
    )
    now = datetime.now(UTC)
    for row in rows:
        if row.starts_at.astimezone(BERLIN).date() >= cmd.cancelled_from and row.status == AppointmentStatus.BOOKED:
            cancel_row(row, cmd.reason, now)
    return Series(series_id, series.office_id, series.until, cmd.cancelled_from, [r.appointment_id for r in rows], [])

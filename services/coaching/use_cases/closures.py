"""Closing an office for a period, in one transaction: the closure is recorded, its in-person appointments in the
period move to the substitute office (each exactly once, domain/closures.py), and every client of a moved
appointment gets a `client_notice` task for their case manager. Appointments by phone or video, and those on a
consultation day in a town hall, do not need the building and stay as they are."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import ContactChannel
from services.coaching.domain.appointment_policy import AppointmentPolicy, holiday
from services.coaching.domain.appointments import (
    AppointmentDetail,
    AppointmentKind,
    AppointmentStatus,
    Booking,
    RescheduleReason,
    room_key,
)
from services.coaching.domain.closures import (
    BookedDays,
    CloseOffice,
    Closure,
    Moved,
    Rebooking,
    ToMove,
    check_closure,
    check_no_overlap,
)
from services.coaching.domain.model import TaskKind
from services.coaching.domain.offices import BERLIN, Office
from services.coaching.domain.reference import Reference
from services.coaching.tables import AppointmentRow, CaseRow, OfficeClosureRow
from services.coaching.use_cases.appointment_rows import bookings_near, details
from services.coaching.use_cases.closure_rows import closures_of, to_closure
from services.coaching.use_cases.notices import Notice, raise_service_tasks
from services.platform.auth.staff import StaffUser
from services.platform.errors import RuleViolation
from services.platform.ids import new_id
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction


async def close_office(
    tx: Transaction,
    cmd: CloseOffice,
    ref: Reference,
    policy: AppointmentPolicy,
    vault: SpecialCategories,
    by: StaffUser,
) -> OfficeClosureRow:
    by.require_office(cmd.office_id)
    office, substitute = ref.offices.get(cmd.office_id), ref.offices.get(cmd.substitute_office_id)
    check_closure(cmd, office, substitute, datetime.now(BERLIN).date())
    assert office is not None and substitute is not None
    check_no_overlap(cmd, await closures_of(tx.session, cmd.office_id))
    if any(
        c.starts_on <= cmd.ends_on and cmd.starts_on <= c.ends_on
        for c in await closures_of(tx.session, substitute.office_id)
    ):
        raise RuleViolation("substitute_office_id", f"{substitute.name} is itself closed in that period")
    row = OfficeClosureRow(
        closure_id=new_id(),
        office_id=cmd.office_id,
        starts_on=cmd.starts_on,
        ends_on=cmd.ends_on,
        reason=cmd.reason,
        substitute_office_id=cmd.substitute_office_id,
        reopening_hours=None
        if cmd.reopening_hours is None
        else [
            {"weekday": s.weekday, "opens": f"{s.opens:%H:%M}", "closes": f"{s.closes:%H:%M}"}
            for s in cmd.reopening_hours
        ],
        created_at=datetime.now(UTC),
        created_by=by.staff_id,
    )
    tx.session.add(row)
    moved, unmoved = await _move_appointments(tx, to_closure(row), office, substitute, policy, vault)
    row.moved_appointments, row.unmoved_appointments = len(moved), [str(i) for i in unmoved]
    row.moved_appointment_ids = [str(i) for i in moved]
    return row


async def moved_appointments(tx: Transaction, office_id: str, closure_id: UUID) -> list[AppointmentRow] | None:
    """The appointments the closure moved, as they are now, in the order they start; None: no such closure."""
    row = await tx.session.get(OfficeClosureRow, closure_id)
    if row is None or row.office_id != office_id:
        return None
    ids = [UUID(i) for i in row.moved_appointment_ids]
    found = await tx.session.scalars(
        select(AppointmentRow)
        .where(col(AppointmentRow.appointment_id).in_(ids))
        .order_by(col(AppointmentRow.starts_at), col(AppointmentRow.appointment_id))
    )
    return list(found)


async def _move_appointments(
    tx: Transaction,
    closure: Closure,
    office: Office,
    substitute: Office,
    policy: AppointmentPolicy,
    vault: SpecialCategories,
) -> tuple[list[UUID], list[UUID]]:
    start = max(datetime.now(UTC), datetime.combine(closure.starts_on, time(0), BERLIN).astimezone(UTC))
    end = datetime.combine(closure.ends_on + timedelta(days=1), time(0), BERLIN).astimezone(UTC)
    rows = list(
        (
            await tx.session.execute(
                select(AppointmentRow)
                .where(
                    col(AppointmentRow.office_id) == closure.office_id,
                    col(AppointmentRow.status) == AppointmentStatus.BOOKED,
                    col(AppointmentRow.channel) == ContactChannel.IN_PERSON,
                    col(AppointmentRow.location_id).is_(None),
                    col(AppointmentRow.starts_at) >= start,
                    col(AppointmentRow.starts_at) < end,
                )
                .order_by(col(AppointmentRow.starts_at), col(AppointmentRow.appointment_id))
                .with_for_update()
            )
        ).scalars()
    )
    land = policy.lands.get(substitute.district, "")
    rebooking = Rebooking(
        substitute,
        [r for r in policy.rooms.values() if r.office_id == substitute.office_id],
        lambda day: holiday(land, day) is not None,
    )
    booked = BookedDays(await bookings_near(tx.session, start, end + timedelta(days=rebooking.search_days + 1)))
    by_id = {r.appointment_id: r for r in rows}
    found = await details(tx.session, rows)
    cases = await _cases(tx, {p.client_id for d in found for p in d.participants})
    moved: list[UUID] = []
    unmoved: list[UUID] = []
    notices: list[Notice] = []
    for detail in found:
        item = _to_move(detail)
        placed = rebooking.place(item, booked)
        if placed is None:
            unmoved.append(detail.appointment_id)
            continue
        _apply(by_id[detail.appointment_id], placed, substitute)
        booked.move(
            detail.starts_at,
            Booking(
                placed.starts_at,
                item.booking.minutes,
                item.booking.staff_ids,
                item.booking.client_ids,
                placed.room_id,
                detail.appointment_id,
            ),
        )
        notices += _notices(detail, placed, closure, office, substitute, cases)
        moved.append(detail.appointment_id)
    await raise_service_tasks(tx, vault, notices, "POST /offices/{office_id}/closures")
    return moved, unmoved


async def _cases(tx: Transaction, client_ids: set[UUID]) -> dict[UUID, CaseRow]:
    rows = await tx.session.scalars(select(CaseRow).where(col(CaseRow.client_id).in_(sorted(client_ids, key=str))))
    return {r.client_id: r for r in rows}


def _to_move(detail: AppointmentDetail) -> ToMove:
    booking = Booking(
        detail.starts_at,
        detail.duration_minutes,
        frozenset(detail.staff_ids),
        frozenset(p.client_id for p in detail.participants),
        room_key(detail.room_id, detail.location_id),
        detail.appointment_id,
    )
    # A group needs a room that holds it; an individual or team appointment is held at a desk of the substitute.
    needs_room = detail.kind == AppointmentKind.GROUP
    return ToMove(booking, (detail.capacity or len(detail.participants) or 1) if needs_room else None)


def _apply(row: AppointmentRow, placed: Moved, substitute: Office) -> None:
    row.office_id, row.starts_at, row.room_id = substitute.office_id, placed.starts_at, placed.room_id
    row.reschedule_reason, row.sequence = RescheduleReason.OFFICE_CLOSED, row.sequence + 1


def _notices(
    detail: AppointmentDetail,
    placed: Moved,
    closure: Closure,
    office: Office,
    substitute: Office,
    cases: dict[UUID, CaseRow],
) -> list[Notice]:
    when = placed.starts_at.astimezone(BERLIN)
    text = (
        f"{office.name} ist vom {closure.starts_on:%d.%m.%Y} bis {closure.ends_on:%d.%m.%Y} geschlossen "
        f"({closure.reason}). Der Termin findet am {when:%d.%m.%Y um %H:%M} Uhr in {substitute.name} statt: "
        "Kundin/Kunden benachrichtigen."
    )
    due = min(placed.starts_at, detail.starts_at)
    return [
        Notice(p.client_id, case.office_id, case.case_worker_id, TaskKind.CLIENT_NOTICE, due, text)
        for p in detail.participants
        if (case := cases.get(p.client_id)) is not None
    ]

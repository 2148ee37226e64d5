"""Company visits: a group of clients visiting an employer on a day, within a programme, attendance per client.

The caller acts for the employer's office and for every guest's office; events carry ids only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlmodel import col

from contracts.events import CompanyVisitAttendanceRecordedV1, CompanyVisitScheduledV1
from services.placement.domain.internships import Attendance, ScheduleVisit, check_guests
from services.placement.domain.relation_views import CompanyVisit
from services.placement.employer_tables import CompanyVisitRow, VisitGuestRow, to_visit
from services.placement.use_cases.employer_contacts import employer_for
from services.placement.use_cases.lookups import known_profile
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, RuleViolation
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction

BERLIN = ZoneInfo("Europe/Berlin")  # business dates are the office's


async def schedule_visit(tx: Transaction, cmd: ScheduleVisit, by: StaffUser) -> CompanyVisit:
    check_guests(cmd.client_ids)
    employer = await employer_for(tx, cmd.employer_id, by, field="employer_id")
    for client_id in cmd.client_ids:
        await known_profile(tx, client_id, by)
    now = datetime.now(UTC)
    visit = CompanyVisitRow(
        visit_id=new_id(),
        employer_id=employer.employer_id,
        office_id=employer.office_id,
        program_id=cmd.program_id,
        visit_on=cmd.visit_on,
        scheduled_at=now,
        scheduled_by=by.staff_id,
    )
    guests = [
        VisitGuestRow(visit_id=visit.visit_id, client_id=c, attendance=Attendance.INVITED) for c in cmd.client_ids
    ]
    tx.session.add(visit)
    await tx.session.flush()
    tx.session.add_all(guests)
    await tx.publish(
        CompanyVisitScheduledV1(
            visit_id=visit.visit_id,
            employer_id=visit.employer_id,
            office_id=visit.office_id,
            program_id=visit.program_id,
            visit_on=visit.visit_on,
            client_ids=list(cmd.client_ids),
            scheduled_at=now,
        )
    )
    return to_visit(visit, guests)


async def _visit_row(tx: Transaction, visit_id: UUID, by: StaffUser) -> CompanyVisitRow:
    visit = await tx.session.get(CompanyVisitRow, visit_id)
    if visit is None:
        raise NotFound("company visit", visit_id)
    by.require_office(visit.office_id)
    return visit


async def _guests(tx: Transaction, visit_id: UUID) -> list[VisitGuestRow]:
    return list(await tx.session.scalars(select(VisitGuestRow).where(col(VisitGuestRow.visit_id) == visit_id)))


async def get_visit(tx: Transaction, visit_id: UUID, by: StaffUser) -> CompanyVisit:
    visit = await _visit_row(tx, visit_id, by)
    return to_visit(visit, await _guests(tx, visit_id))


async def record_attendance(
    tx: Transaction, visit_id: UUID, client_id: UUID, attendance: Attendance, by: StaffUser
) -> CompanyVisit:
    """Attended or absent, once the day has come; the same answer again changes nothing and sends nothing."""
    visit = await _visit_row(tx, visit_id, by)
    if visit.visit_on > datetime.now(BERLIN).date():
        raise RuleViolation("attendance", "the visit has not taken place yet")
    guest = await tx.session.get(VisitGuestRow, (visit_id, client_id), with_for_update=True)
    if guest is None:
        raise NotFound("guest of company visit", client_id)
    if guest.attendance != attendance:
        guest.attendance = attendance
        tx.session.add(guest)
        await tx.publish(
            CompanyVisitAttendanceRecordedV1(
                visit_id=visit_id, client_id=client_id, attendance=attendance, recorded_at=datetime.now(UTC)
            )
        )
    await tx.session.flush()
    return to_visit(visit, await _guests(tx, visit_id))


async def list_visits(tx: Transaction, employer_id: UUID, by: StaffUser) -> list[CompanyVisit]:
    await employer_for(tx, employer_id, by)
    query = select(CompanyVisitRow).where(col(CompanyVisitRow.employer_id) == employer_id)
    visits = list(await tx.session.scalars(query.order_by(col(CompanyVisitRow.visit_on).desc())))
    return [to_visit(v, await _guests(tx, v.visit_id)) for v in visits]

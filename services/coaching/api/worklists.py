"""Coaching's worklists: the caseload (`GET /cases`) and a day's appointments (`GET /appointments`).

`me` for a staff id stands for the caller. Both are office-scoped: an office the caller does not act for
is a 403, and without `office_id` the list holds the caller's offices.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from services.coaching.domain.model import CaseStatus
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.worklists import FindAppointments, FindCases
from services.coaching.schemas import AppointmentPage, CaseListingPage
from services.coaching.use_cases import worklists
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.fields import OfficeId, StaffDate, StaffId, StaffMoment
from services.platform.http.replies import reply
from services.platform.service_app import RuntimeDep

cases_router = APIRouter(prefix="/cases", tags=["cases"])
appointments_router = APIRouter(prefix="/appointments", tags=["appointments"])
# Who works from the caseload: case managers and coaches, placement officers (the cases ready for them),
# team leads (the cases of their office waiting for a case manager, e.g. after a move), operators. No
# special-category data is in these lists.
WorklistReader = Annotated[
    StaffUser,
    Depends(require_roles(Role.CASE_MANAGER, Role.COACH, Role.PLACEMENT_OFFICER, Role.TEAM_LEAD, Role.OPERATOR)),
]
Cursor = Annotated[str | None, Query(max_length=2000, description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=200)]
ProgramId = Annotated[str, Query(pattern=r"^[a-z0-9][a-z0-9_-]{0,29}$", description="e.g. general, youth")]


def staff_or_me(staff_id: str | None, user: StaffUser) -> str | None:
    return user.staff_id if staff_id == "me" else staff_id


@cases_router.get("", response_model=CaseListingPage, summary="The caseload: cases by when the next contact is due")
async def list_cases(
    runtime: RuntimeDep,
    user: WorklistReader,
    office_id: OfficeId | None = None,
    case_worker_id: Annotated[StaffId | None, Query(description="a case manager's id, or `me`")] = None,
    status: Annotated[list[CaseStatus] | None, Query(description="repeat for several; default: all but closed")] = None,
    programme: ProgramId | None = None,
    due_before: Annotated[StaffMoment | None, Query(description="next contact due before this moment")] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> CaseListingPage:
    """Each case's stage, programme, last contact, next due date and open and overdue tasks; the cases whose
    next contact is due soonest first, those with nothing due (no case manager yet) last."""
    query = FindCases(
        office_id, staff_or_me(case_worker_id, user), frozenset(status or ()), programme, due_before, cursor, limit
    )
    async with runtime.uow.transaction() as tx:
        return await reply(CaseListingPage, worklists.find_cases(tx, query, user))


@appointments_router.get("", response_model=AppointmentPage, summary="A day's appointments")
async def list_appointments(
    runtime: RuntimeDep,
    user: WorklistReader,
    day: Annotated[StaffDate | None, Query(description="YYYY-MM-DD on the office's calendar; default today")] = None,
    staff_id: Annotated[StaffId | None, Query(description="whose appointments, or `me`")] = None,
    office_id: OfficeId | None = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> AppointmentPage:
    """The appointments starting on `day` (Europe/Berlin) of one staff member or of the caller's offices, in the
    order they start."""
    query = FindAppointments(_today() if day is None else day, staff_or_me(staff_id, user), office_id, cursor, limit)
    async with runtime.uow.transaction() as tx:
        return await reply(AppointmentPage, worklists.find_appointments(tx, query, user))


def _today() -> date:
    return datetime.now(BERLIN).date()

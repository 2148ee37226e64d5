"""Coaching's HTTP routes for reminders before appointments and the staff calendar feed (`.ics`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from services.coaching.api.appointments import PolicyDep
from services.coaching.api.dependencies import CoachingStaff, ReferenceDep
from services.coaching.appointment_schemas import CalendarTokenOut, ReminderOut, RemindersRunIn
from services.coaching.use_cases import calendar_feeds, reminders
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.fields import StaffId, StaffMoment
from services.platform.service_app import RuntimeDep

router = APIRouter(tags=["appointments"])
Scheduler = Annotated[StaffUser, Depends(require_roles(Role.OPERATOR, Role.JOURNEY_WORKER))]
FeedToken = Annotated[str, Query(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]


@router.post("/reminders/run", response_model=list[ReminderOut], summary="Raise the reminders due")
async def run_reminders(
    body: RemindersRunIn, runtime: RuntimeDep, policy: PolicyDep, user: Scheduler
) -> list[ReminderOut]:
    """What coaching also does by itself every few minutes; `as_of` lets the simulator's calendar drive it.
    Each reminder is raised once, whoever asks."""
    as_of = body.as_of or datetime.now(UTC)
    async with runtime.uow.transaction() as tx:
        raised = await reminders.raise_due_reminders(tx, as_of, policy.reminders)
    return [ReminderOut.model_validate(r, from_attributes=True) for r in raised]


@router.get("/reminders", response_model=list[ReminderOut], summary="A staff member's reminder tasks")
async def list_reminders(
    runtime: RuntimeDep, user: CoachingStaff, staff_id: StaffId = "me", since: StaffMoment | None = None
) -> list[ReminderOut]:
    """Raised since `since` (default: the last 14 days), in the order they fell due."""
    whose = user.staff_id if staff_id == "me" else staff_id
    async with runtime.uow.transaction() as tx:
        found = await reminders.staff_reminders(tx, whose, since or datetime.now(UTC) - timedelta(days=14), user)
    return [ReminderOut.model_validate(r, from_attributes=True) for r in found]


@router.post("/staff/me/calendar-token", response_model=CalendarTokenOut, summary="Issue my calendar feed token")
async def issue_calendar_token(runtime: RuntimeDep, user: CoachingStaff) -> CalendarTokenOut:
    """A new token for the caller's own feed (the old one stops working). Shown only in this reply."""
    async with runtime.uow.transaction() as tx:
        token = await calendar_feeds.issue_token(tx, user.staff_id)
    return CalendarTokenOut(
        staff_id=user.staff_id, token=token, feed_path=f"/staff/{user.staff_id}/calendar.ics?token={token}"
    )


@router.get(
    "/staff/{staff_id}/calendar.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
    summary="A staff member's appointments as an iCalendar feed",
)
async def calendar_feed(
    staff_id: StaffId, token: FeedToken, runtime: RuntimeDep, ref: ReferenceDep, policy: PolicyDep
) -> Response:
    """Authenticated by the staff member's feed token (calendar clients cannot sign in with OIDC), 403
    otherwise. Names no client (see README, "Appointments")."""
    async with runtime.uow.transaction() as tx:
        body = await calendar_feeds.feed(tx, staff_id, token, ref, policy, datetime.now(UTC))
    return Response(body, media_type="text/calendar; charset=utf-8")

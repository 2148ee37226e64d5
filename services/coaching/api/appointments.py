"""Coaching's HTTP routes for appointments of every kind, their attendance, weekly series and consultation
days: parse, call a use case, shape the reply."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response

from services.coaching.api.dependencies import CoachingStaff, ReferenceDep
from services.coaching.appointment_schemas import (
    AppointmentDetailOut,
    AttendanceIn,
    CancelIn,
    CancelSeriesIn,
    ConsultationDateOut,
    InvitationIn,
    RescheduleIn,
    RoomOut,
    ScheduleIn,
    SeriesIn,
    SeriesOut,
    SlotOut,
)
from services.coaching.domain.appointment_policy import AppointmentPolicy
from services.coaching.use_cases import appointments, attendance, consultation_days, series
from services.coaching.use_cases.appointment_rows import appointment_row
from services.platform.http.fields import OfficeId, StaffDate
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep


def appointment_policy(request: Request) -> AppointmentPolicy:
    policy: AppointmentPolicy = request.app.state.appointment_policy
    return policy


PolicyDep = Annotated[AppointmentPolicy, Depends(appointment_policy)]
router = APIRouter(prefix="/appointments", tags=["appointments"])
series_router = APIRouter(prefix="/appointment-series", tags=["appointments"])
places_router = APIRouter(tags=["appointments"])
Detail = AppointmentDetailOut


@router.post("", status_code=201, response_model=Detail, summary="Book an appointment of any kind")
async def schedule(
    body: ScheduleIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    policy: PolicyDep,
    user: CoachingStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Individual (one staff member, one client), team (several staff, one client) or group (capacity, room,
    participants). In person inside the office's opening hours, or in whole slots of a consultation day when
    `location_id` names one; never on a public holiday of the office's Land (422 naming the field). 409 naming
    the staff member, client or room already booked for an overlapping time, or when a group is full."""
    cmd = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: reply(Detail, appointments.schedule(tx, cmd, ref, policy, user))
    )


@router.get("/{appointment_id}", response_model=Detail, summary="An appointment with its participants")
async def get_appointment(
    appointment_id: UUID, runtime: RuntimeDep, user: CoachingStaff, vault: SpecialCategoriesDep, purpose: Purpose
) -> Detail:
    """An excused absence's reason code only for case managers and coaches of the office (sealed, audited)."""
    async with runtime.uow.transaction() as tx:
        row = await appointment_row(tx.session, appointment_id, user)
        current = await appointments.appointment(tx, appointment_id, user)
        return await reply(Detail, attendance.with_excuses(tx, row, current, user, vault, purpose))


@router.post("/{appointment_id}/rescheduling", response_model=Detail, summary="Move an appointment")
async def reschedule(
    appointment_id: UUID,
    body: RescheduleIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    policy: PolicyDep,
    user: CoachingStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """The same rules as a booking; the appointment keeps its id (and calendar UID), with the reason code."""
    cmd = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(Detail, appointments.reschedule(tx, appointment_id, cmd, ref, policy, user)),
        200,
    )


@router.post("/{appointment_id}/cancellation", response_model=Detail, summary="Cancel an appointment")
async def cancel(
    appointment_id: UUID,
    body: CancelIn,
    runtime: RuntimeDep,
    user: CoachingStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """With a reason code; 409 when it is cancelled already."""
    cmd = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: reply(Detail, appointments.cancel(tx, appointment_id, cmd, user)), 200
    )


@router.post("/{appointment_id}/invitations", response_model=Detail, summary="Invite a client")
async def invite(
    appointment_id: UUID,
    body: InvitationIn,
    runtime: RuntimeDep,
    user: CoachingStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Adds a client to a group session (409 when full or the client is booked elsewhere then), or records
    for a participant when the written notice of legal consequences was given — needed before a missed
    appointment can have any consequence."""
    invitation = body.to_invitation()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(Detail, appointments.invite(tx, appointment_id, invitation, user)),
        200,
    )


@router.put("/{appointment_id}/attendance", response_model=Detail, summary="Record a participant's attendance")
async def record_attendance(
    appointment_id: UUID,
    body: AttendanceIn,
    runtime: RuntimeDep,
    user: CoachingStaff,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Attended, excused (with a reason code) or missed; once per participant (409 after). Emits
    `appointment_attended.v1` or `appointment_missed.v1` (with the notice given and the n-th miss in a row).
    The reason code is sealed (special-category data where it reveals health) and not in this reply: a reader
    sees it in `GET /appointments/{id}`."""
    cmd = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(Detail, attendance.record_attendance(tx, appointment_id, cmd, user, vault, purpose)),
        200,
    )


@series_router.post("", status_code=201, response_model=SeriesOut, summary="Book a weekly series")
async def schedule_series(
    body: SeriesIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    policy: PolicyDep,
    user: CoachingStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Every week from `starts_at` to `until` at the same local time, each occurrence under the rules of a
    booking; weeks on a public holiday are left out (`skipped`); one clash refuses the series (409)."""
    cmd = body.to_series()
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: reply(SeriesOut, series.schedule_series(tx, cmd, ref, policy, user))
    )


@series_router.post("/{series_id}/cancellation", response_model=SeriesOut, summary="Cancel a series from a date on")
async def cancel_series(
    series_id: UUID,
    body: CancelSeriesIn,
    runtime: RuntimeDep,
    user: CoachingStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    cmd = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: reply(SeriesOut, series.cancel_series(tx, series_id, cmd, user)), 200
    )


@places_router.get("/consultation-days", response_model=list[ConsultationDateOut], summary="Consultation days")
async def list_consultation_days(
    office_id: OfficeId, month: StaffDate, ref: ReferenceDep, user: CoachingStaff
) -> list[ConsultationDateOut]:
    """The office's consultation days (JobLokal) in the month of `month`."""
    return [
        ConsultationDateOut.model_validate(d, from_attributes=True)
        for d in consultation_days.dates_in(ref, office_id, month, user)
    ]


@places_router.get(
    "/consultation-days/{location_id}/{day}/slots", response_model=list[SlotOut], summary="A consultation day's slots"
)
async def list_slots(
    location_id: OfficeId,
    day: StaffDate,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    policy: PolicyDep,
    user: CoachingStaff,
) -> list[SlotOut]:
    """The bookable slots; `free` unless an appointment at the location overlaps. Empty on another day."""
    async with runtime.uow.transaction() as tx:
        found = await consultation_days.slots(tx, ref, policy, location_id, day, user)
    return [SlotOut.model_validate(s, from_attributes=True) for s in found]


@places_router.get("/rooms", response_model=list[RoomOut], summary="Rooms for appointments")
async def list_rooms(policy: PolicyDep, user: CoachingStaff, office_id: OfficeId | None = None) -> list[RoomOut]:
    rooms = [r for r in policy.rooms.values() if office_id in (None, r.office_id)]
    return [RoomOut.model_validate(r, from_attributes=True) for r in rooms if user.may_act_for(r.office_id)]

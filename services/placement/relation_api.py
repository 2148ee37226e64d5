"""Routes of an employer's relations (#12): contact persons, history of contacts and follow-ups, partner status,
company visits and internships. Placement staff only; every use case checks the caller's office."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response

from services.placement.api import PlacementStaff
from services.placement.relation_schemas import (
    AttendanceIn,
    ContactIn,
    ContactOut,
    ContactPersonIn,
    ContactPersonOut,
    InternshipIn,
    InternshipOut,
    InternshipOutcomeIn,
    PartnershipIn,
    PartnershipOut,
    ProgramId,
    VisitIn,
    VisitOut,
    partnership_command,
)
from services.placement.use_cases import employer_contacts, internships, visits
from services.platform.http.fields import OfficeId
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.privacy.cipher import FieldCipher
from services.platform.service_app import RuntimeDep

relations = APIRouter(prefix="/employers", tags=["employers"])
follow_ups = APIRouter(prefix="/employer-follow-ups", tags=["employers"])
visit_routes = APIRouter(prefix="/company-visits", tags=["employers"])
internship_routes = APIRouter(prefix="/internships", tags=["employers"])
ROUTERS = (relations, follow_ups, visit_routes, internship_routes)


def contact_seal(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.contact_seal
    return cipher


ContactSeal = Annotated[FieldCipher, Depends(contact_seal)]


@relations.post("/{employer_id}/contact-persons", status_code=201, response_model=ContactPersonOut)
async def add_contact_person(
    employer_id: UUID,
    body: ContactPersonIn,
    runtime: RuntimeDep,
    user: PlacementStaff,
    cipher: ContactSeal,
    key: IdempotencyKey = None,
) -> Response:
    """A contact person (social data: only placement staff of the employer's office read it). 422 naming `phone`
    when neither phone nor e-mail is given."""
    cmd = body.to_command()
    return await runtime.idempotent.run(
        key,
        user,
        body,
        lambda tx: reply(ContactPersonOut, employer_contacts.add_contact_person(tx, employer_id, cmd, cipher, user)),
    )


@relations.get("/{employer_id}/contact-persons", response_model=list[ContactPersonOut])
async def list_contact_persons(
    employer_id: UUID, runtime: RuntimeDep, user: PlacementStaff, cipher: ContactSeal
) -> list[ContactPersonOut]:
    async with runtime.uow.transaction() as tx:
        found = await employer_contacts.list_contact_persons(tx, employer_id, cipher, user)
    return [ContactPersonOut.model_validate(p, from_attributes=True) for p in found]


@relations.post("/{employer_id}/contacts", status_code=201, response_model=ContactOut, summary="Record a contact")
async def record_contact(
    employer_id: UUID, body: ContactIn, runtime: RuntimeDep, user: PlacementStaff, key: IdempotencyKey = None
) -> Response:
    """A call, visit, e-mail or meeting with the employer; a `follow_up_on` day puts it on the office's
    follow-ups (`GET /employer-follow-ups`)."""
    cmd = body.to_command()
    return await runtime.idempotent.run(
        key, user, body, lambda tx: reply(ContactOut, employer_contacts.record_contact(tx, employer_id, cmd, user))
    )


@relations.get("/{employer_id}/contacts", response_model=list[ContactOut], summary="The history of contacts")
async def list_contacts(employer_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> list[ContactOut]:
    async with runtime.uow.transaction() as tx:
        found = await employer_contacts.list_contacts(tx, employer_id, user)
    return [ContactOut.model_validate(c, from_attributes=True) for c in found]


@relations.put("/{employer_id}/partnerships/{program_id}", response_model=PartnershipOut)
async def set_partnership(
    employer_id: UUID,
    program_id: ProgramId,
    body: PartnershipIn,
    runtime: RuntimeDep,
    user: PlacementStaff,
    key: IdempotencyKey = None,
) -> Response:
    """Partner company in a programme from `since` (until `until`); setting it again changes the dates."""
    cmd = partnership_command(program_id, body)
    return await runtime.idempotent.run(
        key,
        user,
        body,
        lambda tx: reply(PartnershipOut, employer_contacts.set_partnership(tx, employer_id, cmd, user)),
        200,
    )


@relations.get("/{employer_id}/partnerships", response_model=list[PartnershipOut])
async def list_partnerships(employer_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> list[PartnershipOut]:
    async with runtime.uow.transaction() as tx:
        found = await employer_contacts.list_partnerships(tx, employer_id, user)
    return [PartnershipOut.model_validate(p, from_attributes=True) for p in found]


@relations.get("/{employer_id}/company-visits", response_model=list[VisitOut])
async def list_visits(employer_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> list[VisitOut]:
    async with runtime.uow.transaction() as tx:
        found = await visits.list_visits(tx, employer_id, user)
    return [VisitOut.model_validate(v, from_attributes=True) for v in found]


@follow_ups.get("", response_model=list[ContactOut], summary="Contacts whose follow-up is due")
async def list_follow_ups(
    office_id: OfficeId,
    runtime: RuntimeDep,
    user: PlacementStaff,
    due_by: date | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[ContactOut]:
    async with runtime.uow.transaction() as tx:
        found = await employer_contacts.follow_ups_due(tx, office_id, due_by or date.max, user, limit)
    return [ContactOut.model_validate(c, from_attributes=True) for c in found]


@visit_routes.post("", status_code=201, response_model=VisitOut, summary="Schedule a company visit")
async def schedule_visit(
    body: VisitIn, runtime: RuntimeDep, user: PlacementStaff, key: IdempotencyKey = None
) -> Response:
    """Emits `company_visit_scheduled.v1`. 422 naming `client_ids` for an empty group or a client listed twice."""
    cmd = body.to_command()
    return await runtime.idempotent.run(
        key, user, body, lambda tx: reply(VisitOut, visits.schedule_visit(tx, cmd, user))
    )


@visit_routes.get("/{visit_id}", response_model=VisitOut)
async def get_visit(visit_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> VisitOut:
    async with runtime.uow.transaction() as tx:
        return await reply(VisitOut, visits.get_visit(tx, visit_id, user))


@visit_routes.post("/{visit_id}/attendance", response_model=VisitOut, summary="Record a guest's attendance")
async def record_attendance(
    visit_id: UUID, body: AttendanceIn, runtime: RuntimeDep, user: PlacementStaff, key: IdempotencyKey = None
) -> Response:
    """Emits `company_visit_attendance_recorded.v1` when the attendance changes."""
    return await runtime.idempotent.run(
        key,
        user,
        body,
        lambda tx: reply(VisitOut, visits.record_attendance(tx, visit_id, body.client_id, body.attendance, user)),
        200,
    )


@internship_routes.post("", status_code=201, response_model=InternshipOut, summary="Arrange an internship")
async def arrange_internship(
    body: InternshipIn, runtime: RuntimeDep, user: PlacementStaff, key: IdempotencyKey = None
) -> Response:
    """Emits `internship_arranged.v1`. 422 naming `ends_on` beyond six weeks (§ 45 Abs. 2 Satz 2 SGB III)."""
    cmd = body.to_command()
    return await runtime.idempotent.run(
        key, user, body, lambda tx: reply(InternshipOut, internships.arrange_internship(tx, cmd, user))
    )


@internship_routes.get("", response_model=list[InternshipOut], summary="An employer's or a client's internships")
async def list_internships(
    runtime: RuntimeDep, user: PlacementStaff, employer_id: UUID | None = None, client_id: UUID | None = None
) -> list[InternshipOut]:
    async with runtime.uow.transaction() as tx:
        found = await internships.list_internships(tx, employer_id, client_id, user)
    return [InternshipOut.model_validate(i, from_attributes=True) for i in found]


@internship_routes.get("/{internship_id}", response_model=InternshipOut)
async def get_internship(internship_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> InternshipOut:
    async with runtime.uow.transaction() as tx:
        return await reply(InternshipOut, internships.get_internship(tx, internship_id, user))


@internship_routes.post("/{internship_id}/outcome", response_model=InternshipOut, summary="Record the outcome")
async def end_internship(
    internship_id: UUID,
    body: InternshipOutcomeIn,
    runtime: RuntimeDep,
    user: PlacementStaff,
    key: IdempotencyKey = None,
) -> Response:
    """Emits `internship_ended.v1`; the same outcome again changes nothing, another one is 409."""
    cmd = body.to_command()
    return await runtime.idempotent.run(
        key, user, body, lambda tx: reply(InternshipOut, internships.end_internship(tx, internship_id, cmd, user)), 200
    )

"""Coaching's HTTP routes for the district's reference data: offices and programmes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from services.coaching.api.dependencies import AnyStaff, ReferenceDep
from services.coaching.domain.closures import hours_on
from services.coaching.domain.offices import ConsultationDay, Office, OpeningSpan
from services.coaching.domain.programmes import Programme
from services.coaching.schemas import ConsultationDayOut, OfficeOut, OpeningHoursOut, PartnerEmployerOut, ProgrammeOut
from services.coaching.use_cases.closure_rows import closures_of
from services.platform.errors import NotFound
from services.platform.http.fields import OfficeId, StaffDate
from services.platform.service_app import RuntimeDep

offices_router = APIRouter(prefix="/offices", tags=["offices"])
programmes_router = APIRouter(prefix="/programmes", tags=["programmes"])


@offices_router.get("", response_model=list[OfficeOut], summary="Offices and their opening hours")
async def list_offices(ref: ReferenceDep, _: AnyStaff) -> list[OfficeOut]:
    return [_office_out(o) for o in ref.offices.all()]


@offices_router.get("/{office_id}", response_model=OfficeOut, summary="An office and its opening hours")
async def get_office(
    office_id: OfficeId,
    ref: ReferenceDep,
    runtime: RuntimeDep,
    _: AnyStaff,
    on: Annotated[StaffDate | None, Query(description="the hours as they are on this day (after a reopening)")] = None,
) -> OfficeOut:
    office = ref.offices.get(office_id)
    if office is None:
        raise NotFound("office", office_id)
    if on is not None:
        async with runtime.uow.transaction() as tx:
            office = hours_on(office, await closures_of(tx.session, office_id), on)
    return _office_out(office)


@programmes_router.get("", response_model=list[ProgrammeOut], summary="The programme catalogue")
async def list_programmes(ref: ReferenceDep, _: AnyStaff) -> list[ProgrammeOut]:
    return [_programme_out(p) for p in ref.programmes.all()]


def _hours(span: OpeningSpan) -> OpeningHoursOut:
    return OpeningHoursOut(weekday=span.weekday, opens=f"{span.opens:%H:%M}", closes=f"{span.closes:%H:%M}")


def _day(day: ConsultationDay) -> ConsultationDayOut:
    return ConsultationDayOut(
        location_id=day.location_id, name=day.name, week_of_month=day.week_of_month, **_hours(day.span).model_dump()
    )


def _office_out(office: Office) -> OfficeOut:
    return OfficeOut(
        office_id=office.office_id,
        name=office.name,
        district=office.district,
        kind=office.kind,
        opening_hours=[_hours(s) for s in office.opening_hours],
        consultation_days=[_day(d) for d in office.consultation_days],
        opening_hours_text=office.describe_hours(),
        programmes=list(office.programmes) if office.programmes is not None else None,
        places=dict(office.places),
    )


def _programme_out(p: Programme) -> ProgrammeOut:
    return ProgrammeOut(
        program_id=p.program_id,
        name=p.name,
        caseload_ratio=p.caseload_ratio,
        contact_interval_days=p.contact_interval_days,
        max_contacts_per_month=p.max_contacts_per_month,
        duration_months=p.duration_months,
        target_groups=sorted(p.target_groups),
        description=p.description,
        partner_employers=[PartnerEmployerOut(employer_id=e.employer_id, name=e.name) for e in p.partner_employers],
    )

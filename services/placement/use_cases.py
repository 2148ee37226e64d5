"""Placement's use cases: one transaction each."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from contracts.events import EmploymentStartedV1
from services.placement.domain.model import check_contract
from services.placement.schemas import EmployerIn, EmployerOut, EmploymentOut, HireIn
from services.placement.tables import EmployerRow, EmploymentRow
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, NotPermitted, RuleViolation
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


async def add_employer(tx: Transaction, body: EmployerIn, by: StaffUser) -> EmployerOut:
    if not by.may_act_for(body.office_id):
        raise NotPermitted(f"not authorised for office '{body.office_id}'")
    row = EmployerRow(employer_id=new_id(), created_at=datetime.now(UTC), **body.model_dump())
    tx.session.add(row)
    return EmployerOut(employer_id=row.employer_id, **body.model_dump())


async def get_employer(tx: Transaction, employer_id: UUID) -> EmployerOut:
    row = await tx.session.get(EmployerRow, employer_id)
    if row is None:
        raise NotFound("employer", employer_id)
    return EmployerOut.model_validate(row, from_attributes=True)


async def record_hire(tx: Transaction, body: HireIn, by: StaffUser) -> EmploymentOut:
    """A client was hired. Emits `employment_started.v1`, the benefits system's trigger."""
    check_contract(body.start_date, body.first_pay_date, body.gross_monthly_pay, body.net_monthly_pay)
    if await tx.session.get(EmployerRow, body.employer_id) is None:
        raise RuleViolation("employer_id", "no such employer")
    row = EmploymentRow(employment_id=new_id(), recorded_by=by.staff_id, **body.model_dump())
    tx.session.add(row)
    await tx.publish(EmploymentStartedV1(employment_id=row.employment_id, **body.model_dump()))
    return EmploymentOut(employment_id=row.employment_id, **body.model_dump())

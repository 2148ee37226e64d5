"""Employers and their vacancies."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from services.placement.domain.matching import VacancyKind
from services.placement.domain.model import check_vacancy
from services.placement.schemas import EmployerIn, EmployerOut, VacancyIn, VacancyOut
from services.placement.tables import EmployerRow, VacancyRow, aware
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


async def list_employers(tx: Transaction, office_id: str | None, after: UUID | None, limit: int) -> list[EmployerOut]:
    query = select(EmployerRow).order_by(col(EmployerRow.employer_id)).limit(limit)
    if office_id is not None:
        query = query.where(col(EmployerRow.office_id) == office_id)
    if after is not None:
        query = query.where(col(EmployerRow.employer_id) > after)
    return [EmployerOut.model_validate(r, from_attributes=True) for r in await tx.session.scalars(query)]


async def add_vacancy(tx: Transaction, body: VacancyIn, by: StaffUser) -> VacancyOut:
    check_vacancy(body.kind, body.subject_to_social_insurance)
    employer = await tx.session.get(EmployerRow, body.employer_id)
    if employer is None:
        raise RuleViolation("employer_id", "no such employer")
    if not by.may_act_for(employer.office_id):
        raise NotPermitted(f"not authorised for office '{employer.office_id}'")
    row = VacancyRow(vacancy_id=new_id(), open_positions=body.positions, created_at=datetime.now(UTC),
                     created_by=by.staff_id, **body.model_dump())
    tx.session.add(row)
    return vacancy_out(row)


async def get_vacancy(tx: Transaction, vacancy_id: UUID) -> VacancyOut:
    row = await tx.session.get(VacancyRow, vacancy_id)
    if row is None:
        raise NotFound("vacancy", vacancy_id)
    return vacancy_out(row)


async def list_vacancies(tx: Transaction, employer_id: UUID | None, kind: VacancyKind | None, open_only: bool,
                         after: UUID | None, limit: int) -> list[VacancyOut]:
    query = select(VacancyRow).order_by(col(VacancyRow.vacancy_id)).limit(limit)
    if employer_id is not None:
        query = query.where(col(VacancyRow.employer_id) == employer_id)
    if kind is not None:
        query = query.where(col(VacancyRow.kind) == kind)
    if open_only:
        query = query.where(col(VacancyRow.open_positions) > 0)
    if after is not None:
        query = query.where(col(VacancyRow.vacancy_id) > after)
    return [vacancy_out(r) for r in await tx.session.scalars(query)]


def vacancy_out(row: VacancyRow) -> VacancyOut:
    return VacancyOut(
        vacancy_id=row.vacancy_id, employer_id=row.employer_id, title=row.title, occupation=row.occupation,
        kind=VacancyKind(row.kind), weekly_hours=row.weekly_hours, daily_start=row.daily_start,
        location_postcode=row.location_postcode, positions=row.positions, open_positions=row.open_positions,
        gross_monthly_pay=row.gross_monthly_pay, subject_to_social_insurance=row.subject_to_social_insurance,
        created_at=aware(row.created_at),
    )

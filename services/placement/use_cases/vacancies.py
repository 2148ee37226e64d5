"""Employers and their vacancies."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from services.placement.domain.commands import AddEmployer, AddVacancy
from services.placement.domain.employer_relations import check_unpublished
from services.placement.domain.matching import VacancyKind
from services.placement.domain.model import check_known_office, check_vacancy, open_positions_after_edit
from services.placement.domain.occupations import Classification
from services.placement.domain.views import Employer, Vacancy
from services.placement.tables import EmployerRow, VacancyRow, to_employer, to_vacancy
from services.placement.use_cases.employer_contacts import contact_of, employer_for
from services.placement.use_cases.hidden_market import require_visible, visible_vacancies
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, RuleViolation
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


async def add_employer(tx: Transaction, cmd: AddEmployer, offices: Collection[str], by: StaffUser) -> Employer:
    check_known_office(cmd.office_id, offices)
    by.require_office(cmd.office_id)
    row = EmployerRow(employer_id=new_id(), created_at=datetime.now(UTC), **asdict(cmd))
    tx.session.add(row)
    return to_employer(row)


async def edit_employer(
    tx: Transaction, employer_id: UUID, cmd: AddEmployer, offices: Collection[str], by: StaffUser
) -> Employer:
    """The same rules as adding one; moving it to another office needs both offices among the caller's.

    Publishes no event, as adding an employer publishes none: employers are placement's own records, and the
    events that name one (a hire) carry its id, not its name or address.
    """
    check_known_office(cmd.office_id, offices)
    row = await tx.session.get(EmployerRow, employer_id, with_for_update=True)
    if row is None:
        raise NotFound("employer", employer_id)
    by.require_office(row.office_id)
    by.require_office(cmd.office_id)
    for name, value in asdict(cmd).items():
        setattr(row, name, value)
    tx.session.add(row)
    await tx.session.flush()
    return to_employer(row)


async def get_employer(tx: Transaction, employer_id: UUID, by: StaffUser) -> Employer:
    """404 for an unknown employer, 403 for one of an office the caller does not act for (as every read of its
    contacts, visits and partnerships: the employer is the office's record, its existence no secret)."""
    return to_employer(await employer_for(tx, employer_id, by))


async def list_employers(
    tx: Transaction, office_id: str | None, after: UUID | None, limit: int, by: StaffUser
) -> list[Employer]:
    """The employers of the caller's offices (`office_id` narrows to one of them; another office is 403)."""
    query = select(EmployerRow).order_by(col(EmployerRow.employer_id)).limit(limit)
    if (offices := by.visible_offices(office_id)) is not None:
        query = query.where(col(EmployerRow.office_id).in_(sorted(offices)))
    if after is not None:
        query = query.where(col(EmployerRow.employer_id) > after)
    return [to_employer(r) for r in await tx.session.scalars(query)]


async def add_vacancy(tx: Transaction, cmd: AddVacancy, kldb: Classification, by: StaffUser) -> Vacancy:
    check_vacancy(cmd.kind, cmd.subject_to_social_insurance)
    if cmd.kldb_code is not None:
        kldb.require("kldb_code", cmd.kldb_code)
    employer = await tx.session.get(EmployerRow, cmd.employer_id)
    if employer is None:
        raise RuleViolation("employer_id", "no such employer")
    by.require_office(employer.office_id)
    await _check_source(tx, cmd)
    row = VacancyRow(
        vacancy_id=new_id(),
        open_positions=cmd.positions,
        created_at=datetime.now(UTC),
        created_by=by.staff_id,
        **asdict(cmd),
    )
    tx.session.add(row)
    return to_vacancy(row)


async def edit_vacancy(
    tx: Transaction, vacancy_id: UUID, cmd: AddVacancy, kldb: Classification, by: StaffUser
) -> Vacancy:
    """The same rules as adding one; both the vacancy's employer and a new one must be in the caller's offices.

    Publishes no event, as adding a vacancy publishes none: vacancies are placement's own records, read by
    matching within placement, and no other service keeps a copy that an update would have to reach.
    """
    check_vacancy(cmd.kind, cmd.subject_to_social_insurance)
    if cmd.kldb_code is not None:
        kldb.require("kldb_code", cmd.kldb_code)
    row = await tx.session.get(VacancyRow, vacancy_id, with_for_update=True)
    if row is None:
        raise NotFound("vacancy", vacancy_id)
    current = await tx.session.get(EmployerRow, row.employer_id)
    if current is not None:
        by.require_office(current.office_id)
    if cmd.employer_id != row.employer_id:
        employer = await tx.session.get(EmployerRow, cmd.employer_id)
        if employer is None:
            raise RuleViolation("employer_id", "no such employer")
        by.require_office(employer.office_id)
    await _check_source(tx, cmd)
    row.open_positions = open_positions_after_edit(row.positions, row.open_positions, cmd.positions)
    for name, value in asdict(cmd).items():
        setattr(row, name, value)
    tx.session.add(row)
    await tx.session.flush()
    await tx.session.refresh(row)  # the reply as a later GET reads it (e.g. weekly hours to two places)
    return to_vacancy(row)


async def _check_source(tx: Transaction, cmd: AddVacancy) -> None:
    """An unpublished vacancy names a contact with its own employer (the hidden job market)."""
    check_unpublished(cmd.published, cmd.source_contact_id)
    if cmd.source_contact_id is not None:
        await contact_of(tx, cmd.employer_id, cmd.source_contact_id)


async def get_vacancy(tx: Transaction, vacancy_id: UUID, by: StaffUser) -> Vacancy:
    row = await tx.session.get(VacancyRow, vacancy_id)
    if row is None:
        raise NotFound("vacancy", vacancy_id)
    await require_visible(tx, row, by)
    return to_vacancy(row)


async def list_vacancies(
    tx: Transaction,
    employer_id: UUID | None,
    kind: VacancyKind | None,
    open_only: bool,
    after: UUID | None,
    limit: int,
    by: StaffUser,
) -> list[Vacancy]:
    query = select(VacancyRow).where(visible_vacancies(by)).order_by(col(VacancyRow.vacancy_id)).limit(limit)
    if employer_id is not None:
        query = query.where(col(VacancyRow.employer_id) == employer_id)
    if kind is not None:
        query = query.where(col(VacancyRow.kind) == kind)
    if open_only:
        query = query.where(col(VacancyRow.open_positions) > 0)
    if after is not None:
        query = query.where(col(VacancyRow.vacancy_id) > after)
    return [to_vacancy(r) for r in await tx.session.scalars(query)]

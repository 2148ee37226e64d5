"""Hires and the end of employments."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import func, select, update
from sqlmodel import col

from contracts.events import EmploymentEndedV1, EmploymentStartedV1
from services.placement.domain.employment import CheckStatus, check_end
from services.placement.domain.model import (
    ProposalStatus,
    SearchStatus,
    check_contract,
    check_hire_fills,
    vacancy_of_hire,
)
from services.placement.schemas import EmploymentOut, EndIn, HireIn
from services.placement.tables import (
    ContinuationCheckRow,
    EmployerRow,
    EmploymentRow,
    ProposalRow,
    VacancyRow,
    to_hired_into,
    to_proposal_facts,
)
from services.placement.use_cases.common import employment_for, office_of, open_search, require_office
from services.platform.auth.staff import StaffUser
from services.platform.errors import RuleViolation
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


async def record_hire(tx: Transaction, body: HireIn, by: StaffUser) -> EmploymentOut:
    """A client was hired. Emits `employment_started.v1`, the benefits system's trigger.

    A hire is a fact, not a proposal: it is recorded even where it breaks the client's
    matching constraints (a client may take an early shift they found themselves).
    """
    check_contract(body.start_date, body.first_pay_date, body.gross_monthly_pay, body.net_monthly_pay)
    if await tx.session.get(EmployerRow, body.employer_id) is None:
        raise RuleViolation("employer_id", "no such employer")
    office_id = await office_of(tx, body.client_id)
    require_office(by, office_id)
    vacancy_id = await _accept_proposal(tx, body)
    if vacancy_id is not None:
        await _take_position(tx, vacancy_id, body)
    await _close_search(tx, body.client_id)
    row = EmploymentRow(employment_id=new_id(), recorded_by=by.staff_id,
                        **(body.model_dump() | {"vacancy_id": vacancy_id}))
    tx.session.add(row)
    await tx.publish(EmploymentStartedV1(employment_id=row.employment_id,
                                         **body.model_dump(exclude={"proposal_id", "vacancy_id"}),
                                         vacancy_id=vacancy_id))
    return employment_out(row, office_id)


async def _accept_proposal(tx: Transaction, body: HireIn) -> UUID | None:
    if body.proposal_id is None:
        return body.vacancy_id
    proposal = await tx.session.get(ProposalRow, body.proposal_id)
    if proposal is None:
        raise RuleViolation("proposal_id", "no such proposal")
    vacancy_id = vacancy_of_hire(to_proposal_facts(proposal), body.client_id, body.vacancy_id)
    proposal.status, proposal.updated_at = ProposalStatus.ACCEPTED, datetime.now(UTC)
    tx.session.add(proposal)
    return vacancy_id


async def _take_position(tx: Transaction, vacancy_id: UUID, body: HireIn) -> None:
    vacancy = await tx.session.get(VacancyRow, vacancy_id)
    if vacancy is None:
        raise RuleViolation("vacancy_id", "no such vacancy")
    check_hire_fills(to_hired_into(vacancy), body.employer_id, body.apprenticeship)
    # Atomic, so two concurrent hires cannot both take the last position.
    taken = await tx.session.execute(
        update(VacancyRow).where(col(VacancyRow.vacancy_id) == vacancy_id, col(VacancyRow.open_positions) > 0)
        .values(open_positions=col(VacancyRow.open_positions) - 1)
        .execution_options(synchronize_session="fetch"))
    if not taken.rowcount:  # type: ignore[attr-defined]
        raise RuleViolation("vacancy_id", "the vacancy has no open positions")


async def _close_search(tx: Transaction, client_id: UUID) -> None:
    search = await open_search(tx, client_id)
    if search is not None:
        search.status, search.closed_at, search.closed_reason = SearchStatus.CLOSED, datetime.now(UTC), "hired"
        tx.session.add(search)


async def get_employment(tx: Transaction, employment_id: UUID, by: StaffUser) -> EmploymentOut:
    employment, office_id = await employment_for(tx, employment_id, by)
    return employment_out(employment, office_id)


async def end_employment(tx: Transaction, employment_id: UUID, body: EndIn, by: StaffUser) -> EmploymentOut:
    """Emits `employment_ended.v1`; open checks for months after the end become ended. 409 if already ended."""
    employment, office_id = await employment_for(tx, employment_id, by, for_update=True)
    last_confirmed = await tx.session.scalar(select(func.max(ContinuationCheckRow.month)).where(
        col(ContinuationCheckRow.employment_id) == employment_id,
        col(ContinuationCheckRow.status) == CheckStatus.CONFIRMED))
    check_end(employment.start_date, employment.end_date, body.end_date, last_confirmed)
    employment.end_date, employment.end_reason, employment.ended_at = body.end_date, body.reason, datetime.now(UTC)
    tx.session.add(employment)
    await tx.session.execute(
        update(ContinuationCheckRow).where(
            col(ContinuationCheckRow.employment_id) == employment_id,
            col(ContinuationCheckRow.status) == CheckStatus.OPEN, col(ContinuationCheckRow.month) > body.end_date)
        .values(status=CheckStatus.ENDED).execution_options(synchronize_session="fetch"))
    await tx.publish(EmploymentEndedV1(client_id=employment.client_id, employment_id=employment_id,
                                       end_date=body.end_date, reason=body.reason))
    return employment_out(employment, office_id)


def employment_out(row: EmploymentRow, office_id: str | None) -> EmploymentOut:
    return EmploymentOut(
        employment_id=row.employment_id, client_id=row.client_id, employer_id=row.employer_id,
        start_date=row.start_date, weekly_hours=row.weekly_hours, gross_monthly_pay=row.gross_monthly_pay,
        net_monthly_pay=row.net_monthly_pay, first_pay_date=row.first_pay_date,
        subject_to_social_insurance=row.subject_to_social_insurance, apprenticeship=row.apprenticeship,
        vacancy_id=row.vacancy_id, proposal_id=row.proposal_id, status="ended" if row.end_date else "active",
        office_id=office_id, end_date=row.end_date, end_reason=row.end_reason,
    )

"""Hires and the end of employments."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import func, select, update
from sqlmodel import col

from contracts.events import EmploymentEndedV1, EmploymentStartedV1
from services.placement.domain.commands import EndEmployment, RecordHire
from services.placement.domain.employment import CheckStatus, check_end
from services.placement.domain.model import (
    ProposalStatus,
    SearchStatus,
    check_contract,
    check_hire_fills,
    kind_of_hire,
    vacancy_of_hire,
)
from services.placement.domain.views import Employment
from services.placement.tables import (
    ContinuationCheckRow,
    EmployerRow,
    EmploymentRow,
    ProposalRow,
    VacancyRow,
    to_employment,
    to_hired_into,
    to_proposal_facts,
)
from services.placement.use_cases.lookups import employment_for, office_of, open_search
from services.platform.auth.staff import StaffUser
from services.platform.errors import RuleViolation
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


async def record_hire(tx: Transaction, cmd: RecordHire, by: StaffUser) -> Employment:
    """A client was hired. Emits `employment_started.v1`, the benefits system's trigger.

    A hire is a fact, not a proposal: it is recorded even where it breaks the client's
    matching constraints (a client may take an early shift they found themselves).
    """
    check_contract(cmd.start_date, cmd.first_pay_date, cmd.gross_monthly_pay, cmd.net_monthly_pay)
    if await tx.session.get(EmployerRow, cmd.employer_id) is None:
        raise RuleViolation("employer_id", "no such employer")
    office_id = await office_of(tx, cmd.client_id)
    if office_id is not None:  # unknown until the registration arrives
        by.require_office(office_id)
    vacancy_id = await _accept_proposal(tx, cmd)
    if vacancy_id is not None:
        await _take_position(tx, vacancy_id, cmd)
    await _close_search(tx, cmd.client_id)
    kind = kind_of_hire(cmd.employment_kind, cmd.subject_to_social_insurance, cmd.apprenticeship)
    contract = asdict(cmd) | {"vacancy_id": vacancy_id, "employment_kind": kind.value}
    row = EmploymentRow(employment_id=new_id(), recorded_by=by.staff_id, **contract)
    tx.session.add(row)
    del contract["proposal_id"]
    await tx.publish(EmploymentStartedV1(employment_id=row.employment_id, **contract))
    return to_employment(row, office_id)


async def _accept_proposal(tx: Transaction, cmd: RecordHire) -> UUID | None:
    if cmd.proposal_id is None:
        return cmd.vacancy_id
    proposal = await tx.session.get(ProposalRow, cmd.proposal_id)
    if proposal is None:
        raise RuleViolation("proposal_id", "no such proposal")
    vacancy_id = vacancy_of_hire(to_proposal_facts(proposal), cmd.client_id, cmd.vacancy_id)
    proposal.status, proposal.updated_at = ProposalStatus.ACCEPTED, datetime.now(UTC)
    tx.session.add(proposal)
    return vacancy_id


async def _take_position(tx: Transaction, vacancy_id: UUID, cmd: RecordHire) -> None:
    vacancy = await tx.session.get(VacancyRow, vacancy_id)
    if vacancy is None:
        raise RuleViolation("vacancy_id", "no such vacancy")
    check_hire_fills(to_hired_into(vacancy), cmd.employer_id, cmd.apprenticeship)
    # Atomic, so two concurrent hires cannot both take the last position.
    taken = await tx.session.execute(
        update(VacancyRow)
        .where(col(VacancyRow.vacancy_id) == vacancy_id, col(VacancyRow.open_positions) > 0)
        .values(open_positions=col(VacancyRow.open_positions) - 1)
        .execution_options(synchronize_session="fetch")
    )
    if not taken.rowcount:  # type: ignore[attr-defined]
        raise RuleViolation("vacancy_id", "the vacancy has no open positions")


async def _close_search(tx: Transaction, client_id: UUID) -> None:
    search = await open_search(tx, client_id)
    if search is not None:
        search.status, search.closed_at, search.closed_reason = SearchStatus.CLOSED, datetime.now(UTC), "hired"
        tx.session.add(search)


async def get_employment(tx: Transaction, employment_id: UUID, by: StaffUser) -> Employment:
    employment, office_id = await employment_for(tx, employment_id, by)
    return to_employment(employment, office_id)


async def list_employments(
    tx: Transaction, client_id: UUID, by: StaffUser, after: UUID | None, limit: int
) -> list[Employment]:
    """A client's employments, by id: as a rule one, more after a job ended and another began."""
    office_id = await office_of(tx, client_id)
    if office_id is not None:  # unknown until the registration arrives
        by.require_office(office_id)
    query = (
        select(EmploymentRow)
        .where(col(EmploymentRow.client_id) == client_id)
        .order_by(col(EmploymentRow.employment_id))
        .limit(limit)
    )
    if after is not None:
        query = query.where(col(EmploymentRow.employment_id) > after)
    return [to_employment(r, office_id) for r in await tx.session.scalars(query)]


async def end_employment(tx: Transaction, employment_id: UUID, cmd: EndEmployment, by: StaffUser) -> Employment:
    """Emits `employment_ended.v1`; open checks for months after the end become ended. 409 if already ended."""
    employment, office_id = await employment_for(tx, employment_id, by, for_update=True)
    last_confirmed = await tx.session.scalar(
        select(func.max(ContinuationCheckRow.month)).where(
            col(ContinuationCheckRow.employment_id) == employment_id,
            col(ContinuationCheckRow.status) == CheckStatus.CONFIRMED,
        )
    )
    check_end(employment.start_date, employment.end_date, cmd.end_date, last_confirmed)
    employment.end_date, employment.end_reason, employment.ended_at = cmd.end_date, cmd.reason, datetime.now(UTC)
    tx.session.add(employment)
    await tx.session.execute(
        update(ContinuationCheckRow)
        .where(
            col(ContinuationCheckRow.employment_id) == employment_id,
            col(ContinuationCheckRow.status) == CheckStatus.OPEN,
            col(ContinuationCheckRow.month) > cmd.end_date,
        )
        .values(status=CheckStatus.ENDED)
        .execution_options(synchronize_session="fetch")
    )
    await tx.publish(
        EmploymentEndedV1(
            client_id=employment.client_id, employment_id=employment_id, end_date=cmd.end_date, reason=cmd.reason
        )
    )
    return to_employment(employment, office_id)

"""Savings per employment start: recorded with the decision it caused, reported by client, office, programme and
month (seed 003)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy import or_, select, update
from sqlmodel import col

from contracts.events import CaseAssignedV1
from services.benefits.domain.employments import months_between
from services.benefits.domain.savings import GroupBy, Saving, SavingsReport, savings_report, total
from services.benefits.tables import ClientProgramRow, EarnedIncomeRow, SavingRow
from services.benefits.use_cases.decisions import Outcome
from services.benefits.use_cases.household_facts import HouseholdFacts
from services.platform.auth.staff import StaffUser
from services.platform.errors import RuleViolation
from services.platform.unit_of_work import Transaction

MAX_MONTHS = 120


async def record_program(tx: Transaction, event: CaseAssignedV1) -> None:
    """The client's programme (coaching); savings recorded before it was known are attributed now."""
    row = await tx.session.get(ClientProgramRow, event.client_id)
    if row is None:
        tx.session.add(
            ClientProgramRow(client_id=event.client_id, program_id=event.program_id, office_id=event.office_id)
        )
    elif event.program_id is not None:  # a new case worker alone does not change the programme
        row.program_id, row.office_id = event.program_id, event.office_id
    if event.program_id is not None:
        await tx.session.execute(
            update(SavingRow)
            .where(
                col(SavingRow.client_id) == event.client_id,
                col(SavingRow.program_id).is_(None),
            )
            .values(program_id=event.program_id)
        )


async def record_saving(tx: Transaction, facts: HouseholdFacts, income: EarnedIncomeRow, outcome: Outcome) -> None:
    program = await tx.session.get(ClientProgramRow, income.client_id)
    tx.session.add(
        SavingRow(
            employment_id=income.employment_id,
            client_id=income.client_id,
            household_id=facts.household_id,
            office_id=facts.office_id,
            program_id=program.program_id if program else None,
            month=outcome.month,
            monthly_before=outcome.before,
            monthly_after=outcome.after,
            decision_id=outcome.decision.decision_id if outcome.decision else None,
        )
    )


async def close_saving(tx: Transaction, employment_id: UUID, last_month: date) -> None:
    saving = await tx.session.get(SavingRow, employment_id)
    if saving is not None:
        saving.end_month = last_month


def _saving(row: SavingRow) -> Saving:
    return Saving(
        row.employment_id,
        row.client_id,
        row.office_id,
        row.program_id,
        row.month,
        row.end_month,
        row.monthly_before,
        row.monthly_after,
    )


async def savings_in(tx: Transaction, group_by: GroupBy, first: date, last: date, by: StaffUser) -> SavingsReport:
    first, last = first.replace(day=1), last.replace(day=1)
    if last < first:
        raise RuleViolation("to", "lies before from")
    if months_between(first, last) >= MAX_MONTHS:
        raise RuleViolation("to", f"a report covers at most {MAX_MONTHS} months")
    query = select(SavingRow).where(
        col(SavingRow.month) <= last, or_(col(SavingRow.end_month).is_(None), col(SavingRow.end_month) >= first)
    )
    if (offices := by.visible_offices()) is not None:
        query = query.where(col(SavingRow.office_id).in_(sorted(offices)))
    rows = [_saving(row) for row in (await tx.session.scalars(query)).all()]
    return SavingsReport(group_by, first, last, savings_report(rows, group_by, first, last), total(rows, first, last))

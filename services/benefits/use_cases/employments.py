"""Placement's employment facts: record the pay, then recompute the household and decide if it changed.

Each effect runs once per event (inbox) in one transaction with the decision, the payment roll and
the announcement; opening the entered household and sealing the decision are audited as the event's.
Facts for a household whose inputs were never entered are recorded only.
"""

from __future__ import annotations

import logging
from datetime import date
from uuid import UUID

from contracts.events import EmploymentConfirmedV1, EmploymentEndedV1, EmploymentStartedV1
from services.benefits.domain.approval import add_months
from services.benefits.domain.decisions import AUTOMATIC, Cause
from services.benefits.tables import ConfirmedPayRow, EarnedIncomeRow, HouseholdMemberRow
from services.benefits.use_cases import savings
from services.benefits.use_cases.decisions import Outcome, Trigger, decide_automatically
from services.benefits.use_cases.household_facts import load_facts
from services.benefits.use_cases.special_categories import Sealing
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction

log = logging.getLogger(__name__)


async def _household_of(tx: Transaction, income: EarnedIncomeRow) -> UUID | None:
    if income.household_id is not None:
        return income.household_id
    member = await tx.session.get(HouseholdMemberRow, income.client_id)
    return None if member is None else member.household_id


async def _recompute(
    tx: Transaction, income: EarnedIncomeRow, cause: Cause, month: date, decided_on: date, sealing: Sealing
) -> Outcome | None:
    household_id = await _household_of(tx, income)
    if household_id is None:
        log.info("employment %s: client %s is in no known household yet", income.employment_id, income.client_id)
        return None
    await tx.session.flush()
    facts = await load_facts(tx, household_id, lock=True, sealing=sealing)
    if facts is None:
        return None
    outcome = await decide_automatically(
        tx, facts, Trigger(cause, month, decided_on, AUTOMATIC, income.employment_id), sealing
    )
    if outcome is not None and cause is Cause.EMPLOYMENT_STARTED:
        await savings.record_saving(tx, facts, income, outcome)
    return outcome


async def apply_employment_start(tx: Transaction, event: EmploymentStartedV1, vault: SpecialCategories) -> None:
    """Pay counts from the month the first pay flows in (§ 11 Abs. 2), net of the § 11b allowance."""
    if await tx.session.get(EarnedIncomeRow, event.employment_id) is not None:
        return  # the same employment announced again under another event id
    member = await tx.session.get(HouseholdMemberRow, event.client_id)
    income = EarnedIncomeRow(
        employment_id=event.employment_id,
        client_id=event.client_id,
        household_id=member.household_id if member else None,
        gross_monthly_pay=event.gross_monthly_pay,
        net_monthly_pay=event.net_monthly_pay,
        first_inflow=event.first_pay_date,
        started_on=event.start_date,
        apprenticeship=event.apprenticeship,
    )
    tx.session.add(income)
    employment = income.employment()
    await _recompute(
        tx,
        income,
        Cause.EMPLOYMENT_STARTED,
        employment.first_inflow,
        event.start_date,
        Sealing.for_event(vault, event.type),
    )


async def apply_employment_end(tx: Transaction, event: EmploymentEndedV1, vault: SpecialCategories) -> None:
    """The pay for the last month worked still flows; from the month after that it stops."""
    income = await tx.session.get(EarnedIncomeRow, event.employment_id)
    if income is None or income.ended_on is not None:
        log.warning("employment %s: end ignored (unknown or already ended)", event.employment_id)
        return
    last_inflow = income.employment().last_inflow_after_end(event.end_date)
    income.ended_on, income.last_inflow = event.end_date, last_inflow
    await savings.close_saving(tx, event.employment_id, last_inflow)
    await _recompute(
        tx,
        income,
        Cause.EMPLOYMENT_ENDED,
        add_months(last_inflow, 1),
        event.end_date,
        Sealing.for_event(vault, event.type),
    )


async def apply_confirmed_pay(tx: Transaction, event: EmploymentConfirmedV1, vault: SpecialCategories) -> None:
    """The actual pay of a month worked replaces the expected pay from its inflow month on."""
    income = await tx.session.get(EarnedIncomeRow, event.employment_id)
    if income is None:
        log.warning("employment %s: confirmation for an unknown employment ignored", event.employment_id)
        return
    inflow = income.employment().inflow_of(event.month)
    if await tx.session.get(ConfirmedPayRow, (event.employment_id, inflow)) is not None:
        return  # confirmed once; placement refuses different figures for the same month
    tx.session.add(
        ConfirmedPayRow(
            employment_id=event.employment_id,
            inflow_month=inflow,
            worked_month=event.month,
            gross_pay=event.gross_pay,
            net_pay=event.net_pay,
        )
    )
    await _recompute(
        tx, income, Cause.EMPLOYMENT_CONFIRMED, inflow, add_months(event.month, 1), Sealing.for_event(vault, event.type)
    )

"""Decisions pending for want of figures, made by the service itself once the rule tables have them: at
start-up, after loading the tables. Recorded by `decisions.decide_automatically` for placement's facts, and for
a clerk's entry by `households.enter_household` (the entry is kept; the newest entry's inputs are decided, the
kept month and every later change month of the entry, as for an entry decided at once).

Each pending decision is re-decided in its own transaction that also deletes its record, so it is made once,
however often the service starts and however many instances start together (the record is locked).
"""

from __future__ import annotations

import logging
from datetime import date
from uuid import UUID

from sqlalchemy import delete, select
from sqlmodel import col

from services.benefits.domain import BenefitsError, NoRuleForDate
from services.benefits.domain.decisions import CAUSE_REASONS, Cause
from services.benefits.domain.views import PendingDecision
from services.benefits.tables import EarnedIncomeRow, PendingDecisionRow
from services.benefits.use_cases import savings
from services.benefits.use_cases.decisions import Outcome, Trigger, decide
from services.benefits.use_cases.household_facts import HouseholdFacts, load_facts
from services.benefits.use_cases.later_changes import Entry, decide_later_changes
from services.benefits.use_cases.special_categories import AUTOMATIC_USER, Sealing
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction, UnitOfWork

log = logging.getLogger(__name__)

PURPOSE = "pending decision, re-decided with the loaded rule tables"


async def decide_pending(uow: UnitOfWork, vault: SpecialCategories) -> int:
    """Make every recorded pending decision the loaded tables now allow, oldest first; how many were made."""
    async with uow.transaction() as tx:
        query = select(col(PendingDecisionRow.pending_id)).order_by(col(PendingDecisionRow.recorded_at))
        pending = (await tx.session.scalars(query)).all()
    decided = 0
    for pending_id in pending:
        async with uow.transaction() as tx:
            decided += await _decide_one(tx, pending_id, Sealing(vault, AUTOMATIC_USER, PURPOSE, automatic=True))
    if pending:
        log.info("%d of %d pending decision(s) decided with the loaded rule tables", decided, len(pending))
    return decided


async def waiting(tx: Transaction, household_id: UUID) -> list[PendingDecision]:
    """For the household view: what the service has not decided yet for want of figures, oldest first."""
    query = (
        select(PendingDecisionRow)
        .where(col(PendingDecisionRow.household_id) == household_id)
        .order_by(col(PendingDecisionRow.recorded_at))
    )
    return [row.pending() for row in (await tx.session.scalars(query)).all()]


def waiting_note(pending: PendingDecision) -> str:
    return (
        f"Not decided yet from {pending.month:%Y-%m} ({CAUSE_REASONS[Cause(pending.cause)]}): the rule tables have "
        f"no '{pending.missing_rule}' for {pending.missing_on:%Y-%m}. It is decided automatically once they are added."
    )


async def supersede_entries(tx: Transaction, household_id: UUID) -> None:
    """A clerk's new entry replaces the inputs an earlier one left pending: the newest inputs are decided, once."""
    await tx.session.execute(
        delete(PendingDecisionRow).where(
            col(PendingDecisionRow.household_id) == household_id,
            col(PendingDecisionRow.cause) == Cause.HOUSEHOLD_CHANGE.value,
        )
    )


async def _decide_one(tx: Transaction, pending_id: UUID, sealing: Sealing) -> bool:
    row = await tx.session.get(PendingDecisionRow, pending_id, with_for_update=True)
    if row is None:
        return False  # another instance decided it meanwhile
    facts = await load_facts(tx, row.household_id, lock=True, sealing=sealing)
    trigger = Trigger(Cause(row.cause), row.month, row.decided_on, row.decided_by, row.employment_id)
    if facts is None or facts.inputs is None:
        await tx.session.delete(row)
        return False
    try:
        outcome = await decide(tx, facts, trigger, sealing)
    except NoRuleForDate as exc:  # still waiting, perhaps for another table now
        row.missing_rule, row.missing_on = exc.rule, exc.on
        return False
    except BenefitsError as exc:  # the figures are there; the facts cannot be decided (as for a fresh event)
        log.warning("household %s: pending %s not decided: %s", row.household_id, row.cause, exc)
        await tx.session.delete(row)
        return False
    await tx.session.delete(row)
    await _record_saving(tx, facts, trigger, outcome)
    if trigger.cause is Cause.HOUSEHOLD_CHANGE:
        await _decide_later_months(
            tx, Entry(facts.household_id, facts.inputs, trigger.decided_on, trigger.decided_by), trigger.month, sealing
        )
    return True


async def _decide_later_months(tx: Transaction, entry: Entry, after: date, sealing: Sealing) -> None:
    """The entry's months after the one kept, in the same transaction (so once), as for the clerk's own entry.

    The service decides for every office: the facts are loaded without the clerk's office check."""

    async def as_the_service() -> HouseholdFacts | None:
        return await load_facts(tx, entry.household_id)

    await decide_later_changes(tx, entry, after, as_the_service, sealing)


async def _record_saving(tx: Transaction, facts: HouseholdFacts, trigger: Trigger, outcome: Outcome) -> None:
    """As for an employment start decided on arrival (savings by programme, seed 003)."""
    if trigger.cause is not Cause.EMPLOYMENT_STARTED or trigger.employment_id is None:
        return
    income = await tx.session.get(EarnedIncomeRow, trigger.employment_id)
    if income is not None:
        await savings.record_saving(tx, facts, income, outcome)

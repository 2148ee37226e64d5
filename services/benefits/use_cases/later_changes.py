"""The later months of one household entry: income entered to start or stop in a later month of the approval
period changes the amount from then on. Decided with the entry (the clerk's request) and, for an entry kept for
want of figures, by the service itself once the tables have them: the same decisions either way."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date
from uuid import UUID

from services.benefits.domain import BenefitsError, NoRuleForDate
from services.benefits.domain.decisions import Cause
from services.benefits.domain.entered_incomes import change_months
from services.benefits.domain.households import EnteredHousehold
from services.benefits.use_cases.decisions import Trigger, decide, record_pending
from services.benefits.use_cases.household_facts import HouseholdFacts
from services.benefits.use_cases.special_categories import Sealing
from services.platform.unit_of_work import Transaction

log = logging.getLogger(__name__)

FactsNow = Callable[[], Awaitable[HouseholdFacts | None]]  # reloaded per month: each decision moves `latest` on


@dataclass(frozen=True)
class Entry:
    """One entry's inputs, the month they were entered for (the decisions' business date) and who entered them."""

    household_id: UUID
    inputs: EnteredHousehold
    month: date
    entered_by: str


async def decide_later_changes(
    tx: Transaction, entry: Entry, after: date, facts_now: FactsNow, sealing: Sealing
) -> None:
    """Decide each change month of `entry` after `after` inside the approval period in force, as placement's
    announced jobs are (a change keeps the period; a new period needs a grant). A month without figures is
    recorded as pending and ends the run: the months after it follow when it is decided.

    `facts_now` loads the household as the caller may see it (the clerk: for their office only)."""
    incomes = [income for member in entry.inputs.members for income in member.incomes]
    for month in change_months(incomes, after):
        loaded = await facts_now()
        if loaded is None:
            return
        facts = replace(loaded, inputs=entry.inputs)
        if facts.in_force is None or not facts.in_force.covers(month):
            return
        trigger = Trigger(Cause.HOUSEHOLD_CHANGE, month, entry.month, entry.entered_by)
        try:
            await decide(tx, facts, trigger, sealing)
        except NoRuleForDate as exc:  # the inputs stay; that month is decided once its figures are loaded
            record_pending(tx, entry.household_id, trigger, exc)
            return
        except BenefitsError as exc:
            log.warning("household %s: no decision for %s: %s", entry.household_id, f"{month:%Y-%m}", exc)
            return

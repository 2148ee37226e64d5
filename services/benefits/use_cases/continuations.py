"""A continuation application (Weiterbewilligungsantrag, § 37 Abs. 1, § 41 Abs. 3 SGB II): the household is
computed for the first month of its next approval period, with the inputs as entered (unchanged) or the ones the
application brings, and granted for that period as a decision of its own (cause `continuation`), announced as
`entitlement_granted.v1` — in the caller's transaction, like every other decision. The decision row is the record
of the application: a second application for the same period finds it and is refused (already continued).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from services.benefits.domain import BenefitsError, NoRuleForDate
from services.benefits.domain.continuation import ContinuationApplication, first_month_of_next_period
from services.benefits.domain.decisions import CAUSE_REASONS, Cause
from services.benefits.domain.households import EnteredHousehold, check_inputs
from services.benefits.domain.snapshots import entered_json
from services.benefits.domain.views import Decision
from services.benefits.tables import HOUSEHOLD_INPUTS
from services.benefits.use_cases.decisions import Trigger, decide
from services.benefits.use_cases.household_facts import HouseholdFacts, visible_facts
from services.benefits.use_cases.later_changes import Entry, decide_later_changes
from services.benefits.use_cases.special_categories import Sealing
from services.platform.errors import RuleViolation
from services.platform.unit_of_work import Transaction


@dataclass(frozen=True)
class ContinuationAnswer:
    """The grant of the next period, or None with the reason when the household is no longer in need."""

    first_month: date
    decision: Decision | None
    reason: str


async def apply_for_continuation(
    tx: Transaction, application: ContinuationApplication, today: date, sealing: Sealing
) -> ContinuationAnswer:
    """Decide the next approval period. The stored inputs are opened (an audited read) when they are unchanged."""
    opening = sealing if application.household is None else None
    facts = await visible_facts(tx, application.household_id, sealing.user, lock=True, sealing=opening)
    month = first_month_of_next_period(facts.in_force, application.applied_on, today)
    inputs = _inputs(facts, application, month)
    if application.household is not None:
        await _store_inputs(tx, facts, inputs, month, sealing)
    trigger = Trigger(Cause.CONTINUATION, month, application.applied_on, sealing.user.staff_id)
    try:
        outcome = await decide(tx, replace(facts, inputs=inputs), trigger, sealing)
    except NoRuleForDate as exc:
        raise RuleViolation("applied_on", f"the next period from {month:%Y-%m} cannot be computed yet: {exc}") from exc
    except BenefitsError as exc:
        raise RuleViolation("household", str(exc)) from exc
    if outcome.decision is None:
        return ContinuationAnswer(month, None, _refusal(outcome.result.assets_exceed))
    await _decide_later_changes(tx, application, inputs, month, sealing)
    return ContinuationAnswer(month, outcome.decision.decision(), CAUSE_REASONS[Cause.CONTINUATION])


def _refusal(assets_exceed: bool) -> str:
    if assets_exceed:
        return "no continuation: assets exceed the allowances (§ 9 Abs. 1, § 12 SGB II)"
    return "no continuation: income covers the need in the first month of the next period (§ 9 Abs. 1, § 19 Abs. 3)"


def _inputs(facts: HouseholdFacts, application: ContinuationApplication, month: date) -> EnteredHousehold:
    """The application's inputs, or the entered ones if they still describe the household in `month`."""
    if application.household is not None:
        if any(income.back_payment for member in application.household.members for income in member.incomes):
            raise RuleViolation("household", "a back payment is decided with PUT /households/{household_id}")
        check_inputs(application.household, facts.client_ids, month, prefix="household.")
        return application.household
    if facts.inputs is None:
        raise RuleViolation("household", "the entered inputs cannot be read here: give them with the application")
    try:
        check_inputs(facts.inputs, facts.client_ids, month)
    except RuleViolation as exc:
        raise RuleViolation(
            "household", f"the entered household does not hold in {month:%Y-%m}: give the changed inputs ({exc})"
        ) from exc
    return facts.inputs


async def _store_inputs(
    tx: Transaction, facts: HouseholdFacts, inputs: EnteredHousehold, month: date, sealing: Sealing
) -> None:
    """Changed inputs apply from the next period's first month on (sealed, as a clerk's entry is)."""
    row = facts.row
    assert row is not None, "a household with a grant has entered inputs"
    sealed = await sealing.seal(tx, facts.subjects, HOUSEHOLD_INPUTS, facts.household_id, entered_json(inputs))
    row.sealed_inputs = sealed
    row.inputs_month, row.entered_at, row.entered_by = month, datetime.now(UTC), sealing.user.staff_id
    tx.session.add(row)


async def _decide_later_changes(
    tx: Transaction, application: ContinuationApplication, inputs: EnteredHousehold, month: date, sealing: Sealing
) -> None:
    """Income entered to start or stop later in the new period changes its amount from then on, as after PUT."""

    async def as_the_clerk() -> HouseholdFacts:
        return await visible_facts(tx, application.household_id, sealing.user)

    entry = Entry(application.household_id, inputs, month, sealing.user.staff_id)
    await decide_later_changes(tx, entry, month, as_the_clerk, sealing)

"""Household use cases: membership from intake, inputs entered by a clerk, the household view, what-if."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import update
from sqlmodel import col

from contracts.events import ClientRegisteredV1
from services.benefits.deciding import Trigger, computation, decide
from services.benefits.decision_rules import Cause, DecisionKind
from services.benefits.decisions import current_entitlement_out, decision_out
from services.benefits.domain import BenefitsError, InvalidHousehold, NoRuleForDate
from services.benefits.domain.money import ZERO
from services.benefits.earnings import Pay, pays_by_client
from services.benefits.household_inputs import check_inputs, member_client_ids
from services.benefits.household_state import HouseholdFacts, load_facts
from services.benefits.responses import EarnedIncomeOut, HouseholdOut, HouseholdPutOut, WhatIfOut
from services.benefits.schemas import HouseholdIn, HouseholdInputs, WhatIfIn
from services.benefits.snapshots import computation_out
from services.benefits.tables import EarnedIncomeRow, HouseholdMemberRow, HouseholdRow
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, NotPermitted, RuleViolation
from services.platform.unit_of_work import Transaction


async def add_household_member(tx: Transaction, event: ClientRegisteredV1) -> None:
    """A registered client belongs to the household intake named; pay recorded before that now counts there."""
    member = await tx.session.get(HouseholdMemberRow, event.client_id)
    if member is None:
        tx.session.add(HouseholdMemberRow(client_id=event.client_id, household_id=event.household_id,
                                          office_id=event.office_id))
    else:
        member.household_id, member.office_id = event.household_id, event.office_id
    await tx.session.execute(update(EarnedIncomeRow).where(
        col(EarnedIncomeRow.client_id) == event.client_id, col(EarnedIncomeRow.household_id).is_(None),
    ).values(household_id=event.household_id))


async def visible_facts(tx: Transaction, household_id: UUID, by: StaffUser, *, lock: bool = False) -> HouseholdFacts:
    facts = await load_facts(tx, household_id, lock=lock)
    if facts is None:
        raise NotFound("household", household_id)
    if not by.may_act_for(facts.office_id):
        raise NotPermitted(f"not authorised for office '{facts.office_id}'")
    return facts


def _engine_failure(exc: BenefitsError) -> RuleViolation:
    if isinstance(exc, NoRuleForDate):
        return RuleViolation("month", f"cannot be computed: {exc}")
    if isinstance(exc, InvalidHousehold):
        return RuleViolation("members", str(exc))
    return RuleViolation("body", str(exc))


def _stored_inputs(facts: HouseholdFacts, body: HouseholdIn, by: StaffUser) -> HouseholdRow:
    inputs = HouseholdInputs.model_validate(body.model_dump(exclude={"month"})).model_dump(mode="json")
    entered: dict[str, Any] = {"office_id": facts.office_id, "inputs": inputs, "inputs_month": body.month,
               "entered_at": datetime.now(UTC), "entered_by": by.staff_id}
    if facts.row is None:
        return HouseholdRow(household_id=facts.household_id, **entered)
    for name, value in entered.items():
        setattr(facts.row, name, value)
    return facts.row


async def enter_household(tx: Transaction, household_id: UUID, body: HouseholdIn, by: StaffUser) -> HouseholdPutOut:
    """Store the clerk's inputs from `body.month` on and decide if the monthly amount changes."""
    facts = await visible_facts(tx, household_id, by, lock=True)
    check_inputs(body, facts.client_ids, body.month)
    if facts.latest is not None and body.month < facts.latest.effective_month:
        raise RuleViolation("month", f"lies before {facts.latest.effective_month:%Y-%m}, "
                                     "the effective month of the latest decision")
    row = _stored_inputs(facts, body, by)
    tx.session.add(row)
    try:
        outcome = await decide(tx, replace(facts, row=row),
                               Trigger(Cause.HOUSEHOLD_CHANGE, body.month, body.month, by.staff_id))
    except BenefitsError as exc:
        raise _engine_failure(exc) from exc
    view = await household_view(tx, household_id, by)
    decision = None if outcome.decision is None else decision_out(outcome.decision)
    return HouseholdPutOut(decision=decision, computation=computation_out(outcome.result), household=view)


def _notes(facts: HouseholdFacts) -> list[str]:
    inputs = facts.inputs
    if inputs is None:
        recorded = f" Earned income of {len(facts.incomes)} employment(s) is recorded." if facts.incomes else ""
        return [f"The household's inputs were never entered: no entitlement was computed or decided.{recorded}"]
    entered = member_client_ids(inputs)
    notes = [f"Registered client {client_id} is not among the entered members: their pay is not counted."
             for client_id in facts.client_ids if client_id not in entered]
    if facts.latest is not None and facts.latest.kind == DecisionKind.END.value:
        because = "income covers the need" if facts.latest.income_covers_need else "the entitlement ended"
        notes.append(f"No entitlement from {facts.latest.effective_month:%Y-%m} ({because}): "
                     "a new grant needs a new application, entered here.")
    return notes


async def household_view(tx: Transaction, household_id: UUID, by: StaffUser) -> HouseholdOut:
    facts = await visible_facts(tx, household_id, by)
    return HouseholdOut(
        household_id=household_id, office_id=facts.office_id, member_client_ids=list(facts.client_ids),
        inputs=facts.inputs, inputs_month=facts.row.inputs_month if facts.row else None,
        earned_incomes=[EarnedIncomeOut.model_validate(i, from_attributes=True) for i in facts.incomes],
        current_entitlement=current_entitlement_out(facts.latest) if facts.latest else None,
        notes=_notes(facts),
    )


def _what_if_inputs(facts: HouseholdFacts, body: WhatIfIn) -> HouseholdInputs:
    if body.household is not None:
        check_inputs(body.household, facts.client_ids, body.month, prefix="household.")
        return body.household
    if facts.inputs is None:
        raise RuleViolation("household", "this household's inputs were never entered: give them here")
    try:
        check_inputs(facts.inputs, facts.client_ids, body.month)
    except RuleViolation as exc:
        raise RuleViolation("month", f"the entered household does not hold in {body.month:%Y-%m}: {exc}") from exc
    return facts.inputs


def _what_if_pays(facts: HouseholdFacts, body: WhatIfIn, inputs: HouseholdInputs) -> dict[UUID, list[Pay]]:
    pays = pays_by_client(facts.employments, body.month) if body.include_recorded_income else {}
    members = member_client_ids(inputs)
    named: dict[UUID, list[Pay]] = {}
    for position, income in enumerate(body.earned_incomes):
        if income.client_id not in members:
            raise RuleViolation(f"earned_incomes.{position}.client_id", "is not a member of the household")
        named.setdefault(income.client_id, []).append(Pay(income.gross, income.net, income.apprenticeship))
    return pays | named


async def what_if(tx: Transaction, household_id: UUID, body: WhatIfIn, by: StaffUser) -> WhatIfOut:
    """The full computation for a month under assumed pay; nothing is stored."""
    facts = await visible_facts(tx, household_id, by)
    inputs = _what_if_inputs(facts, body)
    try:
        _, result = computation(inputs, facts, body.month, _what_if_pays(facts, body, inputs))
    except BenefitsError as exc:
        raise _engine_failure(exc) from exc
    current = facts.in_force.amount_in(body.month) if facts.in_force else ZERO
    return WhatIfOut(computation=computation_out(result), current_monthly_amount=current,
                     difference=result.payment - current)

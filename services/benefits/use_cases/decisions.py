"""Decisions: compute a household's entitlement and, when the amount changes, decide — store the decision,
update the payment roll and announce it, all in the caller's transaction (the event leaves through the
outbox); and read them back.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert, select
from sqlmodel import col

from contracts.events import EntitlementChangedV1, EntitlementEndedV1, EntitlementGrantedV1, Event, MemberShareV1
from services.benefits.domain import BenefitsError, EntitlementResult, Household, NoRuleForDate, compute_entitlement
from services.benefits.domain.decisions import (
    APPLICATIONS,
    Cause,
    DecisionKind,
    Plan,
    decided_months,
    plan_decision,
    reason,
    settle,
    settlement_months,
)
from services.benefits.domain.employments import Pay, first_pay_months, pays_by_client
from services.benefits.domain.households import EnteredHousehold, engine_household
from services.benefits.domain.money import ZERO
from services.benefits.domain.reduced_entitlement import Reduction, reduce_entitlement
from services.benefits.domain.snapshots import (
    Json,
    inputs_json,
    recompute,
    result_json,
    same_result,
    settlement_json,
)
from services.benefits.domain.views import Decision
from services.benefits.tables import (
    DECISION_COMPUTATION,
    ENTITLEMENT_MONTHS,
    DecisionRow,
    HouseholdMemberRow,
    PendingDecisionRow,
)
from services.benefits.use_cases.household_facts import HouseholdFacts, with_latest_decision
from services.benefits.use_cases.special_categories import DataSubjects, Sealing, subjects_of
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Trigger:
    cause: Cause
    month: date  # the first month the new facts affect
    decided_on: date  # the business date of the decision: months up to it were paid in advance
    decided_by: str
    employment_id: UUID | None = None


@dataclass(frozen=True)
class Outcome:
    month: date
    result: EntitlementResult
    decision: DecisionRow | None  # None: nothing changed
    before: Decimal  # the monthly amount in force for `month` before this decision

    @property
    def after(self) -> Decimal:
        return self.before if self.decision is None else self.decision.new_amount


def computation(
    inputs: EnteredHousehold,
    facts: HouseholdFacts,
    month: date,
    pays: Mapping[UUID, Sequence[Pay]] | None = None,
    placement_since: Mapping[UUID, date] | None = None,
) -> tuple[Household, EntitlementResult]:
    """The engine's household and result for `month` (raises the engine's BenefitsError).

    § 12 is that of the approval period in force for the month, or of the new one a grant opens with it."""
    paid = pays_by_client(facts.employments, month) if pays is None else pays
    in_force = facts.in_force
    household = engine_household(
        inputs,
        month,
        paid,
        facts.first_grant_month,
        approval_period_start=in_force.period.start if in_force and in_force.covers(month) else None,
        placement_since=first_pay_months(facts.employments) if placement_since is None else placement_since,
    )
    return household, reduce_entitlement(compute_entitlement(household, month), facts.reductions)


async def decide(tx: Transaction, facts: HouseholdFacts, trigger: Trigger, sealing: Sealing) -> Outcome:
    """Recompute from the entered inputs and the pay that flows; a decision only if the amount changes.

    The decision's computation (the engine's household and result) is sealed: it names a disability. The latest
    decision is read again, so a decision made earlier in the same transaction is the one this one follows."""
    facts = await with_latest_decision(tx, facts)
    inputs = facts.inputs
    assert inputs is not None, "decide() needs entered inputs"
    month = facts.decision_month(trigger.month)
    household, result = computation(inputs, facts, month)
    in_force = facts.in_force
    before = in_force.amount_in(month) if in_force else ZERO
    plan = plan_decision(in_force, result, inputs.provisional, may_grant=trigger.cause in APPLICATIONS)
    if plan is None:
        return Outcome(month, result, None, before)
    entitlements = {
        m: computation(inputs, facts, m)[1].entitlement for m in settlement_months(plan, month, trigger.decided_on)
    }
    settlement = settle(plan, entitlements, trigger.decided_on)
    row = _decision_row(facts, trigger, plan, result, inputs.provisional)
    row.sealed_computation = await sealing.seal(
        tx,
        facts.subjects,
        DECISION_COMPUTATION,
        row.decision_id,
        stored_computation(household, result, facts.reductions),
    )
    row.settlement = None if settlement is None else settlement_json(settlement)
    tx.session.add(row)
    await _update_roll(tx, row)
    await tx.publish(_announcement(row, plan, trigger, result, facts.client_ids))
    return Outcome(month, result, row, before)


async def decide_automatically(
    tx: Transaction, facts: HouseholdFacts, trigger: Trigger, sealing: Sealing
) -> Outcome | None:
    """For consumers: None when the inputs were never entered or the engine cannot compute the month; a month
    without figures is recorded as pending (`pending_decisions`)."""
    if facts.inputs is None:
        log.info(
            "household %s: inputs never entered, %s recorded without a decision",
            facts.household_id,
            trigger.cause.value,
        )
        return None
    try:
        return await decide(tx, facts, trigger, sealing)
    except NoRuleForDate as exc:  # the facts stay recorded; decided once the month's figures are loaded
        log.warning("household %s: %s pending: %s", facts.household_id, trigger.cause.value, exc)
        record_pending(tx, facts.household_id, trigger, exc)
        return None
    except BenefitsError as exc:
        log.warning("household %s: no decision for %s: %s", facts.household_id, trigger.cause.value, exc)
        return None


def record_pending(tx: Transaction, household_id: UUID, trigger: Trigger, missing: NoRuleForDate) -> PendingDecisionRow:
    """What could not be decided for want of figures: decided at the first start whose tables have them."""
    row = PendingDecisionRow(
        pending_id=new_id(),
        household_id=household_id,
        cause=trigger.cause.value,
        month=trigger.month,
        decided_on=trigger.decided_on,
        decided_by=trigger.decided_by,
        employment_id=trigger.employment_id,
        missing_rule=missing.rule,
        missing_on=missing.on,
        recorded_at=datetime.now(UTC),
    )
    tx.session.add(row)
    return row


def stored_computation(household: Household, result: EntitlementResult, reductions: Sequence[Reduction] = ()) -> Json:
    """What a decision seals: exactly what the engine was given, and what it answered."""
    return {"inputs": inputs_json(household, result.month, reductions), "result": result_json(result)}


def _decision_row(
    facts: HouseholdFacts, trigger: Trigger, plan: Plan, result: EntitlementResult, provisional: bool
) -> DecisionRow:
    return DecisionRow(
        decision_id=new_id(),
        household_id=facts.household_id,
        sequence=facts.next_sequence,
        office_id=facts.office_id,
        kind=plan.kind.value,
        cause=trigger.cause.value,
        employment_id=trigger.employment_id,
        computed_for=result.month,
        effective_month=result.month,
        decided_on=trigger.decided_on,
        previous_amount=plan.previous_amount,
        new_amount=result.payment,
        entitlement=result.entitlement,
        income_covers_need=result.income_covers_need,
        provisional=_provisional(facts, plan, provisional),
        period_start=plan.period.start,
        period_end=plan.period.end,
        period_months=plan.period.months,
        period_paragraph=plan.period.paragraph,
        period_reason=plan.period.reason,
        sealed_computation="",
        settlement=None,
        supersedes=facts.latest.decision_id if facts.latest else None,
        decided_by=trigger.decided_by,
        created_at=datetime.now(UTC),
    )


def _provisional(facts: HouseholdFacts, plan: Plan, entered: bool) -> bool:
    """A grant is provisional as entered (§ 41a); a change or end keeps what the changed decision was."""
    if plan.kind is DecisionKind.GRANT:
        return entered
    return facts.latest is not None and facts.latest.provisional


async def _update_roll(tx: Transaction, decision: DecisionRow) -> None:
    """The payment roll from the decision's effective month on follows the decision; the months before it keep what
    the decisions for them said (read by the monthly payment run, month by month)."""
    await tx.session.execute(
        delete(ENTITLEMENT_MONTHS).where(
            ENTITLEMENT_MONTHS.c.household_id == decision.household_id,
            ENTITLEMENT_MONTHS.c.month >= decision.effective_month,
        )
    )
    months = decided_months(DecisionKind(decision.kind), decision.effective_month, decision.period_end)
    if months:
        row = {
            "household_id": decision.household_id,
            "office_id": decision.office_id,
            "amount": decision.new_amount,
            "decision_id": decision.decision_id,
        }
        await tx.session.execute(insert(ENTITLEMENT_MONTHS), [{**row, "month": month} for month in months])


def _announcement(
    row: DecisionRow, plan: Plan, trigger: Trigger, result: EntitlementResult, client_ids: Sequence[UUID]
) -> Event:
    common = {"household_id": row.household_id, "decision_id": row.decision_id, "client_ids": list(client_ids)}
    if plan.kind is DecisionKind.GRANT:
        return EntitlementGrantedV1(
            **common,
            period_start=plan.period.start,
            period_end=plan.period.end.replace(day=1),
            monthly_entitlement=row.new_amount,
            provisional=row.provisional,
            **_k1_split(result, client_ids),
        )
    because = {
        "effective_month": row.effective_month,
        "reason": reason(plan, trigger.cause, result),
        "employment_id": trigger.employment_id,
    }
    if plan.kind is DecisionKind.END:
        return EntitlementEndedV1(**common, **because, income_covers_need=result.income_covers_need)
    return EntitlementChangedV1(
        **common,
        **because,
        monthly_entitlement=row.new_amount,
        previous_monthly_entitlement=row.previous_amount,
        **_k1_split(result, client_ids),
    )


def _k1_split(result: EntitlementResult, client_ids: Sequence[UUID]) -> dict[str, Any]:
    """The entitlement split as K1 of the Kennzahlen-Verordnung needs it (§ 4): housing (§ 22) and the rest of
    the Lebensunterhalt (§§ 20, 21, 23); the Sofortzuschlag (§ 72) is in neither."""
    housing = sum((person.housing_part for person in result.persons), ZERO)
    return {
        "subsistence_amount": result.entitlement - housing,
        "housing_amount": housing,
        "member_shares": member_shares(result, client_ids),
    }


def member_shares(result: EntitlementResult, client_ids: Sequence[UUID]) -> list[MemberShareV1]:
    """Each registered member's entitlement by need shares (§ 9 Abs. 2 S. 3), split as `_k1_split`, for K1 by sex
    and programme. The engine names a registered member by their client id (`households.person_id`); members
    entered without one are left out: reporting knows no sex or programme of theirs."""
    registered = {str(c): c for c in client_ids}
    return [
        MemberShareV1(
            client_id=registered[person.person_id],
            subsistence_amount=person.entitlement - person.housing_part,
            housing_amount=person.housing_part,
        )
        for person in result.persons
        if person.person_id in registered
    ]


@dataclass(frozen=True)
class DecisionView:
    row: DecisionRow
    computation: Json | None  # {"inputs", "result"} as sealed; None: not for this reader

    @property
    def recomputed_identically(self) -> bool | None:
        """Recomputing the stored inputs with today's rule tables gives the stored result."""
        if self.computation is None:
            return None
        try:
            return same_result(self.computation["result"], recompute(self.computation["inputs"]))
        except BenefitsError:
            return False


async def opened(tx: Transaction, row: DecisionRow, subjects: DataSubjects, sealing: Sealing) -> DecisionView:
    computation = await sealing.reveal(tx, subjects, DECISION_COMPUTATION, row.decision_id, row.sealed_computation)
    return DecisionView(row, computation)


async def _office_of(tx: Transaction, household_id: UUID) -> str | None:
    return (
        await tx.session.scalars(
            select(col(HouseholdMemberRow.office_id))
            .where(col(HouseholdMemberRow.household_id) == household_id)
            .limit(1)
        )
    ).first()


async def household_decisions(tx: Transaction, household_id: UUID, by: StaffUser) -> list[Decision]:
    """A household's decisions, oldest first (what is stored in clear)."""
    rows = (
        await tx.session.scalars(
            select(DecisionRow).where(col(DecisionRow.household_id) == household_id).order_by(col(DecisionRow.sequence))
        )
    ).all()
    office = rows[0].office_id if rows else await _office_of(tx, household_id)
    if office is None:
        raise NotFound("household", household_id)
    by.require_office(office)
    return [row.decision() for row in rows]


async def one_decision(tx: Transaction, decision_id: UUID, sealing: Sealing) -> Decision:
    """One decision with its computation, opened for its readers (an audited read)."""
    row = await tx.session.get(DecisionRow, decision_id)
    if row is None:
        raise NotFound("decision", decision_id)
    sealing.user.require_office(row.office_id)
    view = await opened(tx, row, await subjects_of(tx, row.household_id, row.office_id), sealing)
    return row.decision(view.computation, view.recomputed_identically)

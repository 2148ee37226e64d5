"""Whether a new computation calls for a decision, and which: grant, change or end. No I/O.

A decision is made only when the monthly amount changes (or a household without an entitlement
in force becomes entitled). A change keeps the approval period of the decision it changes
(§ 48 SGB X); a grant opens a new one (§ 41 Abs. 3 SGB II).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from services.benefits.domain.approval import ApprovalPeriod, add_months, approval_period
from services.benefits.domain.change import ChangeDecision, change_decision
from services.benefits.domain.money import ZERO
from services.benefits.domain.result import EntitlementResult

AUTOMATIC = "benefits (automatic)"  # who decides on placement's facts, without a clerk


class DecisionKind(StrEnum):
    GRANT = "grant"
    CHANGE = "change"
    END = "end"


class Cause(StrEnum):
    HOUSEHOLD_CHANGE = "household_change"
    EMPLOYMENT_STARTED = "employment_started"
    EMPLOYMENT_ENDED = "employment_ended"
    EMPLOYMENT_CONFIRMED = "employment_confirmed"
    REDUCTION_DETERMINED = "reduction_determined"
    REDUCTION_LIFTED = "reduction_lifted"
    REDUCTION_ENDED = "reduction_ended"
    MOVED = "moved"  # the household moved to another district: its appropriate rent applies (§ 22 Abs. 1, 4)
    CONTINUATION = "continuation"  # a continuation application (Weiterbewilligungsantrag): the next period


CAUSE_REASONS = {
    Cause.HOUSEHOLD_CHANGE: "the household's inputs changed",
    Cause.EMPLOYMENT_STARTED: "employment started: earned income counts from its inflow month (§ 11 Abs. 2, § 11b)",
    Cause.EMPLOYMENT_ENDED: "employment ended: earned income stops after its last inflow month",
    Cause.EMPLOYMENT_CONFIRMED: "actual pay of a month confirmed (§ 11 Abs. 2)",
    Cause.REDUCTION_DETERMINED: "a reduction was determined after a hearing (§ 31b Abs. 1 S. 1, § 32 Abs. 2)",
    Cause.REDUCTION_LIFTED: "a reduction was lifted (§ 31a Abs. 1 S. 2, § 7b Abs. 4 S. 3)",
    Cause.REDUCTION_ENDED: "a reduction period ran out (§ 31b Abs. 2, § 32 Abs. 2 S. 2)",
    Cause.MOVED: "moved to another district: its appropriate rent counts from the month of the move "
    "(§ 22 Abs. 1 S. 1, Abs. 4 S. 2–3, § 41 Abs. 1 SGB II)",
    Cause.CONTINUATION: "continuation applied for: the next approval period from the month after the last one "
    "ends, or from the month of a late application (§ 37 Abs. 1, Abs. 2 S. 2, § 41 Abs. 3 SGB II)",
}
# Causes that are an application (§ 37 Abs. 1 SGB II): only they may open a new approval period.
APPLICATIONS = frozenset({Cause.HOUSEHOLD_CHANGE, Cause.CONTINUATION})
INCOME_COVERS_NEED = "income covers the need (§ 9 Abs. 1, § 19 Abs. 3 SGB II)"
ASSETS_EXCEED = "assets exceed the allowances: no entitlement until they are used up (§ 9 Abs. 1, § 12 SGB II)"


@dataclass(frozen=True)
class InForce:
    """What the latest decision set: paid monthly (§ 42) while active, within its approval period."""

    decision_id: UUID
    kind: DecisionKind
    monthly_amount: Decimal  # incl. the Sofortzuschlag
    entitlement: Decimal  # without the Sofortzuschlag, which is never recovered (§ 72 Abs. 2)
    period: ApprovalPeriod
    effective_month: date

    @property
    def active(self) -> bool:
        return self.kind is not DecisionKind.END

    def covers(self, month: date) -> bool:
        return self.active and self.period.start <= month <= self.period.end

    def amount_in(self, month: date) -> Decimal:
        return self.monthly_amount if self.covers(month) else ZERO


@dataclass(frozen=True)
class Plan:
    kind: DecisionKind
    period: ApprovalPeriod
    previous_amount: Decimal
    previous_entitlement: Decimal


def plan_decision(
    in_force: InForce | None, result: EntitlementResult, provisional: bool, may_grant: bool = True
) -> Plan | None:
    """None when nothing changes: same amount, or still nothing to pay.

    Without an entitlement in force only a clerk grants (`may_grant`): benefits need an application
    (§ 37 SGB II), so facts from placement alone never open a new approval period.
    """
    month = result.month
    if in_force is None or not in_force.covers(month):
        if result.payment == 0 or not may_grant:
            return None
        period = approval_period(month, provisional, result.housing_appropriate, first_month=month)
        return Plan(DecisionKind.GRANT, period, ZERO, ZERO)
    if result.payment == in_force.monthly_amount:
        return None
    kind = DecisionKind.END if result.payment == 0 else DecisionKind.CHANGE
    return Plan(kind, in_force.period, in_force.monthly_amount, in_force.entitlement)


def decided_months(kind: DecisionKind, effective_month: date, period_end: date) -> list[date]:
    """The months a decision sets the payment of: from its effective month to the end of its approval period; an
    end sets none (it ends them). Later months of the period are replaced by a later decision from its own month,
    earlier months keep what the decisions for them said: what is owed for M is what the decision in force for M
    says (a reduction determined in July reduces from August, § 31b Abs. 1 S. 1: July stays as decided)."""
    if kind is DecisionKind.END:
        return []
    months, month, last = [], effective_month, period_end.replace(day=1)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def settlement_months(plan: Plan, effective_month: date, decided_on: date) -> list[date]:
    """Months from the change that were already paid in advance when it is decided (§ 42 Abs. 1)."""
    if plan.kind is DecisionKind.GRANT:
        return []
    last = min(decided_on.replace(day=1), plan.period.end.replace(day=1))
    months, month = [], effective_month
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def settle(plan: Plan, new_entitlements: Mapping[date, Decimal], decided_on: date) -> ChangeDecision | None:
    """Back payment or recovery for the months already paid; below 50 EUR nothing is recovered."""
    if not new_entitlements:
        return None
    old = dict.fromkeys(new_entitlements, plan.previous_entitlement)
    return change_decision(old, new_entitlements, decided_on)


def reason(plan: Plan, cause: Cause, result: EntitlementResult) -> str:
    if plan.kind is DecisionKind.END and result.assets_exceed:
        return ASSETS_EXCEED
    if plan.kind is DecisionKind.END and result.income_covers_need:
        return INCOME_COVERS_NEED
    return CAUSE_REASONS[cause]

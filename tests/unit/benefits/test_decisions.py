"""Which decision a new computation calls for (§ 41 Abs. 3, § 40 Abs. 1 S. 3 SGB II, § 48 SGB X)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

from services.benefits.domain import EntitlementResult, approval_period, compute_entitlement
from services.benefits.domain.decisions import (
    Cause,
    DecisionKind,
    InForce,
    decided_months,
    plan_decision,
    reason,
    settle,
    settlement_months,
)

from .builders import JULY_2026, adult, eur, flat, household, pay

AUGUST_2026 = date(2026, 8, 1)


def result(*pays: tuple[int, int], month: date = AUGUST_2026, rent: int = 400) -> EntitlementResult:
    earned = tuple(pay(gross, net, month) for gross, net in pays)
    return compute_entitlement(household(adult(earned_income=earned), housing=flat(rent=rent)), month)


def in_force(amount: str, kind: DecisionKind = DecisionKind.GRANT, start: date = JULY_2026) -> InForce:
    return InForce(
        uuid4(), kind, eur(amount), eur(amount), approval_period(start, False, True, first_month=start), start
    )


def test_a_household_without_an_entitlement_in_force_is_granted_twelve_months() -> None:
    plan = plan_decision(None, result(), provisional=False)
    assert plan is not None and plan.kind is DecisionKind.GRANT
    assert (plan.period.start, plan.period.end, plan.period.months) == (AUGUST_2026, date(2027, 7, 31), 12)


def test_a_provisional_grant_covers_six_months() -> None:
    plan = plan_decision(None, result(), provisional=True)
    assert plan is not None and plan.period.months == 6


def test_inappropriate_housing_costs_shorten_the_approval_period_to_six_months() -> None:
    plan = plan_decision(None, result(rent=700), provisional=False)
    assert plan is not None and plan.period.months == 6


def test_the_same_amount_again_is_no_decision() -> None:
    assert plan_decision(in_force("1043.00"), result(), provisional=False) is None


def test_nothing_to_pay_and_nothing_in_force_is_no_decision() -> None:
    assert plan_decision(None, result((3000, 2100)), provisional=False) is None


def test_earned_income_changes_the_amount_within_the_approval_period() -> None:
    current = in_force("1043.00")
    plan = plan_decision(current, result((1000, 800)), provisional=False)
    assert plan is not None and plan.kind is DecisionKind.CHANGE
    assert (plan.previous_amount, plan.period) == (eur("1043.00"), current.period)


def test_income_that_covers_the_need_ends_the_entitlement() -> None:
    covered = result((3000, 2100))
    plan = plan_decision(in_force("1043.00"), covered, provisional=False)
    assert plan is not None and plan.kind is DecisionKind.END
    assert reason(plan, Cause.EMPLOYMENT_STARTED, covered).startswith("income covers the need")


def test_after_an_end_a_new_need_is_a_new_grant() -> None:
    plan = plan_decision(in_force("0.00", DecisionKind.END), result(), provisional=False)
    assert plan is not None and plan.kind is DecisionKind.GRANT


def test_facts_from_placement_alone_never_open_a_new_approval_period() -> None:
    assert plan_decision(in_force("0.00", DecisionKind.END), result(), provisional=False, may_grant=False) is None
    assert plan_decision(None, result(), provisional=False, may_grant=False) is None


def test_after_the_approval_period_a_new_grant_is_made() -> None:
    plan = plan_decision(in_force("1043.00", start=date(2025, 6, 1)), result(), provisional=False)
    assert plan is not None and plan.kind is DecisionKind.GRANT


def test_months_already_paid_in_advance_are_settled_up_to_the_decision() -> None:
    plan = plan_decision(in_force("1043.00"), result((1000, 800)), provisional=False)
    assert plan is not None
    assert settlement_months(plan, AUGUST_2026, date(2026, 9, 15)) == [AUGUST_2026, date(2026, 9, 1)]
    assert settlement_months(plan, AUGUST_2026, date(2026, 7, 20)) == []


def test_an_overpayment_below_50_euros_is_not_recovered() -> None:
    plan = plan_decision(in_force("1043.00"), result((1000, 800)), provisional=False)
    assert plan is not None
    small = settle(plan, {AUGUST_2026: Decimal("1000.00")}, AUGUST_2026)
    assert small is not None and small.recovery_waived and small.recovery == 0
    large = settle(plan, {AUGUST_2026: Decimal("571.00")}, AUGUST_2026)
    assert large is not None and large.recovery == Decimal("472.00")


def test_a_decision_sets_the_months_from_its_effective_month_to_the_end_of_its_approval_period() -> None:
    """§ 31b Abs. 1 S. 1: a reduction determined in July from August sets August on, never July; the roll keeps
    July as the decision for July set it."""
    months = decided_months(DecisionKind.CHANGE, AUGUST_2026, date(2027, 6, 30))
    assert (months[0], months[-1], len(months)) == (AUGUST_2026, date(2027, 6, 1), 11)
    assert decided_months(DecisionKind.GRANT, JULY_2026, date(2026, 12, 31)) == [date(2026, m, 1) for m in range(7, 13)]


def test_an_end_sets_no_months_and_so_ends_them_from_its_effective_month() -> None:
    assert decided_months(DecisionKind.END, AUGUST_2026, date(2027, 6, 30)) == []

"""Income and assets as the clerk enters them, mapped to the month's household; the same job never twice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import uuid4

import pytest

from services.benefits.domain import ItemKind, compute_entitlement
from services.benefits.domain.employments import Pay
from services.benefits.domain.households import check_inputs, engine_household
from services.platform.errors import RuleViolation

from .inputs_builders import AUGUST_2026, inputs, member

APPLICANT = uuid4()
SEPTEMBER_2026 = date(2026, 9, 1)


def income(kind: str, amount: str, start: str = "2026-08-01", **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "amount": amount, "inflow_from": start, "proof": "proven", **fields}


def wage(gross: str, net: str, **fields: Any) -> dict[str, Any]:
    return income("employment", gross, net=net, **fields)


def test_a_partners_wage_entered_by_the_clerk_is_earned_income_with_the_allowance() -> None:
    """§ 11b Abs. 2–3 SGB II on the partner's own gross pay, as for pay placement announces."""
    entered = inputs(
        member("adult", "1985-03-01", APPLICANT), member("partner", "1986-04-01", incomes=[wage("1200.00", "950.00")])
    )
    household = engine_household(entered, AUGUST_2026, {})
    (earned,) = household.partner.earned_income  # type: ignore[union-attr]
    assert (earned.gross, earned.net, earned.description) == (Decimal("1200.00"), Decimal("950.00"), "employment")
    result = compute_entitlement(household, AUGUST_2026)
    assert result.person("member-2").counted_income == Decimal("950.00") - Decimal(348)


def test_a_teenagers_minijob_counts_as_the_childs_earned_income() -> None:
    """§ 11b Abs. 2b SGB II: a pupil under 25 keeps the Minijob limit (603 EUR in 2026) as basic amount."""
    teen = member("child", "2010-05-01", in_training_under_25=True, incomes=[wage("603.00", "603.00")])
    result = compute_entitlement(
        engine_household(inputs(member("adult", "1980-01-01"), teen), AUGUST_2026, {}), AUGUST_2026
    )
    assert result.person("member-2").counted_income == Decimal(259)  # only the Kindergeld is left


def test_income_flows_only_in_the_months_from_inflow_from_to_inflow_until() -> None:
    """§ 11 Abs. 2 S. 1 SGB II: each month it flows in, and no other."""
    pension = income("pension", "500.00", start="2026-09-01", inflow_until="2026-10-01")
    entered = inputs(member("adult", "1960-01-01", incomes=[pension]))
    flows = [bool(engine_household(entered, date(2026, month, 1), {}).adult.receipts) for month in (8, 9, 10, 11)]
    assert flows == [False, True, True, False]


def test_a_clients_job_entered_by_the_clerk_gives_way_to_placements_record_from_its_first_pay() -> None:
    """Counted once: before placement knew of the job the clerk's entry counts, from its first pay placement's."""
    entered = inputs(member("adult", "1985-03-01", APPLICANT, incomes=[wage("1000.00", "800.00")]))
    placement = {APPLICANT: [Pay(Decimal("1000.00"), Decimal("800.00"))]}
    before = engine_household(entered, AUGUST_2026, {}, placement_since={APPLICANT: SEPTEMBER_2026})
    after = engine_household(entered, SEPTEMBER_2026, placement, placement_since={APPLICANT: SEPTEMBER_2026})
    assert [p.description for p in before.adult.earned_income] == ["employment"]
    assert [p.description for p in after.adult.earned_income] == [""]  # placement's pay only


def test_a_separate_job_counts_besides_placements_record() -> None:
    """A second job is income of its own (§ 11 Abs. 1); § 11b Abs. 3 then runs on the pay of both."""
    entered = inputs(member("adult", "1985-03-01", APPLICANT, incomes=[wage("300.00", "300.00", separate_job=True)]))
    placement = {APPLICANT: [Pay(Decimal("900.00"), Decimal("700.00"))]}
    household = engine_household(entered, SEPTEMBER_2026, placement, placement_since={APPLICANT: AUGUST_2026})
    assert sorted(p.gross for p in household.adult.earned_income) == [Decimal("300.00"), Decimal("900.00")]
    (net_line,) = (
        i for i in compute_entitlement(household, SEPTEMBER_2026).explanation if i.kind is ItemKind.EARNED_INCOME_NET
    )
    assert net_line.amount == Decimal("1000.00")
    assert "erfasst von der Sachbearbeitung: employment brutto 300,00\u00a0€" in net_line.note


def test_self_employment_profit_gets_the_earned_income_allowance() -> None:
    """§ 11b Abs. 3 SGB II applies to all earned income, self-employment included: 100 + 20 % of 300."""
    entered = inputs(member("adult", "1985-03-01", incomes=[income("self_employment", "400.00", net="400.00")]))
    result = compute_entitlement(engine_household(entered, AUGUST_2026, {}), AUGUST_2026)
    assert result.persons[0].counted_income == Decimal(240)


def test_assets_are_judged_by_the_approval_period_in_force() -> None:
    """§ 65a Abs. 1 SGB II: the engine gets the period's start, not the month, to look § 12 up by."""
    entered = inputs(member("adult", "1990-01-01", assets=[{"kind": "cash", "value": "9000.00"}]))
    household = engine_household(entered, AUGUST_2026, {}, approval_period_start=date(2026, 6, 1))
    assert household.asset_terms is not None and household.asset_terms.approval_period_start == date(2026, 6, 1)
    assert engine_household(inputs(member("adult", "1990-01-01")), AUGUST_2026, {}).asset_terms is None


@pytest.mark.parametrize(
    ("entered_income", "field"),
    [
        (income("employment", "900.00"), "members.0.incomes.0.net"),
        (wage("900.00", "950.00"), "members.0.incomes.0.net"),
        (income("pension", "500.00", net="450.00"), "members.0.incomes.0.net"),
        (income("pension", "500.00", deductions="600.00"), "members.0.incomes.0.deductions"),
        (income("pension", "500.00", inflow_until="2026-07-01"), "members.0.incomes.0.inflow_until"),
        (income("pension", "500.00", separate_job=True), "members.0.incomes.0.separate_job"),
        (income("maintenance", "300.00", earnings_before_birth="900.00"), "members.0.incomes.0.earnings_before_birth"),
    ],
)
def test_income_that_cannot_be_right_is_refused_naming_the_field(entered_income: dict[str, Any], field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_inputs(inputs(member("adult", "1980-01-01", incomes=[entered_income])), set(), AUGUST_2026)
    assert refused.value.field == field

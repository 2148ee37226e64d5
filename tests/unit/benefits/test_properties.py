"""Properties for every household (hypothesis): § 11b, § 9 Abs. 2, § 19 Abs. 3, § 41 Abs. 2 SGB II."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from services.benefits.domain import (
    EarnedIncome,
    Household,
    Housing,
    ItemKind,
    Member,
    OtherIncome,
    Role,
    compute_entitlement,
    earned_income_allowance,
)

from .builders import born_aged

MONTHS = [date(year, month, 1) for year in range(2023, 2027) for month in range(1, 13) if (year, month) >= (2023, 7)]
months = st.sampled_from(MONTHS)
money = st.decimals(min_value=0, max_value=3000, places=2)
gross_pay = st.decimals(min_value=0, max_value=6000, places=2)


def _maybe_other_income(draw: st.DrawFn, month: date) -> tuple[OtherIncome, ...]:
    return (OtherIncome(draw(money), month),) if draw(st.booleans()) else ()


@st.composite
def _adult(draw: st.DrawFn, month: date, with_partner: bool) -> Member:
    single_parent = not with_partner and draw(st.booleans())
    return Member(
        "adult",
        Role.ADULT,
        born_aged(draw(st.integers(25, 64)), month),
        single_parent=single_parent,
        disability_participation=draw(st.booleans()),
        other_income=_maybe_other_income(draw, month),
    )


@st.composite
def _partner(draw: st.DrawFn, month: date) -> Member:
    return Member(
        "partner",
        Role.PARTNER,
        born_aged(draw(st.integers(18, 64)), month),
        pregnant_after_week_12=draw(st.booleans()),
    )


@st.composite
def _child(draw: st.DrawFn, month: date, index: int) -> Member:
    return Member(
        f"child{index}",
        Role.CHILD,
        born_aged(draw(st.integers(0, 24)), month),
        receives_child_benefit=draw(st.booleans()),
        other_income=_maybe_other_income(draw, month),
    )


@st.composite
def _housing(draw: st.DrawFn) -> Housing:
    return Housing(
        draw(money),
        draw(st.decimals(0, 300, places=2)),
        draw(money),
        draw(st.booleans()),
        in_cost_reduction_period=draw(st.booleans()),
        decentral_hot_water=draw(st.booleans()),
    )


@st.composite
def households(draw: st.DrawFn) -> tuple[Household, date]:
    month = draw(months)
    with_partner = draw(st.booleans())
    members = [draw(_adult(month, with_partner)), *([draw(_partner(month))] if with_partner else [])]
    members += [draw(_child(month, index)) for index in range(draw(st.integers(0, 3)))]
    return Household(tuple(members), draw(_housing())), month


def _with_pay(household: Household, month: date, gross: int, net_ratio: Decimal) -> Household:
    pay = EarnedIncome(Decimal(gross), (Decimal(gross) * net_ratio).quantize(Decimal("0.01")), month)
    adult = replace(household.adult, earned_income=(pay,))
    return replace(household, members=(adult, *household.members[1:]))


net_ratios = st.decimals(min_value=Decimal("0.50"), max_value=1, places=2)


@settings(max_examples=300)
@given(months, gross_pay, gross_pay, st.booleans(), st.booleans())
def test_the_allowance_never_exceeds_gross_and_never_falls_as_gross_rises(
    month: date, a: Decimal, b: Decimal, with_minor_child: bool, trainee: bool
) -> None:
    """§ 11b Abs. 2, 2b, 3 SGB II."""
    low, high = sorted((a, b))
    low_allowance = earned_income_allowance(low, month, with_minor_child=with_minor_child, trainee=trainee)
    high_allowance = earned_income_allowance(high, month, with_minor_child=with_minor_child, trainee=trainee)
    assert Decimal(0) <= low_allowance <= low
    assert high_allowance <= high
    assert low_allowance <= high_allowance


@settings(max_examples=200, deadline=None)
@given(households(), st.integers(0, 4000), st.integers(0, 2000), net_ratios)
def test_more_earned_income_never_raises_the_entitlement(
    case: tuple[Household, date], gross: int, raise_by: int, net_ratio: Decimal
) -> None:
    """§ 11, § 11b, § 19 Abs. 3 SGB II: for the household and for each member, with pay in whole euros."""
    household, month = case
    before = compute_entitlement(_with_pay(household, month, gross, net_ratio), month)
    after = compute_entitlement(_with_pay(household, month, gross + raise_by, net_ratio), month)
    assert after.entitlement <= before.entitlement and after.payment <= before.payment
    assert all(a.entitlement <= b.entitlement for a, b in zip(after.persons, before.persons, strict=True))


@settings(max_examples=200, deadline=None)
@given(households(), st.integers(0, 4000), net_ratios)
def test_the_entitlement_is_never_negative(case: tuple[Household, date], gross: int, net_ratio: Decimal) -> None:
    """§ 19 Abs. 3 SGB II: income beyond the need is no negative benefit."""
    household, month = case
    result = compute_entitlement(_with_pay(household, month, gross, net_ratio), month)
    assert all(person.entitlement >= 0 and person.payment >= 0 for person in result.persons)
    assert result.entitlement >= 0


@settings(max_examples=200, deadline=None)
@given(households(), st.integers(0, 4000), net_ratios)
def test_the_shares_add_up_to_the_household_total_to_the_cent(
    case: tuple[Household, date], gross: int, net_ratio: Decimal
) -> None:
    """§ 9 Abs. 2 S. 3, § 41 Abs. 2 SGB II: each share rounded on its own, within half a cent of exact."""
    household, month = case
    result = compute_entitlement(_with_pay(household, month, gross, net_ratio), month)
    household_items = {item.kind: item.amount for item in result.items_for(None)}
    assert sum(person.entitlement for person in result.persons) == household_items[ItemKind.ENTITLEMENT]
    assert household_items[ItemKind.ENTITLEMENT] == result.entitlement
    drift = abs(result.entitlement - household_items[ItemKind.UNCOVERED_NEED])
    assert drift <= Decimal("0.005") * len(result.persons)
    assert all(person.entitlement.as_tuple().exponent == -2 for person in result.persons)

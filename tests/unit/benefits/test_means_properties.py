"""Properties for every household with income by kind and assets (hypothesis): § 9 Abs. 1, § 11–12, § 19 SGB II."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from services.benefits.domain import Household, compute_entitlement
from services.benefits.domain.approval import add_months
from services.benefits.domain.asset_items import Asset, AssetKind, AssetTerms
from services.benefits.domain.back_payments import SPREAD
from services.benefits.domain.receipts import EARNED_KINDS, IncomeKind, Receipt
from services.benefits.domain.result import EntitlementResult

from .test_properties import households

RECEIPT_KINDS = list(IncomeKind)  # pay and profit as the sixth of a back payment (§ 11 Abs. 3, § 11b Abs. 1 S. 2)
amounts = st.decimals(min_value=0, max_value=3000, places=2)
raises = st.decimals(min_value=Decimal("0.01"), max_value=20000, places=2)


def _with(household: Household, index: int, **fields: object) -> Household:
    members = list(household.members)
    position = index % len(members)
    members[position] = replace(members[position], **fields)  # type: ignore[arg-type]
    return replace(household, members=tuple(members))


def _not_more(after: EntitlementResult, before: EntitlementResult) -> None:
    assert after.entitlement <= before.entitlement and after.payment <= before.payment
    assert all(a.entitlement <= b.entitlement for a, b in zip(after.persons, before.persons, strict=True))


@st.composite
def _receipt(draw: st.DrawFn, month: date, amount: Decimal) -> Receipt:
    kind = draw(st.sampled_from(RECEIPT_KINDS))
    elterngeld = kind is IncomeKind.PARENTAL_ALLOWANCE
    return Receipt(
        kind,
        amount,
        month,
        earnings_before_birth=draw(st.none() | amounts) if elterngeld else None,
        parental_allowance_plus=elterngeld and draw(st.booleans()),
        source=SPREAD if kind in EARNED_KINDS else "",
    )


@settings(max_examples=200, deadline=None)
@given(households(), st.integers(0, 10), amounts, raises, st.data())
def test_more_income_of_any_kind_never_raises_the_entitlement(
    case: tuple[Household, date], who: int, amount: Decimal, more: Decimal, data: st.DataObject
) -> None:
    """§ 11, § 11a, § 11b SGB II: whatever its kind and exemption, a higher receipt counts at least as much."""
    household, month = case
    receipt = data.draw(_receipt(month, amount))
    before = compute_entitlement(_with(household, who, receipts=(receipt,)), month)
    after = compute_entitlement(_with(household, who, receipts=(replace(receipt, amount=amount + more),)), month)
    _not_more(after, before)


@st.composite
def _terms(draw: st.DrawFn, month: date) -> AssetTerms:
    start = add_months(month, -draw(st.integers(0, 11)))
    return AssetTerms(max(start, date(2023, 7, 1)), add_months(start, -draw(st.integers(0, 30))))


@settings(max_examples=200, deadline=None)
@given(households(), st.integers(0, 10), st.sampled_from(list(AssetKind)), amounts, raises, st.data())
def test_more_assets_never_raise_the_entitlement(
    case: tuple[Household, date], who: int, kind: AssetKind, value: Decimal, more: Decimal, data: st.DataObject
) -> None:
    """§ 9 Abs. 1, § 12 SGB II, before and after 2026-07-01 and in and after the Karenzzeit."""
    household, month = case
    household = replace(household, asset_terms=data.draw(_terms(month)))
    area = data.draw(st.integers(60, 200))
    asset = Asset(kind, value, living_area_m2=area if kind is AssetKind.HOME else None)
    before = compute_entitlement(_with(household, who, assets=(asset,)), month)
    after = compute_entitlement(_with(household, who, assets=(replace(asset, value=value + more),)), month)
    _not_more(after, before)
    with_none = compute_entitlement(household, month)
    _not_more(before, with_none)

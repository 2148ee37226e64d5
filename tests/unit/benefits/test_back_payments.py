"""A back payment (Nachzahlung) counts in its inflow month, or in sixths over six months where counting it in
full would end the entitlement there (§ 11 Abs. 3 SGB II)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from services.benefits.domain import ItemKind, compute_entitlement
from services.benefits.domain.approval import add_months
from services.benefits.domain.back_payment_decisions import decide_back_payments
from services.benefits.domain.back_payments import sixths
from services.benefits.domain.entered_incomes import EnteredIncome, change_months, check_income
from services.benefits.domain.households import EnteredHousehold, engine_household
from services.benefits.domain.receipts import IncomeKind
from services.platform.errors import RuleViolation

from .inputs_builders import housing, inputs, member

INFLOW = date(2026, 6, 1)  # six months and the seventh lie within the loaded figures (2026)


def back_payment(amount: str, **fields: object) -> EnteredIncome:
    return EnteredIncome(IncomeKind.PENSION, Decimal(amount), INFLOW, back_payment=True, **fields)  # type: ignore[arg-type]


def single(*incomes: EnteredIncome) -> EnteredHousehold:
    entered = inputs(member("adult", "1980-01-01"))
    return replace(entered, members=(replace(entered.members[0], incomes=incomes),))


def entitlement(entered: EnteredHousehold, month: date) -> Decimal:
    return compute_entitlement(engine_household(entered, month, {}), month).entitlement


def receipt_lines(entered: EnteredHousehold, month: date) -> list[tuple[Decimal, str, str]]:
    result = compute_entitlement(engine_household(entered, month, {}), month)
    return [(i.amount, i.paragraph, i.note) for i in result.explanation if i.kind is ItemKind.RECEIPT]


def decided(entered: EnteredHousehold, earlier: EnteredHousehold | None = None) -> EnteredHousehold:
    return decide_back_payments(
        entered, earlier, lambda e, month: compute_entitlement(engine_household(e, month, {}), month)
    )


@pytest.mark.parametrize(
    ("amount", "parts"),
    [
        ("600.00", ["100.00"] * 6),
        ("1000.00", ["166.70", *["166.66"] * 5]),  # 4 cents left over from rounding down count in the first month
        ("0.05", ["0.05", *["0.00"] * 5]),
        ("1234.59", ["205.79", *["205.76"] * 5]),
    ],
)
def test_the_six_parts_are_sixths_cut_to_the_cent_with_the_remainder_in_the_inflow_month(
    amount: str, parts: list[str]
) -> None:
    """§ 11 Abs. 3 SGB II: "gleichmäßig aufzuteilen"; the parts add up to the back payment exactly."""
    assert sixths(Decimal(amount)) == tuple(Decimal(p) for p in parts)
    assert sum(sixths(Decimal(amount))) == Decimal(amount)


def test_a_back_payment_that_leaves_an_entitlement_counts_in_full_in_its_inflow_month_only() -> None:
    """§ 11 Abs. 2 S. 1, Abs. 3 SGB II: the entitlement does not lapse, so no spreading."""
    entered = decided(single(back_payment("300.00")))
    assert entered.members[0].incomes[0].spread is False
    without = entitlement(single(), INFLOW)
    assert entitlement(entered, INFLOW) == without - Decimal("270.00")  # less the 30 EUR flat allowance
    assert entitlement(entered, add_months(INFLOW, 1)) == without
    [(amount, paragraph, note)] = receipt_lines(entered, INFLOW)
    assert (amount, paragraph) == (Decimal("300.00"), "§ 11 Abs. 2 S. 1, Abs. 3 SGB II")
    assert "voll angerechnet" in note


def test_a_back_payment_that_would_end_the_entitlement_is_spread_over_six_months_from_its_inflow_month() -> None:
    """§ 11 Abs. 3 SGB II: one sixth counts in each of six months from the inflow month on, none in the seventh."""
    entered = decided(single(back_payment("3000.00")))
    assert (
        entitlement(
            replace(entered, members=(replace(entered.members[0], incomes=(back_payment("3000.00", spread=False),)),)),
            INFLOW,
        )
        == 0
    )
    assert entered.members[0].incomes[0].spread is True
    without = entitlement(single(), INFLOW)
    for index in range(6):
        month = add_months(INFLOW, index)
        [(amount, paragraph, note)] = receipt_lines(entered, month)
        assert (amount, paragraph) == (Decimal("500.00"), "§ 11 Abs. 3 SGB II")
        assert f"Teilbetrag {index + 1} von 6" in note
        assert entitlement(entered, month) == entitlement(single(), month) - Decimal("470.00")
    assert receipt_lines(entered, add_months(INFLOW, 6)) == []
    assert entitlement(entered, add_months(INFLOW, 6)) == without


def test_the_rounding_remainder_is_named_in_the_inflow_months_line() -> None:
    entered = decided(single(back_payment("3000.05")))
    first = receipt_lines(entered, INFLOW)[0]
    assert first[0] == Decimal("500.05") and "Rest von 0,05" in first[2]
    assert receipt_lines(entered, add_months(INFLOW, 1))[0][0] == Decimal("500.00")


def test_the_decision_stored_with_the_income_is_kept_when_later_facts_would_decide_otherwise() -> None:
    """Entered when the rent was high, 3,000 EUR in full left an entitlement; re-entered after a move to a cheaper
    flat it would not, yet the stored decision stands (later facts do not reopen the inflow month)."""
    dear = inputs(member("adult", "1980-01-01"), flat=housing("3200.00", "90.00", "3200.00"))
    dear = replace(dear, members=(replace(dear.members[0], incomes=(back_payment("3000.00"),)),))
    first = decided(dear)
    assert first.members[0].incomes[0].spread is False
    assert decided(single(back_payment("3000.00"))).members[0].incomes[0].spread is True  # decided anew
    again = decided(single(back_payment("3000.00")), earlier=first)
    assert again.members[0].incomes[0].spread is False
    assert receipt_lines(again, INFLOW)[0][0] == Decimal("3000.00")
    other = decided(single(back_payment("3100.00")), earlier=first)  # a different back payment is decided anew
    assert other.members[0].incomes[0].spread is True


def test_a_spread_back_payment_changes_the_amount_in_the_month_after_its_sixth_part() -> None:
    spread = replace(back_payment("3000.00"), spread=True)
    assert change_months([spread], date(2026, 5, 1)) == [INFLOW, date(2026, 12, 1)]
    assert change_months([back_payment("300.00", spread=False)], date(2026, 5, 1)) == [INFLOW, date(2026, 7, 1)]


@pytest.mark.parametrize(
    ("income", "field"),
    [
        (back_payment("300.00", inflow_until=date(2026, 7, 1)), "x.inflow_until"),
        (EnteredIncome(IncomeKind.PENSION, Decimal(300), INFLOW, spread=True), "x.spread"),
    ],
)
def test_a_back_payment_that_cannot_be_right_names_its_field(income: EnteredIncome, field: str) -> None:
    with pytest.raises(RuleViolation) as raised:
        check_income(income, "x")
    assert raised.value.field == field


def test_a_spread_the_clerk_sends_is_replaced_by_the_decision_the_engine_makes() -> None:
    """The view shows `spread`; sent back it is not taken as the clerk's word (§ 11 Abs. 3 decides)."""
    assert decided(single(back_payment("300.00", spread=True))).members[0].incomes[0].spread is False
    kept = decided(single(back_payment("3000.00")))
    assert decided(single(back_payment("3000.00", spread=False)), earlier=kept).members[0].incomes[0].spread is True


def pay(gross: str, net: str, **fields: object) -> EnteredIncome:
    return EnteredIncome(IncomeKind.EMPLOYMENT, Decimal(gross), INFLOW, net=Decimal(net), **fields)  # type: ignore[arg-type]


def back_pay(gross: str, net: str) -> EnteredIncome:
    return pay(gross, net, back_payment=True)


def test_back_pay_that_leaves_an_entitlement_counts_in_full_as_pay_of_its_inflow_month_section_11_2_and_11b_3() -> None:
    """§ 11 Abs. 2 S. 1, Abs. 3 SGB II: 300 EUR of back pay (240 net) with a 600 EUR wage (480 net) leaves an
    entitlement, so it counts in June as pay, the allowance of § 11b Abs. 2, 3 on the month's whole gross of
    900 EUR: 100 + 20 % of 420 + 30 % of 380 = 298; counted 720 - 298 = 422 (need 563 + 540 = 1,103)."""
    entered = decided(single(pay("600.00", "480.00"), back_pay("300.00", "240.00")))
    assert entered.members[0].incomes[1].spread is False
    assert entered.members[0].incomes[1].spread_counted is None
    assert entitlement(entered, INFLOW) == Decimal("681.00")
    assert entitlement(entered, add_months(INFLOW, 1)) == Decimal("831.00")  # the wage alone: 1,103 - 272
    assert receipt_lines(entered, INFLOW) == []


def test_back_pay_that_would_end_the_entitlement_is_spread_net_of_its_deductions_taken_first_section_11b_1_s_2() -> (
    None
):
    """§ 11 Abs. 3, § 11b Abs. 1 S. 2 SGB II: 2,400 EUR of back pay (1,800 net) with a 600 EUR wage in June
    would end the entitlement. Its taxes and contributions (600) and its share of the allowances come off in
    June first: on 3,000 gross the allowance is 348, on the wage alone 208, so 140 are the back pay's and
    1,800 - 140 = 1,660 are spread: 276.70 in June (with the 4 cents of rounding) and 276.66 in each of the five
    months after, with no further allowance and no flat insurance allowance."""
    entered = decided(single(pay("600.00", "480.00"), back_pay("2400.00", "1800.00")))
    back = entered.members[0].incomes[1]
    assert (back.spread, back.spread_counted) == (True, Decimal("1660.00"))
    for index, part in enumerate(["276.70", *["276.66"] * 5]):
        month = add_months(INFLOW, index)
        [(amount, paragraph, note)] = receipt_lines(entered, month)
        assert (amount, paragraph) == (Decimal(part), "§ 11 Abs. 3 SGB II")
        assert f"Teilbetrag {index + 1} von 6" in note and "§ 11b Abs. 1 S. 2" in note
        assert entitlement(entered, month) == Decimal("831.00") - Decimal(part)
    assert entitlement(entered, add_months(INFLOW, 6)) == Decimal("831.00")


def test_back_pay_of_a_member_without_other_pay_keeps_its_basic_amount_and_allowance_in_the_spread() -> None:
    """Alone in June, 3,000 EUR of back pay (2,200 net) keeps 100 + 84 + 144 + 20 = 348 off: 1,852 are spread."""
    entered = decided(single(back_pay("3000.00", "2200.00")))
    assert entered.members[0].incomes[0].spread_counted == Decimal("1852.00")
    assert entitlement(entered, INFLOW) == Decimal("1103.00") - Decimal("308.70")  # 1,852 / 6, with 4 cents rest


def test_spread_back_pay_keeps_its_decision_and_amount_when_entered_again() -> None:
    first = decided(single(back_pay("3000.00", "2200.00")))
    again = decided(single(pay("600.00", "480.00"), back_pay("3000.00", "2200.00")), earlier=first)
    assert again.members[0].incomes[1].spread_counted == Decimal("1852.00")

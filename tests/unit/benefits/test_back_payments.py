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
    return decide_back_payments(entered, earlier, entitlement)


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
        (replace(back_payment("300.00"), kind=IncomeKind.EMPLOYMENT, net=Decimal("200")), "x.back_payment"),
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

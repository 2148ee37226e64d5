"""Inheritances are no income (§ 11a Abs. 1 Nr. 7 SGB II); the Grundrente allowance comes off a pension
(§ 11b Abs. 2a SGB II with § 82a Abs. 1 SGB XII) once the 33 years are proven (§ 69 SGB II)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from services.benefits.domain import ItemKind, compute_entitlement
from services.benefits.domain.households import check_inputs, engine_household
from services.benefits.domain.receipts import IncomeKind, Proof, Receipt
from services.benefits.domain.result import EntitlementResult
from services.platform.errors import RuleViolation

from .builders import JULY_2026, JUNE_2026, adult, eur, household
from .inputs_builders import AUGUST_2026, inputs, member

SINGLE_NEED = eur(1043)  # 563 + 400 rent + 80 heating (builders.flat)
FLAT = eur(30)  # § 11b Abs. 1 S. 1 Nr. 3 SGB II with § 6 Abs. 1 Nr. 1 Bürgergeld-V
GRUNDRENTE = "§ 11b Abs. 2a SGB II i.V.m. § 82a Abs. 1 SGB XII"


def single(*receipts: Receipt, month: date = JUNE_2026) -> EntitlementResult:
    return compute_entitlement(household(replace(adult(), receipts=receipts)), month)


def pension(amount: str, proven: bool = True, month: date = JUNE_2026, **fields: Any) -> Receipt:
    return Receipt(IncomeKind.PENSION, eur(amount), month, proof=Proof.PROVEN, grundrente_years_proven=proven, **fields)


def lines_of(result: EntitlementResult, kind: ItemKind) -> list[tuple[Decimal, str]]:
    return [(i.amount, i.paragraph) for i in result.items_for("adult") if i.kind is kind]


@pytest.mark.parametrize("amount", ["0.01", "25000.00"])
def test_an_inheritance_is_not_counted_as_income_whatever_its_size(amount: str) -> None:
    """§ 11a Abs. 1 Nr. 7 SGB II: one-off income from inheritances, legacies and compulsory portions."""
    result = single(Receipt(IncomeKind.INHERITANCE, eur(amount), JUNE_2026, proof=Proof.PROVEN))
    assert result.person("adult").counted_income == 0 and result.entitlement == SINGLE_NEED
    assert lines_of(result, ItemKind.RECEIPT_EXEMPT) == [(-eur(amount), "§ 11a Abs. 1 Nr. 7 SGB II")]
    assert lines_of(result, ItemKind.INSURANCE_ALLOWANCE) == []  # nothing counted, nothing to deduct from


def test_an_inheritance_says_it_is_no_income_and_is_to_be_checked_as_an_asset() -> None:
    """What is left after the inflow month is Vermögen (§ 12 SGB II), which the clerk enters as an asset."""
    result = single(Receipt(IncomeKind.INHERITANCE, eur(8000), JUNE_2026, description="Tante Erna"))
    (receipt_line,) = (i for i in result.items_for("adult") if i.kind is ItemKind.RECEIPT)
    (exempt_line,) = (i for i in result.items_for("adult") if i.kind is ItemKind.RECEIPT_EXEMPT)
    assert receipt_line.note.startswith("Erbschaft, Vermächtnis oder Pflichtteil: Tante Erna")
    assert "bleibt als Einkommen unberücksichtigt" in exempt_line.note
    assert "als Vermögen nach § 12 SGB II zu prüfen" in exempt_line.note


def test_an_inheritance_beside_a_pension_leaves_the_pension_counted_as_before() -> None:
    """Only the inheritance stays out; the pension keeps its flat allowance (600 − 30)."""
    result = single(pension("600.00", proven=False), Receipt(IncomeKind.INHERITANCE, eur(5000), JUNE_2026))
    assert result.person("adult").counted_income == eur(570)


@pytest.mark.parametrize(
    ("amount", "allowance"),
    [
        ("50.00", "50.00"),  # less than 100: all of it free
        ("100.00", "100.00"),  # exactly the free amount
        ("100.01", "100.00"),  # 30 % of 0.01 is 0.003: rounds to no cent (§ 41 Abs. 2 S. 2)
        ("100.02", "100.01"),  # 0.006 rounds up
        ("600.00", "250.00"),  # 100 + 30 % of 500
        ("704.99", "281.50"),  # 100 + 181.497 → 281.50, already the cap
        ("705.00", "281.50"),  # 100 + 30 % of 605 = 281.50 = 50 % of 563
        ("1200.00", "281.50"),  # capped at half of Regelbedarfsstufe 1
    ],
)
def test_the_grundrente_allowance_is_100_plus_30_percent_above_at_most_half_of_level_1(
    amount: str, allowance: str
) -> None:
    """§ 11b Abs. 2a SGB II with § 82a Abs. 1 SGB XII; the flat insurance allowance comes off the rest."""
    result = single(pension(amount))
    assert lines_of(result, ItemKind.RECEIPT_DEDUCTION) == [(-eur(allowance), GRUNDRENTE)]
    expected = max(eur(amount) - eur(allowance) - FLAT, Decimal(0))
    assert result.person("adult").counted_income == expected
    assert result.entitlement == SINGLE_NEED - expected


def test_without_the_proven_years_a_pension_counts_less_only_the_flat_allowance() -> None:
    """§ 69 SGB II: decided without the allowance until the pension insurer's notice proves the years."""
    result = single(pension("600.00", proven=False))
    assert lines_of(result, ItemKind.RECEIPT_DEDUCTION) == []
    assert result.person("adult").counted_income == eur(570)


def test_the_grundrente_allowance_comes_after_the_taxes_and_contributions_proven() -> None:
    """§ 11b Abs. 1 S. 1 Nr. 1–2 first, then Abs. 2a on the pension: 900 − 60 − 340 − 30."""
    result = single(pension("900.00", deductions=eur(60)))
    assert lines_of(result, ItemKind.RECEIPT_DEDUCTION) == [
        (-eur(60), "§ 11b Abs. 1 S. 1 Nr. 1–5 SGB II"),
        (-eur("281.50"), GRUNDRENTE),
    ]
    assert result.person("adult").counted_income == eur("528.50")


def test_the_grundrente_allowance_never_takes_more_than_is_left_of_the_pension() -> None:
    """A pension almost all taken by proven contributions: the allowance stops at nothing left."""
    result = single(pension("200.00", deductions=eur(150)))
    assert lines_of(result, ItemKind.RECEIPT_DEDUCTION)[1] == (-eur(50), GRUNDRENTE)
    assert result.person("adult").counted_income == 0


def test_the_grundrente_line_names_the_figures_in_german() -> None:
    result = single(pension("600.00"))
    (line,) = (i for i in result.items_for("adult") if i.kind is ItemKind.RECEIPT_DEDUCTION)
    assert line.note == (
        "Freibetrag für Grundrentenzeiten (33 Jahre nachgewiesen): 100,00\u00a0€ zuzüglich 30\u00a0% der Rente "
        "darüber, höchstens 50\u00a0% der Regelbedarfsstufe 1 (281,50\u00a0€)"
    )


@pytest.mark.parametrize("amount", ["100.00", "100.01", "705.00", "1200.00"])
def test_june_and_july_2026_give_the_same_grundrente_allowance(amount: str) -> None:
    """§ 11b Abs. 2a reads the same in both texts (01.04. and 19.08.2026) and Regelbedarfsstufe 1 is 563 all
    2026, so nothing changes with July."""
    june, july = single(pension(amount)), single(pension(amount, month=JULY_2026), month=JULY_2026)
    assert lines_of(june, ItemKind.RECEIPT_DEDUCTION) == lines_of(july, ItemKind.RECEIPT_DEDUCTION)
    assert june.entitlement == july.entitlement


def entered(kind: str, amount: str, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "amount": amount, "inflow_from": "2026-08-01", "proof": "proven", **fields}


@pytest.mark.parametrize("kind", ["unemployment_benefit", "maintenance", "other", "inheritance"])
def test_proven_grundrente_years_on_anything_but_a_pension_are_refused_naming_the_field(kind: str) -> None:
    income = entered(kind, "500.00", grundrente_years_proven=True, inflow_until="2026-08-01")
    with pytest.raises(RuleViolation) as refused:
        check_inputs(inputs(member("adult", "1958-01-01", incomes=[income])), set(), AUGUST_2026)
    assert refused.value.field == "members.0.incomes.0.grundrente_years_proven"


@pytest.mark.parametrize("until", [None, "2026-09-01"])
def test_an_inheritance_over_more_than_its_one_inflow_month_is_refused(until: str | None) -> None:
    """§ 11a Abs. 1 Nr. 7 SGB II speaks of one-off income; a recurring payment is no such inheritance."""
    income = entered("inheritance", "5000.00", inflow_until=until)
    with pytest.raises(RuleViolation) as refused:
        check_inputs(inputs(member("adult", "1958-01-01", incomes=[income])), set(), AUGUST_2026)
    assert refused.value.field == "members.0.incomes.0.inflow_until"


def test_a_pension_entered_with_proven_grundrente_years_gets_the_allowance() -> None:
    """From the clerk's entry to the engine: 600 − 250 − 30."""
    income = entered("pension", "600.00", grundrente_years_proven=True)
    household_inputs = inputs(member("adult", "1958-01-01", incomes=[income]))
    check_inputs(household_inputs, set(), AUGUST_2026)
    result = compute_entitlement(engine_household(household_inputs, AUGUST_2026, {}), AUGUST_2026)
    assert result.persons[0].counted_income == eur(320)


def test_an_inheritance_entered_for_its_month_is_not_counted() -> None:
    income = entered("inheritance", "12000.00", inflow_until="2026-08-01")
    household_inputs = inputs(member("adult", "1958-01-01", incomes=[income]))
    check_inputs(household_inputs, set(), AUGUST_2026)
    result = compute_entitlement(engine_household(household_inputs, AUGUST_2026, {}), AUGUST_2026)
    assert result.persons[0].counted_income == 0

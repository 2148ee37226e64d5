"""Each kind of income with the deductions the law gives it (§ 11, § 11a, § 11b SGB II, § 6 Bürgergeld-V, § 10 BEEG)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from services.benefits.domain import ItemKind, Member, compute_entitlement
from services.benefits.domain.receipts import IncomeKind, Proof, Receipt
from services.benefits.domain.result import EntitlementResult

from .builders import JUNE_2026, adult, child, eur, household, pay

SINGLE_NEED = eur(1043)  # 563 + 400 rent + 80 heating (builders.flat)


def receipt(kind: IncomeKind, amount: str | int, **fields: object) -> Receipt:
    return Receipt(kind, eur(amount), JUNE_2026, **fields)  # type: ignore[arg-type]


def receiving(member: Member, *receipts: Receipt) -> Member:
    return replace(member, receipts=receipts)


def counted(result: EntitlementResult, person_id: str) -> Decimal:
    return result.person(person_id).counted_income


def lines(result: EntitlementResult, person_id: str) -> list[tuple[ItemKind, Decimal, str]]:
    kinds = {ItemKind.RECEIPT, ItemKind.RECEIPT_EXEMPT, ItemKind.RECEIPT_DEDUCTION, ItemKind.INSURANCE_ALLOWANCE}
    return [(i.kind, i.amount, i.paragraph) for i in result.items_for(person_id) if i.kind in kinds]


def single(*receipts: Receipt, **flags: object) -> EntitlementResult:
    return compute_entitlement(household(receiving(adult(**flags), *receipts)), JUNE_2026)


@pytest.mark.parametrize(
    ("kind", "amount", "expected"),
    [
        (IncomeKind.UNEMPLOYMENT_BENEFIT, 800, 770),
        (IncomeKind.PENSION, 600, 570),
        (IncomeKind.MAINTENANCE, 300, 270),
        (IncomeKind.OTHER, 150, 120),
        (IncomeKind.OTHER, 20, 0),  # the flat allowance never makes income negative
    ],
)
def test_an_adults_income_other_than_pay_counts_less_the_flat_insurance_allowance(
    kind: IncomeKind, amount: int, expected: int
) -> None:
    """§ 11 Abs. 1 S. 1, § 11b Abs. 1 S. 1 Nr. 3 SGB II with § 6 Abs. 1 Nr. 1 Bürgergeld-V: 30 EUR a month."""
    result = single(receipt(kind, amount, proof=Proof.PROVEN))
    assert counted(result, "adult") == eur(expected)
    assert result.entitlement == SINGLE_NEED - eur(expected)
    allowance = [line for line in lines(result, "adult") if line[0] is ItemKind.INSURANCE_ALLOWANCE]
    assert allowance == [(ItemKind.INSURANCE_ALLOWANCE, -min(eur(30), eur(amount)), "§ 11b Abs. 1 S. 1 Nr. 3 SGB II")]


def test_a_pension_counts_less_the_taxes_and_contributions_proven_and_the_flat_allowance() -> None:
    """§ 11b Abs. 1 S. 1 Nr. 1–2 and Nr. 3 SGB II: 900 − 85 − 30."""
    result = single(receipt(IncomeKind.PENSION, 900, deductions=eur(85)))
    assert counted(result, "adult") == eur(785)
    assert lines(result, "adult")[1] == (ItemKind.RECEIPT_DEDUCTION, -eur(85), "§ 11b Abs. 1 S. 1 Nr. 1–5 SGB II")


def test_the_flat_allowance_comes_off_once_a_month_however_many_receipts() -> None:
    """§ 6 Abs. 1 Nr. 1 Bürgergeld-V: a monthly amount per person, not per receipt: 500 + 200 − 30."""
    result = single(receipt(IncomeKind.UNEMPLOYMENT_BENEFIT, 500), receipt(IncomeKind.MAINTENANCE, 200))
    assert counted(result, "adult") == eur(670)


def test_a_person_with_pay_gets_no_flat_allowance_on_other_income() -> None:
    """§ 11b Abs. 2 S. 1 SGB II: the basic amount of 100 EUR replaces Abs. 1 Nr. 3–5, for the flat amount too."""
    result = single(receipt(IncomeKind.MAINTENANCE, 200), earned_income=(pay(400, 400),))
    assert counted(result, "adult") == eur(400) - eur(160) + eur(200)  # 100 + 20 % of 300 off the pay
    assert not any(line[0] is ItemKind.INSURANCE_ALLOWANCE for line in lines(result, "adult"))


@pytest.mark.parametrize(("kind", "amount"), [(IncomeKind.MAINTENANCE, 300), (IncomeKind.ADVANCE_MAINTENANCE, 230)])
def test_a_minor_childs_maintenance_counts_in_full_as_the_childs_income(kind: IncomeKind, amount: int) -> None:
    """§ 11 Abs. 1 SGB II; no flat allowance for a minor living with adults (§ 6 Abs. 1 Nr. 1 Bürgergeld-V)."""
    kid = receiving(child("kid", 7), receipt(kind, amount))
    result = compute_entitlement(household(adult(), kid), JUNE_2026)
    assert counted(result, "kid") == eur(amount)
    assert [line[0] for line in lines(result, "kid")] == [ItemKind.RECEIPT]


@pytest.mark.parametrize(
    ("amount", "earnings", "plus", "exempt"),
    [
        (500, 1000, False, 300),  # Basiselterngeld: up to 300 EUR of the earnings before the birth
        (500, 120, False, 120),  # only as much as was earned
        (400, 1000, True, 150),  # ElterngeldPlus: half (§ 10 Abs. 4 BEEG)
        (300, None, False, 0),  # the minimum Elterngeld without earnings before the birth counts
    ],
)
def test_elterngeld_keeps_the_earnings_before_the_birth_up_to_300_out(
    amount: int, earnings: int | None, plus: bool, exempt: int
) -> None:
    """§ 10 Abs. 5 S. 2, Abs. 4 BEEG with § 11 Abs. 1 SGB II; the flat allowance on the rest."""
    before_birth = None if earnings is None else eur(earnings)
    result = single(
        receipt(IncomeKind.PARENTAL_ALLOWANCE, amount, earnings_before_birth=before_birth, parental_allowance_plus=plus)
    )
    assert counted(result, "adult") == eur(amount) - eur(exempt) - eur(30)
    exempt_lines = [line for line in lines(result, "adult") if line[0] is ItemKind.RECEIPT_EXEMPT]
    assert exempt_lines == ([(ItemKind.RECEIPT_EXEMPT, -eur(exempt), exempt_lines[0][2])] if exempt else [])


@pytest.mark.parametrize(("proven", "deduction"), [(0, 100), (140, 140)])
def test_a_training_grant_counts_less_at_least_100_and_no_flat_allowance(proven: int, deduction: int) -> None:
    """§ 11a Abs. 3 S. 2 Nr. 3, § 11b Abs. 2b S. 4–5 SGB II: BAföG counts; at least 100 for Abs. 1 Nr. 3–5."""
    result = single(receipt(IncomeKind.STUDENT_GRANT, 650, deductions=eur(proven)))
    assert counted(result, "adult") == eur(650) - eur(deduction)
    assert lines(result, "adult")[1] == (ItemKind.RECEIPT_DEDUCTION, -eur(deduction), "§ 11b Abs. 2b S. 4–5 SGB II")


def test_a_training_grant_besides_pay_gets_no_second_basic_amount() -> None:
    """§ 11b Abs. 2b S. 4 SGB II: not when the deduction was already made from pay (§ 11b Abs. 2 S. 1)."""
    result = single(receipt(IncomeKind.STUDENT_GRANT, 650), earned_income=(pay(100, 100),))
    assert counted(result, "adult") == eur(650)


def test_mutterschaftsgeld_is_not_counted() -> None:
    """§ 11a Abs. 1 Nr. 6 SGB II."""
    result = single(receipt(IncomeKind.MATERNITY_BENEFIT, 420))
    assert counted(result, "adult") == 0 and result.entitlement == SINGLE_NEED
    assert lines(result, "adult")[1] == (ItemKind.RECEIPT_EXEMPT, -eur(420), "§ 11a Abs. 1 Nr. 6 SGB II")


def test_a_receipt_counts_only_in_the_month_it_flows_in() -> None:
    """§ 11 Abs. 2 S. 1 SGB II (Zuflussprinzip)."""
    later = Receipt(IncomeKind.PENSION, eur(600), JUNE_2026.replace(month=7))
    assert counted(single(later), "adult") == 0


def test_the_proof_status_is_named_in_the_explanation() -> None:
    """§ 41a SGB II: income only declared may be a reason to decide provisionally, so the clerk sees it."""
    result = single(receipt(IncomeKind.PENSION, 600, description="DRV", proof=Proof.DECLARED))
    (line,) = (i for i in result.items_for("adult") if i.kind is ItemKind.RECEIPT)
    assert line.note == "Rente: DRV (angegeben, Nachweis fehlt)"

"""§ 11b Abs. 2 S. 2 SGB II: with earned income above 400 EUR a month, proven costs of § 11b Abs. 1 S. 1
Nr. 3–5 replace the 100 EUR basic amount where they exceed it. Table tests at both edges (400.00 / 400.01 EUR,
costs 99.99 / 100.00 / 100.01 EUR), in the law before and after 2026-07-01 (both texts say the same)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from services.benefits.domain import EarnedIncome, ItemKind, compute_entitlement
from services.benefits.domain.employments import Pay
from services.benefits.domain.errors import InvalidHousehold
from services.benefits.domain.households import check_inputs, engine_household
from services.benefits.domain.income import earned_income_allowance
from services.benefits.domain.result import EntitlementResult
from services.platform.errors import RuleViolation

from .builders import JULY_2026, JUNE_2026, adult, child, eur, household
from .inputs_builders import AUGUST_2026, inputs, member

S1 = "§ 11b Abs. 2 S. 1 SGB II"
S2 = "§ 11b Abs. 2 S. 2 SGB II"


def earner(gross: str, costs: str, on: date = JUNE_2026, **flags: object) -> EntitlementResult:
    pay = EarnedIncome(eur(gross), eur(gross), on, proven_costs=eur(costs))
    return compute_entitlement(household(adult(earned_income=(pay,), **flags)), on)


def basic_line(result: EntitlementResult) -> tuple[Decimal, str, str]:
    (line,) = [
        i
        for i in result.items_for("adult")
        if i.kind is ItemKind.EARNED_INCOME_ALLOWANCE and i.paragraph.startswith("§ 11b Abs. 2")
    ]
    return line.amount, line.paragraph, line.note


@pytest.mark.parametrize("month", [JUNE_2026, JULY_2026])
@pytest.mark.parametrize(
    ("gross", "costs", "basic", "paragraph"),
    [
        ("400.00", "150.00", "100.00", S1),  # not above 400: the basic amount stands, whatever is proven
        ("400.00", "100.01", "100.00", S1),
        ("400.01", "150.00", "150.00", S2),  # above 400: the higher proven costs replace it
        ("400.01", "100.01", "100.01", S2),
        ("400.01", "100.00", "100.00", S1),  # equal is not "übersteigt"
        ("400.01", "99.99", "100.00", S1),
        ("1000.00", "0.00", "100.00", S1),
        ("1000.00", "240.50", "240.50", S2),
    ],
)
def test_section_11b_2_2_proven_costs_replace_the_basic_amount_only_above_400_and_above_100(
    month: date, gross: str, costs: str, basic: str, paragraph: str
) -> None:
    amount, shown, _ = basic_line(earner(gross, costs, month))
    assert (amount, shown) == (-eur(basic), paragraph)


def test_section_11b_2_2_the_explanation_says_why_proven_costs_did_or_did_not_count() -> None:
    assert (
        "nachgewiesene Kosten 150,00\xa0€ (§ 11b Abs. 1 S. 1 Nr. 3–5) statt des Grundfreibetrags 100,00\xa0€: "
        "Brutto über 400,00\xa0€" in (basic_line(earner("400.01", "150.00"))[2])
    )
    assert (
        "treten erst bei einem Brutto über 400,00\xa0€ an seine Stelle (§ 11b Abs. 2 S. 2 SGB II)"
        in basic_line(earner("400.00", "150.00"))[2]
    )
    assert "die nachgewiesenen Kosten 99,99\xa0€ übersteigen ihn nicht" in basic_line(earner("400.01", "99.99"))[2]
    assert basic_line(earner("400.01", "0.00"))[2] == "Grundfreibetrag 100,00\xa0€"


def test_section_11b_2_2_higher_costs_lower_the_counted_income_by_what_exceeds_100() -> None:
    """1,000 EUR gross and net: 100 + 84 + 144 = 328 off; with 180 EUR proven 408 off."""
    without = earner("1000.00", "0.00").person("adult").counted_income
    with_costs = earner("1000.00", "180.00").person("adult").counted_income
    assert (without, with_costs) == (eur("672.00"), eur("592.00"))
    assert earned_income_allowance(eur(1000), JUNE_2026, proven_costs=eur(180)) == eur(408)


def test_section_11b_2_2_costs_above_the_pay_never_make_the_income_negative() -> None:
    """§ 11b Abs. 1: deductions come off the pay itself; the rest of the household's income is untouched."""
    result = earner("400.01", "900.00")
    assert result.person("adult").counted_income == 0


def test_section_11b_2b_a_young_trainee_keeps_the_minijob_amount_whatever_costs_are_proven() -> None:
    """Abs. 2b replaces Abs. 2 S. 1; S. 2 sets aside S. 1 only, so 603 EUR (2026) stands for the trainee."""
    pay = EarnedIncome(eur(800), eur(800), JUNE_2026, proven_costs=eur(700))
    trainee = child("teen", 19, under_25_in_training=True, earned_income=(pay,))
    items = compute_entitlement(household(adult(), trainee), JUNE_2026).items_for("teen")
    basics = [i for i in items if i.kind is ItemKind.EARNED_INCOME_ALLOWANCE and "Abs. 2" in i.paragraph]
    assert [(i.amount, i.paragraph) for i in basics] == [(eur(-603), "§ 11b Abs. 2b SGB II")]


def test_section_11b_2_2_proven_costs_cannot_be_negative() -> None:
    with pytest.raises(InvalidHousehold):
        EarnedIncome(eur(500), eur(400), JUNE_2026, proven_costs=eur("-0.01"))


def wage(gross: str, net: str, costs: str, **fields: object) -> dict[str, object]:
    return {"kind": "employment", "amount": gross, "net": net, "inflow_from": "2026-08-01", "proof": "proven"} | {
        "proven_costs": costs,
        **fields,
    }


def test_section_11b_2_2_costs_the_clerk_entered_with_a_partners_job_come_off_its_pay() -> None:
    entered = inputs(
        member("adult", "1985-03-01"), member("partner", "1986-04-01", incomes=[wage("1000.00", "800.00", "180.00")])
    )
    result = compute_entitlement(engine_household(entered, AUGUST_2026, {}), AUGUST_2026)
    assert result.person("member-2").counted_income == eur(800) - eur(408)


def test_section_11b_2_2_costs_of_a_clients_job_stay_when_placements_record_takes_over_its_pay() -> None:
    """The same job, counted once (placement's pay), and its proven costs still come off it."""
    client = uuid4()
    entered = inputs(member("adult", "1985-03-01", client, incomes=[wage("1000.00", "800.00", "180.00")]))
    placement = {client: [Pay(eur("1000.00"), eur("800.00"))]}
    month = engine_household(entered, AUGUST_2026, placement, placement_since={client: AUGUST_2026})
    (pay,) = month.adult.earned_income
    assert (pay.description, pay.proven_costs) == ("", eur("180.00"))


def test_section_11b_2_2_proven_costs_on_income_that_is_not_pay_are_refused_naming_the_field() -> None:
    pension = {"kind": "pension", "amount": "500.00", "inflow_from": "2026-08-01", "proof": "proven"}
    entered = inputs(member("adult", "1960-01-01", incomes=[pension | {"proven_costs": "50.00"}]))
    with pytest.raises(RuleViolation) as refused:
        check_inputs(entered, set(), AUGUST_2026)
    assert refused.value.field == "members.0.incomes.0.proven_costs"

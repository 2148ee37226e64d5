"""Old-age provision and health insurance of the self-employed (§ 11b Abs. 1 S. 1 Nr. 3 a, b SGB II).

They are Nr. 3 amounts, and for a person in work § 11b Abs. 2 S. 1 puts 100 EUR in place of Nr. 3–5; only with
more than 400 EUR a month do proven higher amounts replace it (Abs. 2 S. 2). So they count together with the
other proven costs, and only there. (The Bürgergeld-V, § 3 on profit, is not in our law folder.)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.benefits.domain.entered_incomes import EnteredIncome, check_income, month_incomes
from services.benefits.domain.income import earned_income_allowance
from services.benefits.domain.receipts import IncomeKind
from services.platform.errors import RuleViolation

MONTH = date(2026, 8, 1)


def profit(amount: str, **fields: str) -> EnteredIncome:
    values = {name: Decimal(value) for name, value in fields.items()}
    return EnteredIncome(IncomeKind.SELF_EMPLOYMENT, Decimal(amount), MONTH, net=Decimal(amount), **values)  # type: ignore[arg-type]


def allowance(income: EnteredIncome) -> Decimal:
    [pay], _ = month_incomes([income], MONTH, None)
    return earned_income_allowance(pay.gross, MONTH, proven_costs=pay.proven_costs)


@pytest.mark.parametrize(
    ("income", "expected", "why"),
    [
        (profit("1000", pension_provision="150"), "378.00", "150 replace 100: 150 + 84 + 144"),
        (profit("1000", pension_provision="60", health_insurance="30"), "328.00", "90 ≤ 100: 100 + 84 + 144"),
        (profit("1000", pension_provision="60", health_insurance="30", proven_costs="20"), "338.00", "110 + 228"),
        (profit("1000", health_insurance="100.01"), "328.01", "100.01 just above 100"),
        (profit("400", pension_provision="150"), "160.00", "400 is not more than 400 (Abs. 2 S. 2): 100 + 60"),
        (profit("400.01", pension_provision="150"), "210.00", "above 400: 150 + 20 % of 300.01 (60.00)"),
        (profit("1000"), "328.00", "nothing proven: the basic amount"),
    ],
)
def test_provision_and_insurance_of_the_self_employed_replace_the_basic_amount_above_400_section_11b_2_s_2(
    income: EnteredIncome, expected: str, why: str
) -> None:
    """§ 11b Abs. 1 S. 1 Nr. 3 a, b with Abs. 2 S. 1, 2 SGB II."""
    assert allowance(income) == Decimal(expected), why


def test_the_explanation_names_provision_and_insurance_with_their_letters_of_nr_3() -> None:
    [pay], _ = month_incomes([profit("1000", pension_provision="150", health_insurance="20")], MONTH, None)
    assert "Altersvorsorge bei Befreiung von der Rentenversicherungspflicht 150,00\u00a0€ (Nr. 3 Buchst. b)" in (
        pay.description
    )
    assert "ohne Zuschuss nach § 26 20,00\u00a0€ (Nr. 3 Buchst. a)" in pay.description


@pytest.mark.parametrize("name", ["pension_provision", "health_insurance"])
def test_provision_and_insurance_are_refused_on_an_employment(name: str) -> None:
    """An employee's compulsory contributions are Nr. 2, in `net`; other proven insurance goes to proven_costs."""
    income = EnteredIncome(IncomeKind.EMPLOYMENT, Decimal(1000), MONTH, net=Decimal(800), **{name: Decimal(50)})  # type: ignore[arg-type]
    with pytest.raises(RuleViolation) as raised:
        check_income(income, "x")
    assert raised.value.field == f"x.{name}"

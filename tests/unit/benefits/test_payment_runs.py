"""Rules of the payment run that need no database: months, run ids, what stops a payment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from services.benefits.domain.payment_runs import Candidate, parse_month, payment_problem, run_id_of
from services.platform.errors import RuleViolation


def test_a_month_is_written_as_year_and_month_and_names_its_run():
    assert parse_month("2027-01") == parse_month("2027-01-01") == date(2027, 1, 1)
    assert run_id_of(date(2027, 1, 1)) == "payments-2027-01"


@pytest.mark.parametrize("text", ["2027-13", "2027-1", "2027-01-15", "January"])
def test_anything_else_is_refused_naming_the_month(text):
    with pytest.raises(RuleViolation) as refused:
        parse_month(text)
    assert refused.value.field == "month"


@pytest.mark.parametrize("text", ["0000-01", "9999-12", "1899-12"])
def test_a_month_outside_the_plausible_years_is_refused_naming_the_month(text):
    with pytest.raises(RuleViolation) as refused:
        parse_month(text)
    assert refused.value.field == "month"


def test_a_household_of_an_office_without_cash_office_or_above_the_limit_is_not_paid_automatically():
    assert payment_problem(Candidate(uuid4(), "lutjenburg", Decimal("1234.56"))) is None
    assert payment_problem(Candidate(uuid4(), "lutjenburg", Decimal("10000.00"))) is None
    assert "Vier-Augen-Prinzip" in (payment_problem(Candidate(uuid4(), "celle", Decimal("10000.01"))) or "")
    assert payment_problem(Candidate(uuid4(), "bielefeld", Decimal("500.00"))) == (
        "office 'bielefeld' has no cash office (Kasse) to pay from"
    )

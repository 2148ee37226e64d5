"""Which months an operator may start a payment run for (workflows/payments/run_months.py)."""

from __future__ import annotations

from datetime import date

import pytest

from services.benefits.rule_tables.loading import load_rule_tables
from workflows.payments.run_months import FIRST_MONTH, month_refusal, next_month

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize("month", [date(2025, 8, 1), date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)])
def test_past_months_this_month_and_the_next_may_be_run(month):
    assert month_refusal(month, TODAY) is None


def test_the_first_month_of_the_rule_tables_may_be_run_the_one_before_not():
    assert month_refusal(FIRST_MONTH, TODAY) is None
    assert "first month of the rule tables" in str(month_refusal(date(2022, 12, 1), TODAY))


def test_a_month_beyond_the_next_and_a_day_other_than_the_first_are_refused():
    assert "beyond next month (2027-01)" in str(month_refusal(date(2027, 2, 1), TODAY))
    assert "beyond next month (2027-01)" in str(month_refusal(date(2027, 2, 1), date(2026, 12, 31)))
    assert month_refusal(date(2027, 1, 1), date(2026, 12, 31)) is None
    assert "not the first day" in str(month_refusal(date(2026, 11, 2), TODAY))


def test_next_month_turns_the_year():
    assert next_month(date(2026, 12, 1)) == date(2027, 1, 1) and next_month(date(2026, 1, 1)) == date(2026, 2, 1)


def test_the_first_month_is_the_first_regelbedarf_of_the_shipped_rule_tables():
    standard_need = load_rule_tables().rules["standard_need"]
    assert min(figure.valid_from for figure in standard_need.figures) == FIRST_MONTH

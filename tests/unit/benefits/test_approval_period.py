"""Bewilligungszeitraum (§ 41 Abs. 3 SGB II)."""

from __future__ import annotations

from datetime import date

import pytest

from services.benefits.domain import NoRuleForDate, approval_period


def test_the_approval_period_is_twelve_months_as_a_rule() -> None:
    """§ 41 Abs. 3 S. 1 SGB II."""
    period = approval_period(date(2026, 3, 15), provisional=False, housing_appropriate=True)
    assert (period.start, period.end, period.months) == (date(2026, 3, 1), date(2027, 2, 28), 12)


def test_a_provisional_decision_shortens_the_period_to_six_months() -> None:
    """§ 41 Abs. 3 S. 2 Nr. 1 SGB II with § 41a."""
    period = approval_period(date(2026, 3, 15), provisional=True, housing_appropriate=True)
    assert (period.end, period.months, period.paragraph) == (
        date(2026, 8, 31),
        6,
        "§ 41 Abs. 3 S. 2 Nr. 1 SGB II",
    )


def test_housing_costs_that_are_not_appropriate_shorten_the_period_to_six_months() -> None:
    """§ 41 Abs. 3 S. 2 Nr. 2 SGB II."""
    period = approval_period(date(2026, 11, 2), provisional=False, housing_appropriate=False)
    assert (period.start, period.end, period.months) == (date(2026, 11, 1), date(2027, 4, 30), 6)


def test_the_period_may_start_with_the_month_the_application_reaches_back_to() -> None:
    """§ 41 Abs. 3 SGB II with § 37 Abs. 2 S. 2: the application counts from the first of its month."""
    period = approval_period(date(2026, 3, 15), False, True, first_month=date(2026, 2, 10))
    assert (period.start, period.end) == (date(2026, 2, 1), date(2027, 1, 31))


def test_an_approval_period_before_the_known_rules_is_not_guessed() -> None:
    """§ 41 Abs. 3 SGB II: our rule table starts with 2023."""
    with pytest.raises(NoRuleForDate):
        approval_period(date(2022, 12, 1), provisional=False, housing_appropriate=True)

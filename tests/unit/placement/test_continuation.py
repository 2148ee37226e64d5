"""After the hire: continuation checks, confirmations and the end of an employment (K2E3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.placement.domain.employment import (
    CheckStatus,
    Pay,
    check_end,
    check_month_employed,
    is_repeat_confirmation,
    status_of_new_check,
)
from services.platform.errors import Conflict, RuleViolation

START = date(2026, 3, 16)


@pytest.mark.parametrize(
    ("month", "end_date", "status"),
    [
        pytest.param(date(2026, 3, 1), None, CheckStatus.OPEN, id="month of the start"),
        pytest.param(date(2026, 9, 1), None, CheckStatus.OPEN, id="sixth month after"),
        pytest.param(date(2026, 5, 1), date(2026, 5, 20), CheckStatus.OPEN, id="the month in which it ended"),
        pytest.param(date(2026, 6, 1), date(2026, 5, 31), CheckStatus.ENDED, id="the month after the end"),
    ],
)
def test_a_new_check_is_open_unless_its_month_begins_after_the_end(month, end_date, status) -> None:
    assert status_of_new_check(month, START, end_date) is status


def test_no_check_before_the_employment_started() -> None:
    with pytest.raises(RuleViolation, match="before the employment started") as refused:
        status_of_new_check(date(2026, 2, 1), START, None)
    assert refused.value.field == "month"


@pytest.mark.parametrize(
    ("month", "end_date"),
    [
        (date(2026, 2, 1), None),
        (date(2026, 6, 1), date(2026, 5, 31)),
    ],
)
def test_a_month_outside_the_employment_cannot_be_confirmed(month, end_date) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_month_employed(month, START, end_date)
    assert refused.value.field == "month"


def test_the_same_month_with_the_same_figures_is_a_repeat_and_other_figures_a_conflict() -> None:
    recorded = Pay(Decimal("2100.00"), Decimal("1580.00"))
    assert is_repeat_confirmation(date(2026, 4, 1), None, recorded) is False
    assert is_repeat_confirmation(date(2026, 4, 1), recorded, Pay(Decimal("2100"), Decimal("1580.0"))) is True
    with pytest.raises(Conflict, match="2026-04"):
        is_repeat_confirmation(date(2026, 4, 1), recorded, Pay(Decimal("2100.00"), Decimal("1500.00")))


def test_net_pay_above_gross_is_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        Pay(Decimal(1000), Decimal(1200)).check()
    assert refused.value.field == "net_pay"


def test_an_employment_ends_once() -> None:
    check_end(START, None, date(2026, 6, 30), last_confirmed=date(2026, 6, 1))
    with pytest.raises(Conflict):
        check_end(START, date(2026, 6, 30), date(2026, 7, 31), last_confirmed=None)


@pytest.mark.parametrize(
    ("end_date", "last_confirmed"),
    [
        pytest.param(date(2026, 3, 15), None, id="before the start"),
        pytest.param(date(2026, 5, 31), date(2026, 6, 1), id="before a confirmed month"),
    ],
)
def test_an_end_date_contradicting_the_record_is_refused(end_date, last_confirmed) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_end(START, None, end_date, last_confirmed)
    assert refused.value.field == "end_date"

"""The payments desk's rule: each simulated month's run starts on the month's first working day, the day the
payment run itself calls so (workflows/payments/calendar.py); and how its closing report reads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from simulator.calendar import VirtualCalendar, add_months
from simulator.ledger import Ledger, PaymentRunRecord
from simulator.payments import payments_lines, run_day, run_days
from workflows.payments.calendar import first_working_day


@pytest.mark.parametrize(
    ("month", "day"),
    [
        (date(2025, 8, 1), date(2025, 8, 1)),  # a Friday
        (date(2025, 11, 1), date(2025, 11, 3)),  # Saturday: the Monday
        (date(2026, 1, 1), date(2026, 1, 2)),  # Neujahr on a Thursday
        (date(2026, 5, 1), date(2026, 5, 4)),  # Tag der Arbeit on a Friday, then the weekend
        (date(2029, 4, 1), date(2029, 4, 3)),  # Easter Sunday on the 1st, Easter Monday on the 2nd
        (date(2026, 10, 1), date(2026, 10, 1)),  # Tag der Deutschen Einheit is the 3rd
    ],
)
def test_the_run_starts_on_the_first_working_day_of_the_month(month, day):
    assert run_day(month) == day


def test_the_desk_and_the_payment_run_agree_on_the_first_working_day_for_ten_years():
    months = [add_months(date(2023, 1, 1), n) for n in range(120)]
    assert [run_day(m) for m in months] == [first_working_day(m) for m in months]


def test_each_month_of_the_calendar_is_run_once_in_its_own_month():
    calendar = VirtualCalendar(date(2025, 8, 1), 16, 20.0)
    days = run_days(calendar)
    assert [m for m, _ in days] == [calendar.month(i) for i in range(16)]
    assert all(day.replace(day=1) == month and day.day <= 7 for month, day in days)
    assert [calendar.month_index(calendar.elapsed_at(day)) for _, day in days] == list(range(16))


def test_the_report_counts_only_completed_runs_and_names_the_others():
    ledger = Ledger([])
    ledger.payment_runs[date(2025, 9, 1)] = PaymentRunRecord("payments-2025-09", "completed", 3, Decimal("1500.10"), 1)
    ledger.payment_runs[date(2025, 8, 1)] = PaymentRunRecord("payments-2025-08", "completed", 0, Decimal("0.00"), 0)
    ledger.payment_runs[date(2025, 10, 1)] = PaymentRunRecord("payments-2025-10", "running", 2, Decimal("900.00"), 0)
    summary, months = payments_lines(ledger)
    assert summary == (
        "  payments desk: 2 of 3 monthly runs completed (0 refused), 3 payments to households, 1,500.10 € in all, "
        "1 not paid (for a clerk); 0 supplementary runs for those decided after their month's run"
    )
    assert months.endswith("2025-08 0 / 0.00 €, 2025-09 3 / 1,500.10 €, 2025-10 running")
    assert payments_lines(Ledger([])) == ["  payments desk: no payment run answered (0 refused)"]

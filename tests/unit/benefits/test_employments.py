"""Which pay flows in which month (Zuflussprinzip, § 11 Abs. 2 SGB II)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

from services.benefits.domain.employments import Employment, Pay, pay_lag, pays_by_client

CLIENT = uuid4()
EXPECTED = Pay(Decimal("2000.00"), Decimal("1500.00"))
ACTUAL = Pay(Decimal("1800.00"), Decimal("1380.00"))


def employment(first: date = date(2026, 8, 1), lag: int = 0, **kwargs: object) -> Employment:
    return Employment(uuid4(), CLIENT, EXPECTED, first, lag, **kwargs)  # type: ignore[arg-type]


def test_pay_paid_next_month_has_a_lag_of_one_month() -> None:
    assert pay_lag(date(2026, 8, 15), date(2026, 9, 1)) == 1
    assert pay_lag(date(2026, 8, 1), date(2026, 8, 31)) == 0
    assert pay_lag(date(2026, 8, 20), date(2026, 7, 31)) == 0


def test_no_pay_flows_before_the_first_pay_month() -> None:
    job = employment()
    assert job.pay_in(date(2026, 7, 1)) is None
    assert job.pay_in(date(2026, 8, 1)) == EXPECTED
    assert job.pay_in(date(2027, 3, 1)) == EXPECTED


def test_the_pay_for_the_last_month_worked_still_flows_after_a_lag() -> None:
    job = employment(first=date(2026, 9, 1), lag=1)
    assert job.last_inflow_after_end(date(2026, 11, 20)) == date(2026, 12, 1)


def test_an_ended_employment_pays_nothing_after_its_last_inflow() -> None:
    job = employment(last_inflow=date(2026, 10, 1))
    assert job.pay_in(date(2026, 10, 1)) == EXPECTED
    assert job.pay_in(date(2026, 11, 1)) is None


def test_confirmed_pay_replaces_the_expected_pay_from_its_month_on() -> None:
    job = employment(confirmed={date(2026, 9, 1): ACTUAL})
    assert job.pay_in(date(2026, 8, 1)) == EXPECTED
    assert job.pay_in(date(2026, 9, 1)) == ACTUAL
    assert job.pay_in(date(2026, 12, 1)) == ACTUAL


def test_a_confirmed_month_worked_flows_lag_months_later() -> None:
    assert employment(lag=1).inflow_of(date(2026, 8, 1)) == date(2026, 9, 1)


def test_pays_are_collected_per_client_for_the_month() -> None:
    jobs = [employment(), employment(first=date(2026, 10, 1))]
    assert pays_by_client(jobs, date(2026, 9, 1)) == {CLIENT: [EXPECTED]}
    assert pays_by_client(jobs, date(2026, 10, 1)) == {CLIENT: [EXPECTED, EXPECTED]}

"""Karenzzeit: one year from the first month of benefits (§ 22 Abs. 1 S. 2 SGB II)."""

from __future__ import annotations

from datetime import date

from services.benefits.domain.grace_period import in_grace_period


def test_the_karenzzeit_covers_the_first_twelve_months_of_benefits() -> None:
    start = date(2026, 3, 1)
    assert in_grace_period(start, date(2026, 3, 1))
    assert in_grace_period(start, date(2027, 2, 1))
    assert not in_grace_period(start, date(2027, 3, 1))


def test_months_before_the_first_month_of_benefits_are_not_in_the_karenzzeit() -> None:
    assert not in_grace_period(date(2026, 3, 1), date(2026, 2, 1))


def test_benefits_before_2023_do_not_count_towards_the_karenzzeit() -> None:
    """§ 65 Abs. 2: a household on benefits since 2021 still had its Karenzzeit in 2023."""
    assert in_grace_period(date(2021, 5, 1), date(2023, 12, 1))
    assert not in_grace_period(date(2021, 5, 1), date(2024, 1, 1))

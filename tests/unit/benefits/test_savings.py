"""Savings from employment starts, set off per client, office, programme and month (seed 003)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

from services.benefits.domain.savings import GroupBy, Saving, savings_report, total

JAN, MAR, JUN, DEC = date(2026, 1, 1), date(2026, 3, 1), date(2026, 6, 1), date(2026, 12, 1)


def saving(office: str, program: str | None, month: date, before: str, after: str, end: date | None = None) -> Saving:
    return Saving(uuid4(), uuid4(), office, program, month, end, Decimal(before), Decimal(after))


SAVINGS = [
    saving("plon", "joboffensive", MAR, "1043.00", "571.00"),  # 472 a month from March on
    saving("plon", None, JUN, "800.00", "0.00", end=date(2026, 7, 1)),  # 800 in June and July
    saving("celle", "joboffensive", date(2025, 11, 1), "500.00", "300.00"),  # started before the range
]


def test_by_office_the_starts_and_the_saving_over_the_months_they_lasted_add_up() -> None:
    groups = {g.key: g for g in savings_report(SAVINGS, GroupBy.OFFICE, JAN, DEC)}
    assert groups["plon"].employment_starts == 2
    assert groups["plon"].monthly_saving == Decimal("1272.00")
    assert groups["plon"].accumulated_saving == Decimal(472 * 10 + 800 * 2)
    assert (groups["celle"].employment_starts, groups["celle"].accumulated_saving) == (0, Decimal(200 * 12))


def test_by_programme_a_start_without_a_programme_has_no_key() -> None:
    groups = {g.key: g.employment_starts for g in savings_report(SAVINGS, GroupBy.PROGRAM, JAN, DEC)}
    assert groups == {None: 1, "joboffensive": 1}


def test_by_month_each_month_shows_what_was_saved_in_it() -> None:
    groups = {g.key: g for g in savings_report(SAVINGS, GroupBy.MONTH, JAN, DEC)}
    assert groups["2026-02-01"].accumulated_saving == Decimal(200)
    assert groups["2026-06-01"].accumulated_saving == Decimal(200 + 472 + 800)
    assert groups["2026-08-01"].accumulated_saving == Decimal(200 + 472)
    assert groups["2026-03-01"].employment_starts == 1


def test_the_total_matches_the_sum_of_the_groups() -> None:
    groups = savings_report(SAVINGS, GroupBy.CLIENT, JAN, DEC)
    assert total(SAVINGS, JAN, DEC).accumulated_saving == sum(g.accumulated_saving for g in groups)

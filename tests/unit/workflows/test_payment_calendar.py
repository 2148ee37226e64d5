"""The payment run's calendar: the first working day of a month, weekends and nationwide holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from workflows.payments.calendar import (
    LATEST_FIRST_WORKING_DAY,
    berlin_date,
    easter_sunday,
    first_working_day,
    is_working_day,
)


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        (date(2027, 1, 1), date(2027, 1, 4)),  # Friday, but Neujahr; then the weekend
        (date(2027, 2, 1), date(2027, 2, 1)),  # a Monday
        (date(2026, 8, 1), date(2026, 8, 3)),  # Saturday → Monday
        (date(2026, 5, 1), date(2026, 5, 4)),  # Tag der Arbeit on a Friday
        (date(2021, 10, 1), date(2021, 10, 1)),  # a Friday before the Sunday 3 October
        (date(2022, 10, 1), date(2022, 10, 4)),  # Saturday, Sunday, then Monday 3 October (Einheit)
        (date(2024, 4, 1), date(2024, 4, 2)),  # Ostermontag on the 1st
        (date(2021, 4, 1), date(2021, 4, 1)),  # Thursday before Karfreitag
    ],
)
def test_the_first_working_day_skips_weekends_and_nationwide_holidays(month, expected):
    assert first_working_day(month) == expected


def test_a_month_given_by_any_of_its_days_has_the_same_first_working_day():
    assert first_working_day(date(2027, 1, 19)) == date(2027, 1, 4)


def test_good_friday_on_the_first_and_easter_monday_on_the_fourth_make_the_fifth_the_latest_possible():
    assert easter_sunday(2078) == date(2078, 4, 3)
    assert first_working_day(date(2078, 4, 1)) == date(2078, 4, 5)
    latest = max(first_working_day(date(y, m, 1)).day for y in range(2000, 2400) for m in range(1, 13))
    assert latest == 5 <= LATEST_FIRST_WORKING_DAY


def test_easter_follows_the_gregorian_computus():
    assert [easter_sunday(y) for y in (2024, 2025, 2026, 2027, 2038)] == [
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2038, 4, 25),
    ]


def test_whit_monday_and_ascension_are_holidays_but_a_land_holiday_only_when_given():
    assert not is_working_day(date(2026, 5, 14))  # Christi Himmelfahrt
    assert not is_working_day(date(2026, 5, 25))  # Pfingstmontag
    all_saints = date(2024, 11, 1)  # Friday; a holiday in NRW, not nationwide
    assert first_working_day(all_saints) == all_saints
    assert first_working_day(all_saints, extra={all_saints}) == date(2024, 11, 4)


def test_the_date_is_the_one_in_germany_not_in_utc():
    assert berlin_date(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2027, 1, 1)
    assert berlin_date(datetime(2026, 7, 31, 22, 30, tzinfo=UTC)) == date(2026, 8, 1)

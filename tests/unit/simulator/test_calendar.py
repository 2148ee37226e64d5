"""The virtual calendar maps real seconds to business days, and back."""

from __future__ import annotations

from datetime import date

import pytest

from simulator.calendar import Clock, VirtualCalendar, add_months, last_of_month

CALENDAR = VirtualCalendar(date(2025, 7, 1), months=16, seconds_per_month=10.0)


def test_months_are_added_across_year_ends():
    assert add_months(date(2025, 11, 1), 3) == date(2026, 2, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert last_of_month(date(2026, 2, 1)) == date(2026, 2, 28)


def test_each_month_lasts_the_given_seconds():
    assert CALENDAR.day_at(0) == date(2025, 7, 1)
    assert CALENDAR.day_at(9.99) == date(2025, 7, 31)
    assert CALENDAR.day_at(10) == date(2025, 8, 1)
    assert CALENDAR.day_at(65) == date(2026, 1, 16)
    assert CALENDAR.month_index(159.9) == 15


@pytest.mark.parametrize("day", [date(2025, 7, 1), date(2025, 12, 31), date(2026, 2, 14), date(2026, 10, 31)])
def test_the_moment_a_day_begins_maps_back_to_that_day(day):
    assert CALENDAR.day_at(CALENDAR.elapsed_at(day)) == day


def test_a_calendar_ending_before_today_lies_wholly_in_the_past():
    calendar = VirtualCalendar.ending_before(date(2026, 11, 21), months=16, seconds_per_month=30)
    assert calendar.first_month == date(2025, 7, 1)
    assert calendar.last_month == date(2026, 10, 1)
    assert calendar.duration == 480


def test_a_calendar_must_start_on_the_first_of_a_month():
    with pytest.raises(ValueError):
        VirtualCalendar(date(2025, 7, 2), months=1, seconds_per_month=10)


def test_the_clock_reads_elapsed_real_time_as_a_business_day():
    now = [100.0]
    clock = Clock(CALENDAR, monotonic=lambda: now[0])
    now[0] += 25.0
    assert clock.today() == date(2025, 9, 16)
    assert clock.month_index() == 2

"""The business calendar: a compressed calendar pinned to a dated fact, and its inverse."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from workflows.business_calendar import BERLIN, BusinessCalendar, start_of

HEARD_AT = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # workflow time the pinned fact was heard
MISSED_ON = date(2025, 9, 8)


def test_the_real_calendar_is_the_worker_clock():
    calendar = BusinessCalendar(MISSED_ON, HEARD_AT)
    moment = datetime(2026, 1, 5, 10, tzinfo=BERLIN)
    assert calendar.worker_moment(moment) == moment and calendar.moment(moment) == moment
    assert calendar.after(timedelta(days=14)) == timedelta(days=14)


def test_a_compressed_month_of_thirty_days_lasts_seconds_per_month():
    calendar = BusinessCalendar(MISSED_ON, HEARD_AT, seconds_per_month=20.0)
    assert calendar.worker_moment(start_of(MISSED_ON)) == HEARD_AT
    assert calendar.worker_moment(start_of(MISSED_ON + timedelta(days=30))) == HEARD_AT + timedelta(seconds=20)
    assert calendar.after(timedelta(days=15)) == timedelta(seconds=10)


def test_the_day_is_the_inverse_of_the_moment():
    calendar = BusinessCalendar(MISSED_ON, HEARD_AT, seconds_per_month=20.0)
    for days in (0, 1, 14, 183, 400):
        noon = datetime.combine(MISSED_ON + timedelta(days=days), datetime.min.time(), BERLIN) + timedelta(hours=12)
        assert calendar.day(calendar.worker_moment(noon)) == MISSED_ON + timedelta(days=days)


def test_a_fact_heard_late_moves_what_follows_later_never_earlier():
    on_time = BusinessCalendar(MISSED_ON, HEARD_AT, seconds_per_month=20.0)
    late = BusinessCalendar(MISSED_ON, HEARD_AT + timedelta(seconds=5), seconds_per_month=20.0)
    six_months = start_of(date(2026, 3, 8))
    assert late.worker_moment(six_months) > on_time.worker_moment(six_months)

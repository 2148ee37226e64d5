"""The cohort timer's moments on the real calendar and on the demo's compressed one (workflows/cohort/schedule.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from workflows.cohort.models import BERLIN
from workflows.cohort.schedule import on_worker_clock
from workflows.journey.policy import DAYS_PER_MONTH

STARTED = datetime(2026, 12, 3, 7, 0, tzinfo=UTC)
STARTS_ON = date(2025, 2, 4)


def test_on_the_real_calendar_a_moment_is_itself():
    moment = datetime(2027, 9, 8, 0, 30, tzinfo=BERLIN)
    assert on_worker_clock(moment, STARTS_ON, STARTED, None) == moment


def test_on_a_compressed_calendar_a_thirty_day_month_after_the_first_day_lasts_its_seconds():
    month_later = datetime.combine(STARTS_ON + timedelta(days=DAYS_PER_MONTH), time(0), BERLIN)
    assert on_worker_clock(month_later, STARTS_ON, STARTED, 20.0) == STARTED + timedelta(seconds=20)


def test_a_demo_cohort_of_eight_months_closes_about_160_seconds_after_it_started_at_20_seconds_a_month():
    ends_on = date(2025, 10, 4)  # 4 Feb + 8 months: 242 days
    close = on_worker_clock(datetime.combine(ends_on + timedelta(days=1), time(0, 30), BERLIN), STARTS_ON, STARTED, 20)
    remind = on_worker_clock(datetime.combine(ends_on - timedelta(days=14), time(8), BERLIN), STARTS_ON, STARTED, 20)
    assert STARTED < remind < close
    assert abs((close - STARTED).total_seconds() - 243 / DAYS_PER_MONTH * 20) < 1
    assert abs((close - remind).total_seconds() - 14.7 / DAYS_PER_MONTH * 20) < 0.2  # the two weeks, compressed


def test_a_compressed_moment_before_the_first_day_lies_before_the_start():
    """A timer started late acts at once: its wait is negative (CohortTimer._sleep_until)."""
    before = datetime.combine(STARTS_ON - timedelta(days=3), time(0), BERLIN)
    assert on_worker_clock(before, STARTS_ON, STARTED, 20.0) < STARTED

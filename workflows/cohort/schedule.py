"""When the cohort timer acts, on the real calendar or on the demo's compressed one. Pure, no I/O.

On a compressed calendar the timer pins the calendar to the cohort's first day (`starts_on`) at the moment it
started (workflows/business_calendar.py). A demo cohort is opened a few days before its first session, so it
acts those few compressed days early on the demo's calendar; staff can record an outcome after the close
(dated up to the last day).
"""

from __future__ import annotations

from datetime import date, datetime

from workflows.business_calendar import BusinessCalendar


def on_worker_clock(moment: datetime, starts_on: date, started: datetime, seconds_per_month: float | None) -> datetime:
    """The worker's time for `moment` of the cohort's calendar; `started`: when the timer started."""
    return BusinessCalendar(starts_on, started, seconds_per_month).worker_moment(moment)

"""When the cohort timer acts, on the real calendar or on the demo's compressed one. Pure, no I/O.

On the real calendar a moment is a moment. On a compressed calendar (a month of `seconds_per_month` seconds)
the cohort's dates do not lie on the worker's clock: the timer counts the days from the cohort's first day
(`starts_on`, 00:00 Europe/Berlin) to the moment, scales them by the compression and adds them to the moment it
started. A demo cohort is opened a few days before its first session, so it acts those few compressed days
early on the demo's calendar; staff can record an outcome after the close (dated up to the last day).
"""

from __future__ import annotations

from datetime import date, datetime, time

from workflows.cohort.models import BERLIN
from workflows.journey.policy import REAL_MONTH_SECONDS


def on_worker_clock(moment: datetime, starts_on: date, started: datetime, seconds_per_month: float | None) -> datetime:
    """The worker's time for `moment` of the cohort's calendar; `started`: when the timer started."""
    if seconds_per_month is None:
        return moment
    since_start = moment - datetime.combine(starts_on, time(0), BERLIN)
    return started + since_start * (seconds_per_month / REAL_MONTH_SECONDS)

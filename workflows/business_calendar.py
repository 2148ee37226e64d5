"""The calendar a workflow acts on: the real one, or the demo's compressed one. Pure, no I/O.

On the real calendar a day's moment is that moment. On a compressed calendar (a month of `seconds_per_month`
seconds of workflow time) the calendar's days do not lie on the worker's clock: a workflow pins the calendar to
a dated fact it heard (the cohort's first day, the registration, the missed appointment) at the workflow time it
heard it, and counts the days from there, scaled by the compression. A fact that reached the worker late only
makes what follows later on the calendar, never earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from workflows.journey.policy import REAL_MONTH_SECONDS  # a month of 30 days (§ 41 Abs. 1 SGB II), as journeys

BERLIN = ZoneInfo("Europe/Berlin")


def start_of(day: date) -> datetime:
    """00:00 of `day` in Europe/Berlin, the calendar's days."""
    return datetime.combine(day, time(0), BERLIN)


@dataclass(frozen=True)
class BusinessCalendar:
    """A calendar pinned at `pinned_on` (00:00 Europe/Berlin) to the workflow time `pinned_at`."""

    pinned_on: date
    pinned_at: datetime
    seconds_per_month: float | None = None  # None: the real calendar

    @property
    def compressed(self) -> bool:
        return self.seconds_per_month is not None

    @property
    def _scale(self) -> float:
        return (self.seconds_per_month or REAL_MONTH_SECONDS) / REAL_MONTH_SECONDS

    def worker_moment(self, moment: datetime) -> datetime:
        """The workflow time at which the calendar's `moment` is reached."""
        if not self.compressed:
            return moment
        return self.pinned_at + (moment - start_of(self.pinned_on)) * self._scale

    def moment(self, worker_time: datetime) -> datetime:
        """The calendar's moment at `worker_time` (the inverse of `worker_moment`)."""
        if not self.compressed:
            return worker_time
        return start_of(self.pinned_on) + (worker_time - self.pinned_at) / self._scale

    def day(self, worker_time: datetime) -> date:
        """The calendar's day (Europe/Berlin) at `worker_time`."""
        return self.moment(worker_time).astimezone(BERLIN).date()

    def after(self, span: timedelta) -> timedelta:
        """How long `span` of the calendar lasts in workflow time."""
        return span * self._scale if self.compressed else span

"""The virtual calendar: business months that pass every `seconds_per_month` real seconds.

The journey worker runs its timers on the same compression (`LOTSE_WORKER_SECONDS_PER_MONTH`), so a
month in the simulator is a month for the journeys. The simulated months all lie in the past: services
refuse contacts and confirmations dated in the future, and the law tables are known for past years.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    """The first day of the month `count` months after `month`'s."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def days_in_month(month: date) -> int:
    return (add_months(month, 1) - first_of_month(month)).days


def last_of_month(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


@dataclass(frozen=True)
class VirtualCalendar:
    first_month: date
    months: int
    seconds_per_month: float

    def __post_init__(self) -> None:
        if self.first_month.day != 1 or self.months < 1 or self.seconds_per_month <= 0:
            raise ValueError("the calendar starts on the first of a month and lasts a positive number of months")

    @classmethod
    def ending_before(cls, today: date, months: int, seconds_per_month: float) -> VirtualCalendar:
        """`months` months that end with the month before `today`'s."""
        return cls(add_months(first_of_month(today), -months), months, seconds_per_month)

    @property
    def last_month(self) -> date:
        return self.month(self.months - 1)

    @property
    def duration(self) -> float:
        """Real seconds from the first day to the end of the last month."""
        return self.months * self.seconds_per_month

    def month(self, index: int) -> date:
        return add_months(self.first_month, index)

    def month_index(self, elapsed: float) -> int:
        return math.floor(elapsed / self.seconds_per_month)

    def day_at(self, elapsed: float) -> date:
        """The business day at `elapsed` real seconds after the start."""
        index = self.month_index(elapsed)
        month = self.month(index)
        length = days_in_month(month)
        day = math.floor((elapsed / self.seconds_per_month - index) * length + 1e-9)  # float noise at day starts
        return month + timedelta(days=min(length - 1, day))

    def elapsed_at(self, day: date) -> float:
        """Real seconds after the start at which the business day `day` begins."""
        month = first_of_month(day)
        index = (month.year - self.first_month.year) * 12 + month.month - self.first_month.month
        return (index + (day.day - 1) / days_in_month(month)) * self.seconds_per_month

    def is_over(self, elapsed: float) -> bool:
        return elapsed >= self.duration


class Clock:
    """Real time since the simulation started, read through the calendar."""

    def __init__(self, calendar: VirtualCalendar, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.calendar = calendar
        self._monotonic = monotonic
        self._started = monotonic()

    def elapsed(self) -> float:
        return self._monotonic() - self._started

    def today(self) -> date:
        return self.calendar.day_at(self.elapsed())

    def month_index(self) -> int:
        return self.calendar.month_index(self.elapsed())

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def until(self, day: date) -> None:
        """Sleep until the business day `day` has begun."""
        await asyncio.sleep(max(0.0, self.calendar.elapsed_at(day) - self.elapsed()))

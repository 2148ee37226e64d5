"""Working days for the payment run: weekends and Germany's nationwide public holidays. No I/O.

Nationwide (bundeseinheitlich) holidays only: the days a bank or cash office of any Land is
closed. Holidays of single Länder (e.g. Allerheiligen in NRW) can be passed as `extra`.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
# The first working day of a month is never later than the 5th with nationwide holidays
# (Good Friday on the 1st, Easter Monday on the 4th); the 7th leaves room for Land holidays.
LATEST_FIRST_WORKING_DAY = 7


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def national_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    fixed = [(1, 1), (5, 1), (10, 3), (12, 25), (12, 26)]  # Neujahr, Tag der Arbeit, Einheit, Weihnachten
    moving = [-2, 1, 39, 50]  # Karfreitag, Ostermontag, Christi Himmelfahrt, Pfingstmontag
    return frozenset([date(year, m, d) for m, d in fixed] + [easter + timedelta(days=n) for n in moving])


def is_working_day(day: date, extra: Collection[date] = ()) -> bool:
    return day.weekday() < 5 and day not in national_holidays(day.year) and day not in extra


def first_working_day(month: date, extra: Collection[date] = ()) -> date:
    """The first Monday–Friday of `month` that is no public holiday."""
    day = month.replace(day=1)
    while not is_working_day(day, extra):
        day += timedelta(days=1)
    return day


def berlin_date(moment: datetime) -> date:
    """The calendar date in Germany at an aware instant."""
    return moment.astimezone(UTC).astimezone(BERLIN).date()

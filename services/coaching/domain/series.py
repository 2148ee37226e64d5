"""Weekly series of appointments, e.g. a cohort's sessions (Wetzlar's "Gemeinsam" meets weekly). No I/O here.

Occurrences keep the wall-clock time in Europe/Berlin across the change to and from summer time; an occurrence
on a public holiday is left out (the office is closed), not moved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.coaching.domain.offices import BERLIN
from services.platform.errors import RuleViolation

MAX_OCCURRENCES = 60  # more than a year of weekly sessions; Gemeinsam runs 8 months


@dataclass(frozen=True)
class Occurrences:
    starts: list[datetime]  # aware, UTC
    skipped: list[date]  # public holidays


def weekly(first: datetime, until: date, is_holiday: Callable[[date], bool]) -> Occurrences:
    """Every week from `first` up to and including `until`, at the same local time."""
    local = first.astimezone(BERLIN)
    if until < local.date():
        raise RuleViolation("until", "the series ends before its first occurrence")
    weeks = (until - local.date()).days // 7 + 1
    if weeks > MAX_OCCURRENCES:
        raise RuleViolation("until", f"a series has at most {MAX_OCCURRENCES} weekly occurrences")
    days = [local.date() + timedelta(weeks=i) for i in range(weeks)]
    starts = [datetime.combine(d, local.time(), BERLIN) for d in days if not is_holiday(d)]
    return Occurrences([s.astimezone(first.tzinfo) for s in starts], [d for d in days if is_holiday(d)])

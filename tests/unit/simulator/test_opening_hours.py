"""In-person meetings lie within the office's opening hours (Lütjenburg: daily 8–12:30, Thursday also 14–18)."""

from __future__ import annotations

import random
from datetime import date

from simulator.calendar import BERLIN
from simulator.opening_hours import is_open, meeting_on_or_before, meeting_times, parse

LUTJENBURG = parse(
    [{"weekday": d, "opens": "08:00", "closes": "12:30"} for d in range(5)]
    + [{"weekday": 3, "opens": "14:00", "closes": "18:00"}]
)


def test_every_meeting_lies_within_opening_hours():
    rng = random.Random(1)
    for month in (date(2025, 10, 1), date(2026, 3, 1)):  # summer and winter time
        meetings = meeting_times(LUTJENBURG, month, 4, rng)
        assert len(meetings) == 4
        assert all(is_open(LUTJENBURG, m) for m in meetings)
        assert all(m.astimezone(BERLIN).date().replace(day=1) == month for m in meetings)


def test_four_meetings_a_month_are_spread_over_the_month():
    meetings = meeting_times(LUTJENBURG, date(2026, 3, 1), 4, random.Random(3))
    days = [m.astimezone(BERLIN).day for m in meetings]
    assert days == sorted(days) and days[-1] - days[0] >= 14


def test_no_meeting_lies_before_the_day_asked():
    meetings = meeting_times(LUTJENBURG, date(2026, 3, 1), 4, random.Random(5), not_before=date(2026, 3, 20))
    assert meetings and all(m.astimezone(BERLIN).date() >= date(2026, 3, 20) for m in meetings)


def test_a_thursday_afternoon_is_open_but_a_friday_afternoon_is_not():
    from datetime import datetime

    assert is_open(LUTJENBURG, datetime(2026, 3, 5, 15, 0, tzinfo=BERLIN))
    assert not is_open(LUTJENBURG, datetime(2026, 3, 6, 15, 0, tzinfo=BERLIN))
    assert not is_open(LUTJENBURG, datetime(2026, 3, 6, 12, 15, tzinfo=BERLIN))  # would end after 12:30


def test_a_weekend_day_falls_back_to_the_friday_before():
    meeting = meeting_on_or_before(LUTJENBURG, date(2026, 3, 8), random.Random(1))  # a Sunday
    assert meeting is not None and meeting.astimezone(BERLIN).date() == date(2026, 3, 6)

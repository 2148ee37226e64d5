"""When staff can meet a client in person: inside the office's opening hours (Europe/Berlin). Pure, no I/O."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from simulator.calendar import BERLIN, days_in_month

MEETING_MINUTES = 30
SLOT_MINUTES = 15


@dataclass(frozen=True)
class OpeningSpan:
    weekday: int  # 0 = Monday
    opens: time
    closes: time

    def slots(self) -> list[time]:
        """Start times of meetings that end before closing, every 15 minutes."""
        start = datetime.combine(date(2000, 1, 3), self.opens)
        last = datetime.combine(date(2000, 1, 3), self.closes) - timedelta(minutes=MEETING_MINUTES)
        found = []
        while start <= last:
            found.append(start.time())
            start += timedelta(minutes=SLOT_MINUTES)
        return found


def parse(rows: Iterable[Mapping[str, object]]) -> list[OpeningSpan]:
    """The `opening_hours` of coaching's GET /offices/{id}: [{weekday, opens: "08:00", closes: "12:30"}]."""
    return [
        OpeningSpan(int(str(r["weekday"])), time.fromisoformat(str(r["opens"])), time.fromisoformat(str(r["closes"])))
        for r in rows
    ]


def is_open(spans: Sequence[OpeningSpan], moment: datetime) -> bool:
    local = moment.astimezone(BERLIN)
    end = (local + timedelta(minutes=MEETING_MINUTES)).time()
    return any(s.weekday == local.weekday() and s.opens <= local.time() and end <= s.closes for s in spans)


def meeting_times(
    spans: Sequence[OpeningSpan], month: date, count: int, rng: random.Random, not_before: date | None = None
) -> list[datetime]:
    """Up to `count` meetings in `month`, one in each equal part of it, each inside opening hours (aware UTC)."""
    length = days_in_month(month)
    first_day = max(1, not_before.day if not_before and not_before.replace(day=1) == month else 1)
    found = []
    for part in range(count):
        days = [
            month.replace(day=d)
            for d in range(1, length + 1)
            if part * length <= (d - 1) * count < (part + 1) * length and d >= first_day
        ]
        candidates = [(day, span) for day in days for span in spans if span.weekday == day.weekday()]
        if not candidates:
            continue
        day, span = rng.choice(candidates)
        found.append(datetime.combine(day, rng.choice(span.slots()), BERLIN).astimezone(UTC))
    return found


def meeting_on_or_before(spans: Sequence[OpeningSpan], day: date, rng: random.Random) -> datetime | None:
    """A meeting on `day`, or on the last day before it with opening hours (within a week)."""
    for back in range(7):
        candidate = day - timedelta(days=back)
        open_spans = [s for s in spans if s.weekday == candidate.weekday()]
        if open_spans:
            span = rng.choice(open_spans)
            return datetime.combine(candidate, rng.choice(span.slots()), BERLIN).astimezone(UTC)
    return None

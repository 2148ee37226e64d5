"""An office closed for a period (with the reason and a substitute office), and what that means for bookings and
for the office's opening hours once it reopens. No I/O here.

- Closed from `starts_on` through `ends_on` (both Europe/Berlin days, inclusive). Nothing is booked there
  meanwhile (HTTP 409, naming the substitute).
- Its booked appointments in the period go to the substitute office, each moved exactly once, with their staff
  (the closed office's staff serve their clients from the substitute office meanwhile) and their clients. An
  appointment keeps its time when the substitute is open then and nobody and no room of it is booked; otherwise
  it takes the substitute's next opening slot (whole `step` minutes from the opening) without a clash, on a day
  that is no public holiday, within `search_days`. A group session takes a room of the substitute that holds it.
  An appointment no slot is found for stays where it is and is reported, never double-booked.
- Reopening may change the opening hours: from the day after `ends_on` the office keeps `reopening_hours`
  (Lütjenburg reopens "daily 8:00–12:30, Thursday also 14:00–18:00", seed 000).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from uuid import UUID

from services.coaching.domain.appointment_policy import Room
from services.coaching.domain.appointments import Booking, clashes
from services.coaching.domain.offices import BERLIN, Office, OpeningSpan
from services.platform.errors import Conflict, RuleViolation

MAX_CLOSURE_DAYS = 366


@dataclass(frozen=True)
class CloseOffice:
    office_id: str
    starts_on: date
    ends_on: date
    reason: str
    substitute_office_id: str
    reopening_hours: tuple[OpeningSpan, ...] | None  # None: the hours stay as they were


@dataclass(frozen=True)
class Closure:
    closure_id: UUID
    office_id: str
    starts_on: date
    ends_on: date
    reason: str
    substitute_office_id: str
    reopening_hours: tuple[OpeningSpan, ...] | None

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


class OfficeClosed(Conflict):
    """A booking at an office closed on that day (HTTP 409)."""


def check_closure(cmd: CloseOffice, office: Office | None, substitute: Office | None, today: date) -> None:
    if office is None:
        raise RuleViolation("office_id", "unknown office")
    if substitute is None:
        raise RuleViolation("substitute_office_id", "unknown office")
    if substitute.office_id == office.office_id:
        raise RuleViolation("substitute_office_id", "must be another office than the one closed")
    if cmd.ends_on < cmd.starts_on:
        raise RuleViolation("ends_on", "lies before starts_on")
    if cmd.starts_on < today:
        raise RuleViolation("starts_on", "lies in the past: a closure is announced ahead (or from today)")
    if (cmd.ends_on - cmd.starts_on).days >= MAX_CLOSURE_DAYS:
        raise RuleViolation("ends_on", f"a closure lasts at most {MAX_CLOSURE_DAYS} days; close again after that")
    if cmd.reopening_hours is not None and not cmd.reopening_hours:
        raise RuleViolation("reopening_hours", "give at least one opening span, or leave it out to keep the hours")


def check_no_overlap(cmd: CloseOffice, existing: Iterable[Closure]) -> None:
    for other in existing:
        if other.starts_on <= cmd.ends_on and cmd.starts_on <= other.ends_on:
            raise Conflict(f"the office is already closed from {other.starts_on} to {other.ends_on}")


def check_open(
    office: Office, closures: Iterable[Closure], at: datetime, offices: Callable[[str], Office | None]
) -> None:
    day = at.astimezone(BERLIN).date()
    for closure in closures:
        if closure.covers(day):
            substitute = offices(closure.substitute_office_id)
            name = substitute.name if substitute else closure.substitute_office_id
            raise OfficeClosed(
                f"{office.name} is closed from {closure.starts_on:%d.%m.%Y} to {closure.ends_on:%d.%m.%Y} "
                f"({closure.reason}): book at {name} ({closure.substitute_office_id}) instead"
            )


def hours_on(office: Office, closures: Iterable[Closure], day: date) -> Office:
    """The office as it is open on `day`: the hours set by the latest reopening before it, else its own."""
    reopened = [c for c in closures if c.reopening_hours is not None and c.ends_on < day]
    if not reopened:
        return office
    latest = max(reopened, key=lambda c: c.ends_on)
    assert latest.reopening_hours is not None
    return replace(office, opening_hours=latest.reopening_hours)


@dataclass(frozen=True)
class ToMove:
    """A booked appointment of the closed office: what it occupies, and the room size a group needs."""

    booking: Booking
    capacity: int | None  # a group session's capacity; None: no room needed


@dataclass(frozen=True)
class Moved:
    appointment_id: UUID
    starts_at: datetime
    room_id: str | None


class BookedDays:
    """The bookings by their day in Berlin: a candidate is checked against its own day's only (appointments lie
    within opening hours, so none spans midnight). Closing a branch of 850 clients checked each candidate
    against every booking of the fortnight before: 850 × 850 comparisons (`bench/office_closure.py`)."""

    def __init__(self, bookings: Iterable[Booking]) -> None:
        self._days: dict[date, list[Booking]] = {}
        for booking in bookings:
            self.add(booking)

    def on(self, day: date) -> list[Booking]:
        return self._days.get(day, [])

    def add(self, booking: Booking) -> None:
        self._days.setdefault(_day(booking.starts_at), []).append(booking)

    def move(self, before: datetime, booking: Booking) -> None:
        """`booking` (by its appointment id) leaves the day of `before` and is booked at its new time."""
        day = _day(before)
        self._days[day] = [b for b in self.on(day) if b.appointment_id != booking.appointment_id]
        self.add(booking)


def _day(at: datetime) -> date:
    return at.astimezone(BERLIN).date()


@dataclass(frozen=True)
class Rebooking:
    substitute: Office
    rooms: Sequence[Room]  # the substitute's rooms
    is_holiday: Callable[[date], bool]
    step_minutes: int = 30
    search_days: int = 14

    def place(self, item: ToMove, booked: BookedDays) -> Moved | None:
        """The first free start at the substitute from the appointment's own time on; None: none in reach."""
        for start in self._starts(item.booking.starts_at.astimezone(BERLIN), item.booking.minutes):
            for room in self._rooms_for(item):
                candidate = replace(item.booking, starts_at=start, room=room)
                if not clashes(candidate, booked.on(_day(start))):
                    return Moved(item.booking.appointment_id or UUID(int=0), start, room)
        return None

    def _rooms_for(self, item: ToMove) -> list[str | None]:
        if item.capacity is None:
            return [None]
        return [r.room_id for r in sorted(self.rooms, key=lambda r: r.capacity) if r.capacity >= item.capacity]

    def _starts(self, first: datetime, minutes: int) -> Iterable[datetime]:
        if self._open(first, minutes):
            yield first
        step = timedelta(minutes=self.step_minutes)
        for offset in range(self.search_days + 1):
            day = first.date() + timedelta(days=offset)
            if self.is_holiday(day):
                continue
            for span in (s for s in self.substitute.opening_hours if s.weekday == day.weekday()):
                start = datetime.combine(day, span.opens, BERLIN)
                while span.covers(start, minutes):
                    if start > first:
                        yield start
                    start += step

    def _open(self, at: datetime, minutes: int) -> bool:
        return not self.is_holiday(at.date()) and any(s.covers(at, minutes) for s in self.substitute.opening_hours)


def spans_from(rows: Iterable[tuple[int, time, time]]) -> tuple[OpeningSpan, ...]:
    spans = tuple(OpeningSpan(weekday, opens, closes) for weekday, opens, closes in rows)
    for position, span in enumerate(spans):
        if not 0 <= span.weekday <= 6:
            raise RuleViolation(f"reopening_hours.{position}.weekday", "0 (Monday) to 6 (Sunday)")
        if span.opens >= span.closes:
            raise RuleViolation(f"reopening_hours.{position}.closes", "must lie after opens")
    return spans

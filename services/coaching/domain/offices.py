"""Offices and when they are open: in-person business happens inside opening hours, Europe/Berlin.

Lütjenburg (seed 000) is open daily 08:00–12:30 and on Thursdays also 14:00–18:00; Celle
holds a monthly "JobLokal" consultation day in town halls (seed 001). Closing times are
exclusive: a contact at 12:30 in Lütjenburg is outside the morning hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from services.platform.errors import RuleViolation

BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def _hhmm(t: time) -> str:
    return t.strftime("%H:%M")


@dataclass(frozen=True)
class OpeningSpan:
    """Open on `weekday` (0 = Monday) from `opens` up to, not including, `closes`."""

    weekday: int
    opens: time
    closes: time

    def covers(self, start: datetime, minutes: int) -> bool:
        """Whether a local (Europe/Berlin) visit of `minutes` starting at `start` lies inside this span."""
        closing = datetime.combine(start.date(), self.closes, start.tzinfo)
        return (
            start.weekday() == self.weekday
            and self.opens <= start.time() < self.closes
            and start + timedelta(minutes=minutes) <= closing
        )

    def describe(self) -> str:
        return f"{_hhmm(self.opens)}–{_hhmm(self.closes)}"


@dataclass(frozen=True)
class ConsultationDay:
    """A monthly consultation day away from the office, e.g. JobLokal in a town hall (seed 001)."""

    location_id: str
    name: str
    week_of_month: int  # 1 = the first `weekday` of the month
    span: OpeningSpan

    def covers(self, start: datetime, minutes: int) -> bool:
        return (start.day - 1) // 7 + 1 == self.week_of_month and self.span.covers(start, minutes)

    def describe(self) -> str:
        return (
            f"{self.name}: the {ORDINALS.get(self.week_of_month, str(self.week_of_month))} "
            f"{WEEKDAYS[self.span.weekday]} of the month {self.span.describe()}"
        )


@dataclass(frozen=True)
class Office:
    office_id: str
    name: str
    district: str
    kind: str  # office (Geschäftsstelle) or branch_office (Außenstelle)
    opening_hours: tuple[OpeningSpan, ...]
    consultation_days: tuple[ConsultationDay, ...] = ()
    programmes: tuple[str, ...] | None = None  # the programmes the office offers; None: every programme
    places: Mapping[str, int] = field(default_factory=dict)  # places of programmes with limited places

    def describe_hours(self) -> str:
        """E.g. "Mon 08:00–12:30; … Thu 08:00–12:30, 14:00–18:00; Fri 08:00–12:30 (Europe/Berlin)"."""
        days = []
        for weekday, label in enumerate(WEEKDAYS):
            spans = [s.describe() for s in self.opening_hours if s.weekday == weekday]
            if spans:
                days.append(f"{label} {', '.join(spans)}")
        return "; ".join(days) + " (Europe/Berlin)"

    def consultation_day(self, location_id: str) -> ConsultationDay | None:
        return next((d for d in self.consultation_days if d.location_id == location_id), None)

    def check_in_person(self, field: str, at: datetime, minutes: int = 0, location_id: str | None = None) -> None:
        """Refuse an in-person visit outside the office's opening hours (or the location's consultation day)."""
        local = at.astimezone(BERLIN)
        when = f"{WEEKDAYS[local.weekday()]} {local:%Y-%m-%d %H:%M}" + (f" for {minutes} min" if minutes else "")
        if location_id is not None:
            day = self.consultation_day(location_id)
            if day is None:
                known = ", ".join(d.location_id for d in self.consultation_days) or "none"
                raise RuleViolation("location_id", f"not a consultation location of {self.name} (known: {known})")
            if not day.covers(local, minutes):
                raise RuleViolation(
                    field, f"{when} is outside the consultation hours — {day.describe()} (Europe/Berlin)"
                )
            return
        if not any(span.covers(local, minutes) for span in self.opening_hours):
            raise RuleViolation(field, f"{when} is outside the opening hours of {self.name}: {self.describe_hours()}")


class OfficeDirectory:
    def __init__(self, offices: Iterable[Office]) -> None:
        self._offices = {o.office_id: o for o in offices}

    def get(self, office_id: str) -> Office | None:
        return self._offices.get(office_id)

    def all(self) -> Sequence[Office]:
        return list(self._offices.values())

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> OfficeDirectory:
        return cls(_office(row) for row in data["offices"])


def _span(row: Mapping[str, Any]) -> OpeningSpan:
    span = OpeningSpan(int(row["weekday"]), time.fromisoformat(row["opens"]), time.fromisoformat(row["closes"]))
    if not 0 <= span.weekday <= 6 or span.opens >= span.closes:
        raise ValueError(f"invalid opening span {row}")
    return span


def _office(row: Mapping[str, Any]) -> Office:
    days = tuple(
        ConsultationDay(d["location_id"], d["name"], int(d["week_of_month"]), _span(d))
        for d in row.get("consultation_days", [])
    )
    offered = row.get("programmes")
    return Office(
        row["office_id"],
        row["name"],
        row["district"],
        row["kind"],
        tuple(_span(s) for s in row["opening_hours"]),
        days,
        tuple(offered) if offered is not None else None,
        {str(k): int(v) for k, v in row.get("places", {}).items()},
    )

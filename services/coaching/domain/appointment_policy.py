"""Where and when appointments may be: rooms, public holidays of the office's Land, consultation-day slots,
reminder lead times — from services/coaching/data/appointments.json. No I/O here.

Public holidays come from the `holidays` package (Germany, by Land), never from a hand-written list: they move
(Easter) and differ by Land (Reformation Day in Schleswig-Holstein and Niedersachsen, not in Bavaria).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

import holidays

from services.coaching.domain.offices import BERLIN, ConsultationDay, Office
from services.platform.errors import RuleViolation


@dataclass(frozen=True)
class Room:
    room_id: str
    office_id: str
    name: str
    capacity: int


@dataclass(frozen=True)
class ReminderPolicy:
    staff_days_before: int
    client_days_before: int


@lru_cache(maxsize=64)
def _holidays(land: str, year: int) -> Mapping[date, str]:
    return dict(holidays.country_holidays("DE", subdiv=land, years=year, language="de").items())


def holiday(land: str, day: date) -> str | None:
    """The name of the public holiday on `day` in the Land, or None."""
    return _holidays(land, day.year).get(day)


@dataclass(frozen=True)
class AppointmentPolicy:
    lands: Mapping[str, str]  # district → Land (ISO 3166-2 subdivision)
    rooms: Mapping[str, Room]
    slot_minutes: int
    reminders: ReminderPolicy

    def room(self, room_id: str, office_id: str) -> Room:
        room = self.rooms.get(room_id)
        if room is None or room.office_id != office_id:
            known = ", ".join(r.room_id for r in self.rooms.values() if r.office_id == office_id) or "none"
            raise RuleViolation("room_id", f"not a room of office {office_id} (known: {known})")
        return room

    def check_not_holiday(self, office: Office, at: datetime) -> None:
        day = at.astimezone(BERLIN).date()
        if name := holiday(self.lands.get(office.district, ""), day):
            raise RuleViolation("starts_at", f"{day.isoformat()} is a public holiday ({name}): {office.name} is closed")

    def check_slot(self, day: ConsultationDay, at: datetime, minutes: int) -> None:
        """On a consultation day appointments take whole slots from the day's opening."""
        local = at.astimezone(BERLIN)
        offset = datetime.combine(local.date(), local.time()) - datetime.combine(local.date(), day.span.opens)
        if offset % timedelta(minutes=self.slot_minutes) or minutes % self.slot_minutes:
            raise RuleViolation(
                "starts_at", f"{day.name} is booked in slots of {self.slot_minutes} min from {day.span.describe()}"
            )

    def slots(self, day: ConsultationDay, on: date) -> list[datetime]:
        """The slot starts of a consultation day on `on` (aware, Europe/Berlin); none on another day."""
        first = datetime.combine(on, day.span.opens, BERLIN)
        if not day.covers(first, self.slot_minutes):
            return []
        step, closing = timedelta(minutes=self.slot_minutes), datetime.combine(on, day.span.closes, BERLIN)
        return [first + i * step for i in range(int((closing - first) / step))]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> AppointmentPolicy:
        rooms = {r["room_id"]: Room(r["room_id"], r["office_id"], r["name"], int(r["capacity"])) for r in data["rooms"]}
        reminders = ReminderPolicy(
            int(data["reminders"]["staff_days_before"]), int(data["reminders"]["client_days_before"])
        )
        return cls(dict(data["lands"]), rooms, int(data["slot_minutes"]), reminders)


def consultation_dates(day: ConsultationDay, month: date) -> list[date]:
    """The dates of a consultation day in the month of `month` (one: e.g. the first Wednesday)."""
    first = month.replace(day=1)
    days = (first + timedelta(days=i) for i in range(31))
    return [d for d in days if d.month == first.month and day.covers(datetime.combine(d, day.span.opens, BERLIN), 1)]

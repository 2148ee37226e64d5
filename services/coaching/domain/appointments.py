"""Appointments of every kind and the rules a booking must keep. No I/O here.

Kinds (issue #10): an individual appointment (one staff member, one client); a team consultation (several
staff with one client — JobLokal's three coaches, seed 001); a group session (workshop or group talk with a
capacity, participants and a room); any of these in a slot of a monthly consultation day at a town hall; and
weekly occurrences of a series (a cohort's sessions, see `series`). A booking clashes when a staff member, a
client or a room (a consultation location counts as one room) is already booked for an overlapping time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from contracts.events import ContactChannel
from services.coaching.domain.offices import BERLIN
from services.platform.errors import Conflict, RuleViolation


class AppointmentKind(StrEnum):
    INDIVIDUAL = "individual"
    TEAM = "team"  # several staff with one client
    GROUP = "group"  # workshop or group talk: capacity, participants, room


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"


class CancellationReason(StrEnum):
    CLIENT_REQUEST = "client_request"
    STAFF_UNAVAILABLE = "staff_unavailable"
    OFFICE_CLOSED = "office_closed"
    CLIENT_MOVED = "client_moved"  # the client moved to another office's area (see use_cases/moves.py)
    CLIENT_IN_WORK = "client_in_work"
    SERIES_ENDED = "series_ended"
    OTHER = "other"


class RescheduleReason(StrEnum):
    CLIENT_REQUEST = "client_request"
    STAFF_UNAVAILABLE = "staff_unavailable"
    ROOM_UNAVAILABLE = "room_unavailable"
    OFFICE_CLOSED = "office_closed"  # moved to the substitute office of a closure
    OTHER = "other"


MAX_GROUP_CAPACITY = 100


@dataclass(frozen=True)
class Booking:
    """What a booking occupies: its staff, clients and room, from `starts_at` for `minutes`."""

    starts_at: datetime
    minutes: int
    staff_ids: frozenset[str]
    client_ids: frozenset[UUID]
    room: str | None  # a room id, or "location:<id>" for a consultation location
    appointment_id: UUID | None = None

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    def overlaps(self, other: Booking) -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


def room_key(room_id: str | None, location_id: str | None) -> str | None:
    """The consultation location is one room (the town hall's), shared by everyone booked there."""
    return room_id if room_id is not None else (f"location:{location_id}" if location_id else None)


def clashes(candidate: Booking, booked: Iterable[Booking]) -> list[str]:
    """Who or what of `candidate` is already booked for an overlapping time, e.g. "staff lutjenburg-cm-01"."""
    found: list[str] = []
    for other in booked:
        if other.appointment_id == candidate.appointment_id or not candidate.overlaps(other):
            continue
        found += [f"staff {s}" for s in sorted(candidate.staff_ids & other.staff_ids)]
        found += [f"client {c}" for c in sorted(candidate.client_ids & other.client_ids, key=str)]
        if candidate.room is not None and candidate.room == other.room:
            found.append(f"room {candidate.room}")
    return list(dict.fromkeys(found))


class DoubleBooking(Conflict):
    """A staff member, a client or a room is booked already: HTTP 409 naming them."""

    def __init__(self, what: Sequence[str], at: datetime) -> None:
        super().__init__(f"already booked at {at.isoformat()}: {', '.join(what)}")
        self.what = list(what)


class Full(Conflict):
    def __init__(self, capacity: int) -> None:
        super().__init__(f"the group session is full: capacity {capacity}")


def check_free(candidate: Booking, booked: Iterable[Booking]) -> None:
    if found := clashes(candidate, booked):
        raise DoubleBooking(found, candidate.starts_at)


def check_people(kind: AppointmentKind, staff_ids: Sequence[str], clients: int, capacity: int | None) -> None:
    """How many staff and clients each kind takes, and a group's capacity."""
    if len(set(staff_ids)) != len(staff_ids):
        raise RuleViolation("staff_ids", "names a staff member twice")
    if kind == AppointmentKind.TEAM and len(staff_ids) < 2:
        raise RuleViolation("staff_ids", "a team consultation takes at least two staff members")
    if kind == AppointmentKind.INDIVIDUAL and len(staff_ids) != 1:
        raise RuleViolation("staff_ids", "an individual appointment takes one staff member")
    if kind != AppointmentKind.GROUP:
        if clients != 1:
            raise RuleViolation("participants", f"a {kind.value} appointment takes exactly one client")
        if capacity is not None:
            raise RuleViolation("capacity", "only group sessions have a capacity")
        return
    if capacity is None:
        raise RuleViolation("capacity", "a group session needs a capacity")
    if clients > capacity:
        raise Full(capacity)


def check_place(channel: ContactChannel, room_id: str | None, location_id: str | None, kind: AppointmentKind) -> None:
    if channel != ContactChannel.IN_PERSON and (room_id or location_id):
        raise RuleViolation("room_id" if room_id else "location_id", "only in-person meetings take place in a room")
    if room_id and location_id:
        raise RuleViolation("room_id", "a consultation location is one room already; leave room_id out")
    if kind == AppointmentKind.GROUP and channel == ContactChannel.IN_PERSON and not (room_id or location_id):
        raise RuleViolation("room_id", "an in-person group session needs a room")


def check_notice(notice_given_at: datetime | None, starts_at: datetime) -> None:
    """The written notice of legal consequences (Rechtsfolgenbelehrung, § 32 SGB II) must precede the date."""
    if notice_given_at is not None and notice_given_at > starts_at:
        raise RuleViolation("notice_given_at", "the notice of legal consequences must be given before the appointment")


def check_not_cancelled(status: AppointmentStatus) -> None:
    if status == AppointmentStatus.CANCELLED:
        raise Conflict("the appointment is cancelled")


@dataclass(frozen=True)
class Participant:
    client_id: UUID
    invited_at: datetime
    notice_given_at: datetime | None
    attendance: str | None
    excuse_reason: str | None


@dataclass(frozen=True)
class AppointmentDetail:
    appointment_id: UUID
    kind: AppointmentKind
    status: AppointmentStatus
    office_id: str
    staff_ids: list[str]
    starts_at: datetime
    duration_minutes: int
    channel: ContactChannel
    location_id: str | None
    room_id: str | None
    capacity: int | None
    series_id: UUID | None
    sequence: int  # raised with each reschedule and the cancellation (iCalendar SEQUENCE)
    participants: list[Participant]
    cancellation_reason: CancellationReason | None
    reschedule_reason: RescheduleReason | None

    @property
    def local_date(self) -> date:
        return self.starts_at.astimezone(BERLIN).date()

"""A staff member's appointments as an iCalendar feed (RFC 5545) for the office calendar. No I/O here.

Each appointment keeps its UID (`<appointment id>@lotse`) for good, so a calendar updates it in place; a
reschedule raises its SEQUENCE and a cancellation stays in the feed with STATUS:CANCELLED, so calendars that
already have it remove it. The feed names no client — neither name nor initials nor client number: a feed
leaves Lotse's access control (it is synchronised to mail servers and phones, and its address is a bearer
secret that gets forwarded), and coaching holds no names anyway. It says the kind, the place and how many
clients take part; the appointment's id takes the case manager to it in Lotse.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from services.coaching.domain.appointments import AppointmentDetail, AppointmentKind, AppointmentStatus

SUMMARIES = {
    AppointmentKind.INDIVIDUAL: "Einzeltermin",
    AppointmentKind.TEAM: "Teamberatung",
    AppointmentKind.GROUP: "Gruppentermin",
}
CHANNELS = {"in_person": "persönlich", "phone": "telefonisch", "video": "per Video", "email": "per E-Mail"}


def _event(appointment: AppointmentDetail, place: str | None, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{appointment.appointment_id}@lotse")
    event.add("dtstamp", stamp)
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.starts_at + timedelta(minutes=appointment.duration_minutes))
    event.add("sequence", appointment.sequence)
    event.add("summary", f"Lotse: {SUMMARIES[appointment.kind]} ({CHANNELS[appointment.channel.value]})")
    clients = len(appointment.participants)
    who = "Kundin/Kunde" if clients == 1 else "Teilnehmende"
    event.add("description", f"{clients} {who}. Termin {appointment.appointment_id} in Lotse.")
    event.add("status", "CANCELLED" if appointment.status == AppointmentStatus.CANCELLED else "CONFIRMED")
    if place:
        event.add("location", place)
    return event


def calendar(
    staff_id: str, appointments: Iterable[AppointmentDetail], places: Mapping[str, str], stamp: datetime
) -> bytes:
    """`places` names rooms and consultation locations by their id; `stamp` is the feed's DTSTAMP."""
    feed = Calendar()
    feed.add("prodid", "-//Lotse//Termine//DE")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"Lotse-Termine {staff_id}")
    for appointment in appointments:
        place = places.get(appointment.room_id or appointment.location_id or "")
        feed.add_component(_event(appointment, place, stamp))
    return bytes(feed.to_ical())

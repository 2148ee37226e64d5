"""A consultation day's dates in a month and its bookable slots (JobLokal in the town halls, seed 001)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.coaching.domain.appointment_policy import AppointmentPolicy, consultation_dates
from services.coaching.domain.appointments import Booking, room_key
from services.coaching.domain.reference import Reference
from services.coaching.use_cases.appointment_rows import bookings_near
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.unit_of_work import Transaction


@dataclass(frozen=True)
class ConsultationDate:
    office_id: str
    location_id: str
    name: str
    date: date


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    duration_minutes: int
    free: bool


def dates_in(ref: Reference, office_id: str, month: date, by: StaffUser) -> list[ConsultationDate]:
    by.require_office(office_id)
    office = ref.offices.get(office_id)
    if office is None:
        raise NotFound("office", office_id)
    return [
        ConsultationDate(office_id, d.location_id, d.name, on)
        for d in office.consultation_days
        for on in consultation_dates(d, month)
    ]


async def slots(
    tx: Transaction, ref: Reference, policy: AppointmentPolicy, location_id: str, on: date, by: StaffUser
) -> list[Slot]:
    """Each slot of the day, free unless an appointment at the location overlaps it."""
    found = [(o, d) for o in ref.offices.all() for d in o.consultation_days if d.location_id == location_id]
    if not found:
        raise NotFound("consultation location", location_id)
    office, day = found[0]
    by.require_office(office.office_id)
    starts = policy.slots(day, on)
    if not starts:
        return []
    step = timedelta(minutes=policy.slot_minutes)
    booked = await bookings_near(tx.session, starts[0], starts[-1] + step)
    here = [b for b in booked if b.room == room_key(None, location_id)]
    return [
        Slot(
            s,
            policy.slot_minutes,
            not any(Booking(s, policy.slot_minutes, frozenset(), frozenset(), None).overlaps(b) for b in here),
        )
        for s in starts
    ]

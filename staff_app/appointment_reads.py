"""What the appointment pages read from coaching and intake: the coming days' appointments with their staff,
room and participants by name, the rooms and colleagues of the office, and the caseload to book for."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

from staff_app.backend import Backend
from staff_app.sections import Section, items, section, sections
from staff_app.sessions import Staff

DAYS = 7  # the coming week: today and six more days
PAGE = 200


def office_of(staff: Staff) -> str:
    """The office a booking is for: the staff member's own (the first, for one who works in several)."""
    return sorted(staff.offices - {"*"})[0] if staff.offices - {"*"} else "lutjenburg"


async def coming_days(backend: Backend, staff: Staff, today: date) -> tuple[list[dict[str, Any]], str | None]:
    """Each booked appointment of the coming days where the staff member is one of its staff, in full."""
    days = [today + timedelta(days=n) for n in range(DAYS)]
    pages = await sections(
        *(
            backend.get("coaching", "/appointments", staff, {"staff_id": "me", "day": d.isoformat(), "limit": PAGE})
            for d in days
        )
    )
    refused = next((p.refused for p in pages if p.refused), None)
    ids = [str(a["appointment_id"]) for p in pages for a in items(p.data)]
    details = await sections(*(backend.get("coaching", f"/appointments/{i}", staff) for i in ids))
    return [d.data for d in details if d.data], refused


async def one(backend: Backend, staff: Staff, appointment_id: str) -> dict[str, Any]:
    found: dict[str, Any] = await backend.get("coaching", f"/appointments/{appointment_id}", staff)
    return found


async def client_names(backend: Backend, staff: Staff, client_ids: set[str]) -> dict[str, str]:
    """ "Albers, Henrike" per client id, from one batch lookup at intake; the id where intake refuses."""
    if not client_ids:
        return {}
    query = [("client_id", i) for i in sorted(client_ids)[:PAGE]]
    found = await section(backend.get("intake", "/clients", staff, query))
    names = {i: i for i in client_ids}
    for client in items(found.data):
        person = client.get("person") or client
        names[str(client["client_id"])] = f"{person.get('family_name', '')}, {person.get('given_name', '')}"
    return names


async def booking_choices(backend: Backend, staff: Staff) -> dict[str, Section]:
    """The rooms and colleagues of the office and the staff member's own caseload, for the booking form."""
    office = office_of(staff)
    rooms, caseloads, cases = await asyncio.gather(
        section(backend.get("coaching", "/rooms", staff, {"office_id": office})),
        section(backend.get("coaching", "/caseloads", staff, {"office_id": office})),
        section(backend.get("coaching", "/cases", staff, {"case_worker_id": "me", "limit": PAGE})),
    )
    return {"rooms": rooms, "colleagues": caseloads, "cases": cases}

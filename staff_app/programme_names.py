"""Names the programme pages show instead of ids: offices by name (coaching), programmes by name, and staff by
desk and office. Coaching's roster has no personal names for staff (only ids, roles, specialties), so a case
manager reads as „Fallmanagement 03, Lütjenburg“ — the same words as the sign-in roster uses."""

from __future__ import annotations

from typing import Any

from staff_app.backend import Backend
from staff_app.sections import items, section
from staff_app.sessions import Staff

DESKS = {"cm": "Fallmanagement", "coach": "Coaching", "lead": "Teamleitung"}


async def offices(backend: Backend, staff: Staff) -> dict[str, dict[str, Any]]:
    """Coaching's offices by id (with their programmes and places); empty where coaching cannot answer."""
    found = await section(backend.get("coaching", "/offices", staff))
    return {str(o["office_id"]): o for o in items(found.data)}


def office_name(offices: dict[str, dict[str, Any]], office_id: str) -> str:
    return str(offices.get(office_id, {}).get("name", office_id))


def staff_label(staff_id: str, offices: dict[str, dict[str, Any]]) -> str:
    """`lutjenburg-cm-03` → „Fallmanagement 03, Lütjenburg“; an id of another shape as it is."""
    office_id, _, rest = staff_id.partition("-")
    desk, _, number = rest.rpartition("-")
    if desk not in DESKS or office_id not in offices:
        return staff_id
    return f"{DESKS[desk]} {number}, {office_name(offices, office_id)}"

"""Household inputs as a benefits clerk enters them, for the service-level unit tests."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from services.benefits.domain.households import EnteredHousehold
from services.benefits.domain.snapshots import entered_from_json

AUGUST_2026 = date(2026, 8, 1)


def member(role: str, birth: str, client_id: UUID | None = None, **flags: Any) -> dict[str, Any]:
    return {"role": role, "birth_date": birth, "client_id": str(client_id) if client_id else None, **flags}


def housing(rent: str = "450.00", heating: str = "90.00", appropriate: str = "475.00", **flags: Any) -> dict[str, Any]:
    return {"rent": rent, "heating": heating, "appropriate_rent": appropriate, **flags}


def inputs(*members: dict[str, Any], flat: dict[str, Any] | None = None, **extra: Any) -> EnteredHousehold:
    return entered_from_json({"members": list(members), "housing": flat or housing(), **extra})

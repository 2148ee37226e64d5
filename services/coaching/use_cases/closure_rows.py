"""An office's closures as the domain sees them, for the bookings that must respect them."""

from __future__ import annotations

from datetime import time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.coaching.domain.closures import Closure
from services.coaching.domain.offices import OpeningSpan
from services.coaching.tables import OfficeClosureRow


async def closures_of(session: AsyncSession, office_id: str) -> list[Closure]:
    rows = await session.scalars(
        select(OfficeClosureRow)
        .where(col(OfficeClosureRow.office_id) == office_id)
        .order_by(col(OfficeClosureRow.starts_on))
    )
    return [to_closure(r) for r in rows]


def to_closure(row: OfficeClosureRow) -> Closure:
    hours = None
    if row.reopening_hours is not None:
        hours = tuple(
            OpeningSpan(int(h["weekday"]), time.fromisoformat(h["opens"]), time.fromisoformat(h["closes"]))
            for h in row.reopening_hours
        )
    return Closure(
        row.closure_id, row.office_id, row.starts_on, row.ends_on, row.reason, row.substitute_office_id, hours
    )

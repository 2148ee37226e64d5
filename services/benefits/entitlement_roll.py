"""Which households are owed a payment for a month: read by the monthly payment run.

Keyset-paginated by household id so a run over 500,000 households reads in bounded,
resumable pages (the last id paid is the cursor).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.benefits.tables import EntitlementRow


@dataclass(frozen=True)
class Payable:
    household_id: UUID
    office_id: str
    amount: Decimal
    decision_id: UUID


def owed_for(month: date) -> ColumnElement[bool]:
    """The one definition of "owed a payment for `month`": active, positive, and the month in the period."""
    return and_(col(EntitlementRow.active), col(EntitlementRow.monthly_amount) > 0,
                col(EntitlementRow.period_start) <= month, col(EntitlementRow.period_end) >= month)


async def payable_entitlements(session: AsyncSession, month: date, after: UUID | None,
                               limit: int) -> list[Payable]:
    """Active entitlements covering `month` with a positive amount, ordered by household id after `after`."""
    query = (
        select(EntitlementRow)
        .where(owed_for(month))
        .order_by(col(EntitlementRow.household_id))
        .limit(limit)
    )
    if after is not None:
        query = query.where(col(EntitlementRow.household_id) > after)
    rows = (await session.scalars(query)).all()
    return [Payable(r.household_id, r.office_id, r.monthly_amount, r.decision_id) for r in rows]

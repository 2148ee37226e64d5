"""The benefits clerk's worklist "Bewilligungszeitraum endet": households whose approval period in force ends in a
given month and that have not applied for the next one yet (§ 41 Abs. 3 SGB II; read only).

A household's latest decision says what is in force: a grant or change keeps its period, an end leaves nothing to
continue, and a continuation already granted is the latest decision with the next period — so the list is the
latest decisions that are not an end and whose period ends in the month, by household id (the cursor).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from sqlalchemy import and_, func, select
from sqlmodel import col

from services.benefits.domain.approval import add_months
from services.benefits.domain.decisions import DecisionKind
from services.benefits.tables import DecisionRow, HouseholdRow
from services.platform.auth.staff import StaffUser
from services.platform.unit_of_work import Transaction


@dataclass(frozen=True)
class FindEndingPeriods:
    month: date  # the first of the month the periods end in
    office_id: str | None = None
    after: UUID | None = None  # the last household id of the previous page
    limit: int = 100


@dataclass(frozen=True)
class EndingPeriod:
    household_id: UUID
    office_id: str
    decision_id: UUID
    period_start: date
    period_end: date
    monthly_amount: Decimal


@dataclass(frozen=True)
class EndingPeriodPage:
    items: list[EndingPeriod]
    next_cursor: str | None


async def ending_periods(tx: Transaction, query: FindEndingPeriods, by: StaffUser) -> EndingPeriodPage:
    latest = (
        select(col(DecisionRow.household_id).label("household_id"), func.max(DecisionRow.sequence).label("sequence"))
        .group_by(col(DecisionRow.household_id))
        .subquery()
    )
    last_day = add_months(query.month, 1) - timedelta(days=1)
    found = (
        select(DecisionRow, col(HouseholdRow.office_id))
        .join(
            latest,
            and_(
                col(DecisionRow.household_id) == latest.c.household_id, col(DecisionRow.sequence) == latest.c.sequence
            ),
        )
        .join(HouseholdRow, col(HouseholdRow.household_id) == col(DecisionRow.household_id))
        .where(
            col(DecisionRow.kind) != DecisionKind.END.value, col(DecisionRow.period_end).between(query.month, last_day)
        )
        .order_by(col(DecisionRow.household_id))
        .limit(query.limit + 1)
    )
    if (offices := by.visible_offices(query.office_id)) is not None:
        found = found.where(col(HouseholdRow.office_id).in_(sorted(offices)))  # the office now, after any move
    if query.after is not None:
        found = found.where(col(DecisionRow.household_id) > query.after)
    rows = (await tx.session.execute(found)).all()
    page = [_ending(row, office) for row, office in rows[: query.limit]]
    return EndingPeriodPage(page, str(page[-1].household_id) if len(rows) > query.limit else None)


def _ending(row: DecisionRow, office_id: str) -> EndingPeriod:
    return EndingPeriod(row.household_id, office_id, row.decision_id, row.period_start, row.period_end, row.new_amount)

"""Which persons are past the retention period: closed cases, for the erasure workflow (`workflows/erasure/`).

Coaching knows when a case closed (`cases.closed_at`), the start of the retention period; the workflow
decides the cut-off (setting, default 10 years) and asks for the cases closed before it. Erased cases
are deleted, so they are never listed again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from pydantic import AwareDatetime, BaseModel, Field
from sqlalchemy import select

from services.coaching.tables import CaseRow
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.service_app import RuntimeDep

Eraser = Annotated[StaffUser, Depends(require_roles(Role.JOURNEY_WORKER, Role.OPERATOR))]
cases = CaseRow.__table__  # type: ignore[attr-defined]


class ClosedCase(BaseModel):
    client_id: UUID
    closed_at: datetime


class ClosedCases(BaseModel):
    items: list[ClosedCase]
    next_cursor: str | None = Field(description="pass as `after` for the next page; null on the last page")


router = APIRouter(prefix="/persons", tags=["persons"])


@router.get("/past-retention", response_model=ClosedCases, summary="Closed cases whose retention period ended")
async def past_retention(
    closed_before: Annotated[AwareDatetime, Query(description="the cut-off: cases closed before this moment")],
    runtime: RuntimeDep,
    user: Eraser,
    after: Annotated[UUID | None, Query(description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> ClosedCases:
    """Ids only, by client id. For the erasure workflow (Löschung nach Ablauf der Aufbewahrungsfrist)."""
    query = (
        select(cases.c.client_id, cases.c.closed_at)
        .where(cases.c.closed_at.is_not(None), cases.c.closed_at < closed_before)
        .order_by(cases.c.client_id)
        .limit(limit + 1)
    )
    if after is not None:
        query = query.where(cases.c.client_id > after)
    async with runtime.uow.transaction() as tx:
        rows = (await tx.session.execute(query)).all()
    page = [ClosedCase(client_id=c, closed_at=at) for c, at in rows[:limit]]
    return ClosedCases(items=page, next_cursor=str(page[-1].client_id) if len(rows) > limit else None)

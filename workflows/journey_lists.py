"""Journeys by stage and office, from Temporal visibility: `GET /journeys` and `GET /journeys/count`.

Both read the journeys' search attributes (workflows/search_attributes.py) with one visibility query —
a list or a count, one count per stage — and never ask a journey itself. Visibility is eventually
consistent: a stage change appears a moment after the journey made it. Journeys that were terminated,
failed or continued as new are left out; running and completed ones (a closed journey completes) count.

Case managers see the offices in their token (an office outside them is a 403); operators see all.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, TypeVar
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field
from temporalio.client import Client, WorkflowExecution
from temporalio.service import RPCError, RPCStatusCode

from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.cursors import FIELD
from services.platform.errors import RuleViolation
from services.platform.http.fields import OfficeId, StaffId
from workflows import search_attributes as attrs
from workflows.bridge import journey_id
from workflows.journey.state import Stage
from workflows.journey.workflow import ClientJourney

router = APIRouter(prefix="/journeys", tags=["journeys"])
JourneyStaff = Annotated[StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.OPERATOR))]
ProgramId = Annotated[str, Query(pattern=r"^[a-z0-9][a-z0-9_-]{0,29}$", description="e.g. standard, youth")]
_COUNTED = "(ExecutionStatus = 'Running' OR ExecutionStatus = 'Completed')"
_PREFIX = journey_id("")
T = TypeVar("T")


class JourneyItem(BaseModel):
    client_id: UUID
    workflow_id: str
    office_id: str | None
    stage: str | None
    case_worker_id: str | None
    programme: str | None
    next_due_at: datetime | None = Field(description="the journey's next deadline (contact overdue, plan review)")
    temporal_ui_url: str | None = Field(description="the journey in the Temporal UI (for operators); null if unset")


class JourneyPage(BaseModel):
    items: list[JourneyItem]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


class JourneyCount(BaseModel):
    total: int
    by_stage: dict[str, int]


@dataclass(frozen=True)
class JourneyFilter:
    offices: frozenset[str] | None  # None: every office
    stage: Stage | None
    case_worker_id: str | None
    programme: str | None
    client_id: UUID | None = None

    def query(self, stage: Stage | None = None) -> str:
        """The visibility query; every value is checked against its field's pattern before it gets here."""
        parts = [f"WorkflowType = '{ClientJourney.__name__}'", _COUNTED]
        if self.offices is not None:
            parts.append(f"{attrs.OFFICE.name} IN ({', '.join(repr(o) for o in sorted(self.offices))})")
        for key, value in (
            (attrs.STAGE, stage or self.stage),
            (attrs.CASE_WORKER, self.case_worker_id),
            (attrs.PROGRAM, self.programme),
        ):
            if value is not None:
                parts.append(f"{key.name} = '{value}'")
        if self.client_id is not None:
            parts.append(f"WorkflowId = '{journey_id(self.client_id)}'")
        return " AND ".join(parts)


class JourneyLists:
    """Lists and counts of journeys from Temporal's visibility store."""

    def __init__(self, client: Client, ui_base_url: str | None) -> None:
        self._client = client
        self._ui = ui_base_url.rstrip("/") if ui_base_url else None

    async def page(self, where: JourneyFilter, cursor: str | None, limit: int) -> JourneyPage:
        if where.offices == frozenset():
            return JourneyPage(items=[], next_cursor=None)
        listing = self._client.list_workflows(where.query(), page_size=limit, next_page_token=_token(cursor))
        await _visibility(listing.fetch_next_page(), cursor is not None)
        items = [self._item(w) for w in listing.current_page or () if w.id.startswith(_PREFIX)]
        token = listing.next_page_token
        return JourneyPage(items=items, next_cursor=base64.urlsafe_b64encode(token).decode() if token else None)

    async def count(self, where: JourneyFilter) -> JourneyCount:
        if where.offices == frozenset():
            return JourneyCount(total=0, by_stage={s.value: 0 for s in Stage})
        stages = [where.stage] if where.stage is not None else list(Stage)
        total, *counts = await asyncio.gather(
            _visibility(self._client.count_workflows(where.query()), False),
            *(_visibility(self._client.count_workflows(where.query(s)), False) for s in stages),
        )
        return JourneyCount(total=total.count, by_stage={s.value: c.count for s, c in zip(stages, counts, strict=True)})

    def _item(self, execution: WorkflowExecution) -> JourneyItem:
        found = execution.typed_search_attributes
        url = None
        if self._ui is not None:
            namespace, workflow = quote(execution.namespace), quote(execution.id)
            url = f"{self._ui}/namespaces/{namespace}/workflows/{workflow}/{execution.run_id}/history"
        return JourneyItem(
            client_id=UUID(execution.id.removeprefix(_PREFIX)),
            workflow_id=execution.id,
            office_id=found.get(attrs.OFFICE),
            stage=found.get(attrs.STAGE),
            case_worker_id=found.get(attrs.CASE_WORKER),
            programme=found.get(attrs.PROGRAM),
            next_due_at=found.get(attrs.NEXT_DUE),
            temporal_ui_url=url,
        )


def _token(cursor: str | None) -> bytes | None:
    if cursor is None:
        return None
    try:
        return base64.urlsafe_b64decode(cursor.encode())
    except (binascii.Error, ValueError) as exc:
        raise RuleViolation(FIELD, "not a cursor of this listing") from exc


async def _visibility(call: Awaitable[T], with_cursor: bool) -> T:
    try:
        return await call
    except RPCError as error:
        if with_cursor and error.status is RPCStatusCode.INVALID_ARGUMENT:
            raise RuleViolation(FIELD, "not a cursor of this listing") from error
        raise HTTPException(503, f"Temporal did not answer: {error.message}") from error


def journey_lists(request: Request) -> JourneyLists:
    lists: JourneyLists = request.app.state.journey_lists
    return lists


ListsDep = Annotated[JourneyLists, Depends(journey_lists)]
Cursor = Annotated[str | None, Query(max_length=2000, description="next_cursor of the previous page")]


def journey_filter(
    user: JourneyStaff,
    office_id: OfficeId | None = None,
    stage: Stage | None = None,
    case_worker_id: Annotated[StaffId | None, Query(description="a case manager's id, or `me`")] = None,
    programme: ProgramId | None = None,
    client_id: Annotated[UUID | None, Query(description="one client's journey (e.g. for its Temporal UI link)")] = None,
) -> JourneyFilter:
    if Role.OPERATOR in user.roles:  # operators act for every office, as on a single journey
        offices = None if office_id is None else frozenset({office_id})
    else:
        offices = user.visible_offices(office_id)
    worker = user.staff_id if case_worker_id == "me" else case_worker_id
    return JourneyFilter(offices, stage, worker, programme, client_id)


FilterDep = Annotated[JourneyFilter, Depends(journey_filter)]


@router.get("", response_model=JourneyPage, summary="Journeys by office, stage, case manager, programme")
async def list_journeys(
    lists: ListsDep, where: FilterDep, cursor: Cursor = None, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> JourneyPage:
    """From Temporal visibility on the journeys' search attributes (a moment behind the journeys themselves)."""
    return await lists.page(where, cursor, limit)


@router.get("/count", response_model=JourneyCount, summary="How many journeys, in all and per stage")
async def count_journeys(lists: ListsDep, where: FilterDep) -> JourneyCount:
    """One visibility count in all and one per stage (visibility groups only by execution status)."""
    return await lists.count(where)

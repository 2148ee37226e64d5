"""Intake's routes for finding clients: the search, the lookup by ids, and the search audit for the
data-protection officer. Included before `api.router`, so `/clients/search` is not read as a client id."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query

from services.intake.domain.client_numbers import parse_client_number
from services.intake.domain.search import SearchCriteria
from services.intake.schemas import (
    ClientHitOut,
    ClientHitPage,
    ClientSummaryOut,
    ClientSummaryPage,
    SearchAuditOut,
    SearchAuditPage,
)
from services.intake.tables import search_audit
from services.intake.use_cases import search
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.fields import OfficeId, Postcode, StaffDate, StaffId, Text
from services.platform.privacy.api import DataProtectionOfficer, Purpose, SpecialCategoriesDep
from services.platform.privacy.searches import searches
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/clients", tags=["clients"])
audit_router = APIRouter(prefix="/audit", tags=["audit"])
# Every role that works with clients face to face or on their file; not operators, the journey worker or
# the data-protection officer, who have no one to find.
Searcher = Annotated[
    StaffUser,
    Depends(
        require_roles(Role.INTAKE_CLERK, Role.CASE_MANAGER, Role.COACH, Role.PLACEMENT_OFFICER, Role.BENEFITS_CLERK)
    ),
]
Reader = Annotated[StaffUser, Depends(require_roles(*(set(Role) - {Role.DATA_PROTECTION_OFFICER})))]
Cursor = Annotated[str | None, Query(max_length=2000, description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=200)]


@router.get("/search", response_model=ClientHitPage, summary="Find clients by name, birth date, postcode, number")
async def search_clients(
    runtime: RuntimeDep,
    user: Searcher,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    name: Annotated[Text | None, Query(max_length=200, description="free text: `müller anna`, `Mueller`")] = None,
    birth_date: StaffDate | None = None,
    postcode: Postcode | None = None,
    client_number: Annotated[str | None, Query(max_length=30, description="e.g. L-000123")] = None,
    office_id: OfficeId | None = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> ClientHitPage:
    """At least one criterion. The name is matched tolerant of umlauts, ß/ss, case, small typos and double
    names, and ranked (`score`, `match`); the other criteria match exactly. Only clients of the caller's
    offices. Every search is audited: who, when, in which offices, and — sealed — what for and whom it showed.
    There is no search by target group or any other special-category data."""
    number = parse_client_number(client_number, "query.client_number") if client_number is not None else None
    criteria = SearchCriteria(name, birth_date, postcode, number, office_id)
    audited = search.Audited(vault.cipher, purpose)
    async with runtime.uow.transaction() as tx:
        page = await search.search_clients(tx, criteria, user, audited, cursor, limit)
    return ClientHitPage(items=[ClientHitOut.of_hit(h) for h in page.items], next_cursor=page.next_cursor)


@router.get("", response_model=ClientSummaryPage, summary="Names and numbers of clients by id")
async def look_up_clients(
    runtime: RuntimeDep,
    user: Reader,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    client_id: Annotated[list[UUID], Query(min_length=1, max_length=200, description="repeat for each client")],
) -> ClientSummaryPage:
    """For a worklist: who each client is, without a call per client. Clients of offices the caller does not
    act for, and unknown ids, are left out (not an error). Audited like a search."""
    async with runtime.uow.transaction() as tx:
        found = await search.clients_by_ids(tx, client_id, user, search.Audited(vault.cipher, purpose))
    return ClientSummaryPage(items=[ClientSummaryOut.of(c) for c in found])


@audit_router.get("/searches", response_model=SearchAuditPage, summary="Who searched for clients, and for what")
async def search_audit_trail(
    runtime: RuntimeDep,
    vault: SpecialCategoriesDep,
    user: DataProtectionOfficer,
    staff_id: StaffId | None = None,
    after: Annotated[UUID | None, Query(description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> SearchAuditPage:
    """Every search and lookup of clients, oldest first, with its criteria opened (they are stored sealed).
    For the data-protection officer (§ 35 SGB I, GDPR Art. 5 Abs. 2)."""
    async with runtime.uow.transaction() as tx:
        rows = await searches(tx.session, search_audit, vault.cipher, staff_id, after, limit + 1)
    page = rows[:limit]
    return SearchAuditPage(
        items=[SearchAuditOut.model_validate(e, from_attributes=True) for e in page],
        next_cursor=str(page[-1].audit_id) if len(rows) > limit else None,
    )

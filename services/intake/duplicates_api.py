"""Intake's routes for possible duplicates: a client's pairs, an office's worklist, and staff's decision."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query

from services.intake.api import IntakeStaff, offices
from services.intake.domain.offices import OfficeDirectory
from services.intake.duplicate_schemas import DecisionIn, DuplicatePairList, DuplicatePairOut, DuplicatePairPage
from services.intake.search_api import Searcher
from services.intake.use_cases import duplicate_pairs, merges
from services.intake.use_cases.search import Audited
from services.platform.http.fields import OfficeId
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

clients_router = APIRouter(prefix="/clients", tags=["duplicates"])
router = APIRouter(prefix="/duplicates", tags=["duplicates"])


@clients_router.get(
    "/{client_id}/duplicates", response_model=DuplicatePairList, summary="A client's possible duplicates"
)
async def duplicates_of_client(
    client_id: UUID, runtime: RuntimeDep, user: Searcher, vault: SpecialCategoriesDep, purpose: Purpose
) -> DuplicatePairList:
    """Every pair of the client, open and decided, whose two clients belong to offices the caller acts for.
    Audited like a search."""
    async with runtime.uow.transaction() as tx:
        views = await duplicate_pairs.pairs_of_client(tx, client_id, user, Audited(vault.cipher, purpose))
    return DuplicatePairList(items=[DuplicatePairOut.of(v) for v in views])


@router.get("", response_model=DuplicatePairPage, summary="The worklist of possible duplicates")
async def duplicate_worklist(
    runtime: RuntimeDep,
    user: Searcher,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    office_id: OfficeId | None = None,
    after: Annotated[UUID | None, Query(description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> DuplicatePairPage:
    """Open pairs with a client in the office (all the caller's offices without `office_id`), oldest first.
    A pair across two offices is shown to staff who act for both. Audited like a search."""
    async with runtime.uow.transaction() as tx:
        views, more = await duplicate_pairs.worklist(tx, office_id, user, Audited(vault.cipher, purpose), after, limit)
    return DuplicatePairPage(
        items=[DuplicatePairOut.of(v) for v in views], next_cursor=str(views[-1].pair_id) if more else None
    )


@router.post("/{pair_id}/decision", response_model=DuplicatePairOut, summary="Decide a possible duplicate")
async def decide_pair(
    pair_id: UUID,
    body: DecisionIn,
    runtime: RuntimeDep,
    user: IntakeStaff,
    directory: Annotated[OfficeDirectory, Depends(offices)],
    purpose: Purpose,
) -> DuplicatePairOut:
    """`not_same_person`: the pair is never proposed again. `merge`: `keep` stays, the other client is merged
    into it (it then answers 410 naming the survivor), `take_from_merged` names the fields the survivor takes
    from it; what moved where is recorded (`GET /audit/merges`) and `client_merged.v1` published. A decided
    pair: 409."""
    async with runtime.uow.transaction() as tx:
        view = await merges.decide(tx, body.to_command(pair_id), user, directory, purpose)
    return DuplicatePairOut.of(view)

"""A migrated record after its registration: its sealed obstacles handed to the journey's worker, and what
coaching took over or refused of it written back, so the import's report shows it.

The obstacles are opened only for the journey's worker (which writes them into coaching's plan under coaching's
own person key) and the operator, each opening audited like every special-category read; once the person is
erased there is nothing left to open. The downstream outcomes are rule texts and ids, never an obstacle's kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from pydantic import TypeAdapter
from sqlmodel import col, select

from services.intake.domain.imports import Downstream, check_downstream, with_downstream
from services.intake.imports.household import put_body
from services.intake.tables import IMPORTED_HOUSEHOLD, IMPORTED_OBSTACLES, ClientRow, ImportedRecordRow
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.privacy.audit import Access
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction

DOWNSTREAM: TypeAdapter[list[Downstream]] = TypeAdapter(list[Downstream])


async def imported_obstacles(
    tx: Transaction, client_id: UUID, by: StaffUser, vault: SpecialCategories, purpose: str
) -> tuple[str, list[str]]:
    """The migrated client's legacy id and obstacles as imported (none: the record had none, or the person was
    erased). 404 for a client who was not migrated; 403 outside the caller's offices."""
    record, office_id = await _imported(tx, client_id)
    by.require_office(office_id)
    if record.sealed_obstacles is None:
        return record.legacy_id, []
    access = Access(by, client_id, office_id, IMPORTED_OBSTACLES, purpose)
    opened = await vault.open_audited(tx.session, access, client_id, record.sealed_obstacles)
    return record.legacy_id, list(opened["obstacles"]) if opened is not None else []


async def imported_household(
    tx: Transaction, client_id: UUID, by: StaffUser, vault: SpecialCategories, purpose: str
) -> tuple[UUID, dict[str, Any] | None]:
    """The client's household id and the imported household as `PUT /households/{id}` takes it, each member's
    legacy id turned into their client id (none: not imported); None when the record had none or the person was
    erased. 404 for a client who was not migrated; 403 outside the caller's offices."""
    record, office_id = await _imported(tx, client_id)
    by.require_office(office_id)
    household_id = (await tx.session.get_one(ClientRow, client_id)).household_id
    if record.sealed_household is None:
        return household_id, None
    access = Access(by, client_id, office_id, IMPORTED_HOUSEHOLD, purpose)
    opened = await vault.open_audited(tx.session, access, client_id, record.sealed_household)
    if opened is None:
        return household_id, None
    named = {m["legacy_id"] for m in opened["members"] if m.get("legacy_id")}
    return household_id, put_body(opened, await _client_ids(tx, named))


async def _client_ids(tx: Transaction, legacy_ids: set[str]) -> dict[str, str]:
    if not legacy_ids:
        return {}
    query = select(col(ImportedRecordRow.legacy_id), col(ImportedRecordRow.client_id)).where(
        col(ImportedRecordRow.legacy_id).in_(sorted(legacy_ids))
    )
    return {legacy_id: str(client_id) for legacy_id, client_id in await tx.session.execute(query)}


async def record_downstream(tx: Transaction, client_id: UUID, by: StaffUser, news: Downstream) -> list[Downstream]:
    """Writes what came of one part of a migrated record; the same outcome again changes nothing."""
    check_downstream(news)
    record, office_id = await _imported(tx, client_id, lock=True)
    by.require_office(office_id)
    parts = with_downstream(DOWNSTREAM.validate_python(record.downstream or []), news)
    record.downstream = DOWNSTREAM.dump_python(parts, mode="json")
    tx.session.add(record)
    return parts


async def downstream_of(tx: Transaction, client_ids: Sequence[UUID]) -> dict[UUID, list[Downstream]]:
    """Each migrated client's downstream outcomes (one query for a whole report)."""
    if not client_ids:
        return {}
    query = select(col(ImportedRecordRow.client_id), col(ImportedRecordRow.downstream)).where(
        col(ImportedRecordRow.client_id).in_(list(client_ids))
    )
    rows: list[tuple[UUID, list[dict[str, Any]] | None]] = [tuple(r) for r in await tx.session.execute(query)]
    return {client_id: DOWNSTREAM.validate_python(parts) for client_id, parts in rows if parts}


async def _imported(tx: Transaction, client_id: UUID, lock: bool = False) -> tuple[ImportedRecordRow, str]:
    query = (
        select(ImportedRecordRow, col(ClientRow.office_id))
        .join(ClientRow, col(ClientRow.client_id) == col(ImportedRecordRow.client_id))
        .where(col(ImportedRecordRow.client_id) == client_id)
    )
    if lock:
        query = query.with_for_update(of=ImportedRecordRow)
    found = (await tx.session.execute(query)).first()
    if found is None:
        raise NotFound("migrated client", client_id)
    return found[0], found[1]

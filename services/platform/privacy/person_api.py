"""`GET /persons/{client_id}/export` (Art. 15 GDPR) and `POST /persons/{client_id}/erasure` (Art. 17), the same
in every service, over the service's `PersonDataMap` (app.state.person_data).

The export is for the data-protection officer acting for the person's office; sealed values are opened
for it and each opening is audited like any other read, and the export itself leaves an audit entry.
Erasure is for the erasure workflow (`journey_worker`) or an operator: it deletes or anonymises the
rows, drops the stored replies of idempotent requests that name the person, and erases the person's
key (`person_keys.py`). Running it again for an erased person changes nothing and answers the same.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.idempotency import IdempotencyKey, IdempotentExecutor
from services.platform.plumbing_tables import PlumbingTables
from services.platform.privacy.api import Purpose
from services.platform.privacy.audit import Access, AccessAction, record
from services.platform.privacy.person_data import ERASED, PersonDataMap, PersonTable, jsonable
from services.platform.privacy.person_keys import PersonKeys, PersonKeyTables, erased_at
from services.platform.privacy.vault import SpecialCategories
from services.platform.service_app import RuntimeDep
from services.platform.unit_of_work import Transaction

EXPORT_FIELD = "person.export"  # the audit entry of an export as a whole

DataProtectionOfficer = Annotated[StaffUser, Depends(require_roles(Role.DATA_PROTECTION_OFFICER))]
Eraser = Annotated[StaffUser, Depends(require_roles(Role.JOURNEY_WORKER, Role.OPERATOR))]


class PersonPart(BaseModel):
    service: str
    client_id: UUID
    status: Literal["held", "erased", "none"] = Field(
        description="held: the rows follow; erased: the person's data were erased; none: nothing held"
    )
    erased_at: datetime | None = None
    tables: dict[str, list[dict[str, Any]]] = Field(
        default_factory=dict, description="every row about the person, by table; sealed values opened"
    )


class ErasureOut(BaseModel):
    service: str
    client_id: UUID
    erased_at: datetime
    rows: dict[str, int] = Field(description="rows deleted or anonymised per table, by this call (0 on a repeat)")


def person_data(request: Request) -> PersonParts:
    parts: PersonParts = request.app.state.person_parts
    return parts


# A service's own step of an erasure, before its person rows go: rows per table it changed (benefits' households).
ErasesMore = Callable[[AsyncSession, UUID], Awaitable[dict[str, int]]]


class PersonParts:
    """What the routes need from a service: its map, its key tables, its audit table, its vault if any, and a step
    of its own for what the map cannot say (documents shared with others that name the person inside)."""

    def __init__(
        self,
        data: PersonDataMap,
        keys: PersonKeyTables,
        audit: Table,
        plumbing: PlumbingTables,
        vault: SpecialCategories | None = None,
        erases_more: ErasesMore | None = None,
    ) -> None:
        self.data, self.keys, self.audit, self.plumbing, self.vault = data, keys, audit, plumbing, vault
        self.erases_more = erases_more

    async def erased_at(self, session: AsyncSession, client_id: UUID) -> datetime | None:
        return await erased_at(session, self.keys, client_id)


PartsDep = Annotated[PersonParts, Depends(person_data)]
router = APIRouter(prefix="/persons", tags=["persons"])


@router.get("/{client_id}/export", response_model=PersonPart, summary="Everything held about a person (Art. 15)")
async def export(
    client_id: UUID, runtime: RuntimeDep, parts: PartsDep, user: DataProtectionOfficer, purpose: Purpose
) -> PersonPart:
    """This service's part of the right of access (Auskunftsrecht, Art. 15 GDPR): every row naming the person,
    sealed values opened. For the data-protection officer of the person's office; audited."""
    async with runtime.uow.transaction() as tx:
        erased_at = await parts.erased_at(tx.session, client_id)
        if erased_at is not None:
            return PersonPart(service=parts.data.service, client_id=client_id, status="erased", erased_at=erased_at)
        office = await parts.data.office_of(tx.session, client_id)
        if office is not None and not user.may_act_for(office):
            raise HTTPException(403, f"the person belongs to office {office}, which the caller does not act for")
        tables = {p.table.name: await _rows(tx, parts, p, client_id, user, office, purpose) for p in parts.data.tables}
        held = {name: rows for name, rows in tables.items() if rows}
        access = Access(user, client_id, office or "*", EXPORT_FIELD, purpose)
        await record(tx.session, parts.audit, access, AccessAction.READ)
    status: Literal["held", "none"] = "held" if held else "none"
    return PersonPart(service=parts.data.service, client_id=client_id, status=status, tables=held)


async def _rows(
    tx: Transaction,
    parts: PersonParts,
    part: PersonTable,
    client_id: UUID,
    user: StaffUser,
    office: str | None,
    purpose: str,
) -> list[dict[str, Any]]:
    rows = await parts.data.rows(tx.session, part, client_id)
    for row in rows:
        for sealed in part.sealed:
            value = row.get(sealed.column)
            if value is None or parts.vault is None:
                continue
            access = Access(user, client_id, office or "*", sealed.field, purpose)
            opened = await parts.vault.open_audited(tx.session, access, row[sealed.row_id], value)
            row[sealed.column] = ERASED if opened is None else opened
    return [jsonable(row) for row in rows]


@router.post("/{client_id}/erasure", response_model=ErasureOut, summary="Erase a person (Art. 17), idempotent")
async def erase(
    client_id: UUID, runtime: RuntimeDep, parts: PartsDep, user: Eraser, idempotency_key: IdempotencyKey = None
) -> Response:
    """Deletes or anonymises every row naming the person here and shreds the person's key (Löschung nach Ablauf
    der Aufbewahrungsfrist). Called by the erasure workflow; again for an erased person it changes nothing."""
    replies = runtime.idempotent
    return await runtime.idempotent.run(
        idempotency_key, user, None, lambda tx: _erase(tx, parts, replies, client_id), 200
    )


async def _erase(tx: Transaction, parts: PersonParts, replies: IdempotentExecutor, client_id: UUID) -> ErasureOut:
    session = tx.session
    if (before := await parts.erased_at(session, client_id)) is not None:
        return ErasureOut(service=parts.data.service, client_id=client_id, erased_at=before, rows={})
    rows = await parts.erases_more(session, client_id) if parts.erases_more is not None else {}
    rows |= await parts.data.erase_rows(session, client_id)
    rows["idempotency_keys"] = await replies.forget_replies_naming(session, client_id)
    when = await PersonKeys.erase_in(session, parts.keys, client_id)
    return ErasureOut(service=parts.data.service, client_id=client_id, erased_at=when, rows=rows)

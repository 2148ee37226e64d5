"""HTTP for special-category data: the purpose of a request, and the audit trail for the data-protection officer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.privacy.audit import AccessAction, entries, roles_of
from services.platform.privacy.vault import SpecialCategories
from services.platform.service_app import RuntimeDep


def endpoint_purpose(request: Request) -> str:
    """The purpose recorded with an access: the endpoint, as its route template ("GET /cases/{client_id}")."""
    route = request.scope.get("route")
    return f"{request.method} {getattr(route, 'path', request.url.path)}"


def special_categories(request: Request) -> SpecialCategories:
    vault: SpecialCategories = request.app.state.special_categories
    return vault


Purpose = Annotated[str, Depends(endpoint_purpose)]
SpecialCategoriesDep = Annotated[SpecialCategories, Depends(special_categories)]
DataProtectionOfficer = Annotated[StaffUser, Depends(require_roles(Role.DATA_PROTECTION_OFFICER))]


class AuditEntryOut(BaseModel):
    audit_id: UUID
    occurred_at: datetime
    client_id: UUID
    office_id: str
    staff_id: str
    roles: list[str]
    action: AccessAction
    field: str = Field(description="`<table>.<column>` of the special-category data")
    purpose: str = Field(description="the endpoint through which the data was read or written")


class AuditPage(BaseModel):
    items: list[AuditEntryOut]
    next_cursor: str | None = Field(description="pass as `after` for the next page; null on the last page")


router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("/special-category", response_model=AuditPage, summary="Who read or wrote a client's special-category data")
async def special_category_audit(
    client_id: UUID,
    runtime: RuntimeDep,
    vault: SpecialCategoriesDep,
    user: DataProtectionOfficer,
    after: Annotated[UUID | None, Query(description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> AuditPage:
    """Every read and write of the client's health and addiction data (GDPR Art. 9, accountability
    under Art. 5 Abs. 2), oldest first. For the data-protection officer (Datenschutzbeauftragte, Art. 37–39)."""
    async with runtime.uow.transaction() as tx:
        rows = await entries(tx.session, vault.audit, client_id, user, after, limit + 1)
    page = rows[:limit]
    return AuditPage(
        items=[AuditEntryOut.model_validate({**row, "roles": roles_of(row["roles"])}) for row in page],
        next_cursor=str(page[-1]["audit_id"]) if len(rows) > limit else None,
    )

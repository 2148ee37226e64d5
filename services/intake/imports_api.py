"""Intake's HTTP routes for bulk migration: import existing records, read an import's report."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends

from services.intake.api import offices
from services.intake.domain.offices import OfficeDirectory
from services.intake.import_schemas import ImportIn, ImportOut
from services.intake.use_cases import imports
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/imports", tags=["imports"])
# Operators run a migration (acting for the offices of their token); nobody else registers in bulk.
Migrator = Annotated[StaffUser, Depends(require_roles(Role.OPERATOR))]


@router.post("", status_code=201, response_model=ImportOut, summary="Import existing client records")
async def import_records(
    body: ImportIn,
    runtime: RuntimeDep,
    user: Migrator,
    directory: Annotated[OfficeDirectory, Depends(offices)],
    vault: SpecialCategoriesDep,
    purpose: Purpose,
) -> ImportOut:
    """Registers each record of the import format as `POST /clients` does (same validation, same rules, same
    `client_registered.v1`, marked `migrated`), each in its own transaction, and answers with the report per
    record: `registered`, `duplicate` (registered; the possible duplicates are named and on the worklist),
    `already_imported` (the legacy id was imported before: nothing new), `refused` (every field and reason,
    as a 422 of `POST /clients` names them) or, in a dry run, `valid`. A dry run changes nothing but keeps its
    report. The import, who ran it and its report are kept: `GET /imports/{import_id}`."""
    registrar = imports.Registrar(directory, user, vault, purpose)
    return ImportOut.of(await imports.import_records(runtime.uow, body.to_request(), registrar))


@router.get("/{import_id}", response_model=ImportOut, summary="An import's report")
async def import_report(import_id: UUID, runtime: RuntimeDep, user: Migrator) -> ImportOut:
    async with runtime.uow.transaction() as tx:
        return ImportOut.of(await imports.import_report(tx, import_id))

"""Intake's HTTP routes for bulk migration: import existing records, read an import's report."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends

from services.intake.api import offices
from services.intake.domain.imports import Downstream, DownstreamPart
from services.intake.domain.offices import OfficeDirectory
from services.intake.import_schemas import (
    DownstreamIn,
    DownstreamOut,
    ImportedHouseholdOut,
    ImportedObstaclesOut,
    ImportIn,
    ImportOut,
)
from services.intake.use_cases import imported_records, imports
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/imports", tags=["imports"])
# Operators run a migration (acting for the offices of their token); nobody else registers in bulk.
Migrator = Annotated[StaffUser, Depends(require_roles(Role.OPERATOR))]
# The journey's worker carries a migrated record on into coaching and reports what came of it; the operator
# may look at what the worker will carry (the reads audited either way).
Carrier = Annotated[StaffUser, Depends(require_roles(Role.JOURNEY_WORKER, Role.OPERATOR))]
Reporter = Annotated[StaffUser, Depends(require_roles(Role.JOURNEY_WORKER))]


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


@router.get(
    "/records/{client_id}/obstacles", response_model=ImportedObstaclesOut, summary="A migrated record's obstacles"
)
async def imported_obstacles(
    client_id: UUID, runtime: RuntimeDep, user: Carrier, vault: SpecialCategoriesDep, purpose: Purpose
) -> ImportedObstaclesOut:
    """The obstacles of the migrated client's legacy record, opened from their seal (audited) for the journey's
    worker to write into coaching's plan; none once the person is erased. 404 for a client not migrated."""
    async with runtime.uow.transaction() as tx:
        legacy_id, obstacles = await imported_records.imported_obstacles(tx, client_id, user, vault, purpose)
    return ImportedObstaclesOut(client_id=client_id, legacy_id=legacy_id, obstacles=obstacles)


@router.get(
    "/records/{client_id}/household", response_model=ImportedHouseholdOut, summary="A migrated record's household"
)
async def imported_household(
    client_id: UUID, runtime: RuntimeDep, user: Carrier, vault: SpecialCategoriesDep, purpose: Purpose
) -> ImportedHouseholdOut:
    """The benefits household of the migrated client's legacy record, opened from its seal (audited), as
    `PUT /households/{household_id}` takes it, for the journey's worker to enter at benefits; members' client ids
    filled in from their legacy ids. `household` null: none imported, or the person is erased."""
    async with runtime.uow.transaction() as tx:
        household_id, body = await imported_records.imported_household(tx, client_id, user, vault, purpose)
    return ImportedHouseholdOut(client_id=client_id, household_id=household_id, household=body)


@router.put(
    "/records/{client_id}/downstream/{part}",
    response_model=list[DownstreamOut],
    summary="What coaching or benefits took over of a migrated record",
)
async def record_downstream(
    client_id: UUID, part: DownstreamPart, body: DownstreamIn, runtime: RuntimeDep, user: Reporter
) -> list[DownstreamOut]:
    """Carried, or refused with the reasons (coaching's or benefits' rule texts, no personal data): shown per record by
    `GET /imports/{import_id}`. The same answer again changes nothing; a later one replaces it."""
    news = Downstream(part, body.outcome, tuple(body.reasons), datetime.now(UTC))
    async with runtime.uow.transaction() as tx:
        parts = await imported_records.record_downstream(tx, client_id, user, news)
    return [DownstreamOut.model_validate(d, from_attributes=True) for d in parts]

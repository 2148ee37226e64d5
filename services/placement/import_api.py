"""Placement's route for importing vacancies published in the BA Jobsuche."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from services.placement.api import KldbDep, OfficesDep, PlacementStaff
from services.placement.domain.jobsuche import ImportReport
from services.placement.jobsuche_records import JobsucheFile, read_records
from services.placement.use_cases import imports
from services.platform.http.fields import OfficeId
from services.platform.http.idempotency import IdempotencyKey
from services.platform.service_app import RuntimeDep
from services.platform.unit_of_work import Transaction

import_routes = APIRouter(prefix="/vacancy-imports", tags=["vacancies"])
ROUTERS = (import_routes,)


class RecordErrorOut(BaseModel):
    field: str
    reason: str


class RejectedOut(BaseModel):
    index: int = Field(description="position of the record in `stellenangebote`, from 0")
    refnr: str | None
    errors: list[RecordErrorOut]


class ImportReportOut(BaseModel):
    office_id: str
    received: int
    created: list[str] = Field(description="refnr of the vacancies added")
    updated: list[str] = Field(description="refnr of the vacancies a previous import had added, now updated")
    rejected: list[RejectedOut]

    @classmethod
    def of(cls, report: ImportReport) -> ImportReportOut:
        return cls(
            office_id=report.office_id,
            received=report.received,
            created=report.created,
            updated=report.updated,
            rejected=[
                RejectedOut(
                    index=r.index, refnr=r.refnr, errors=[RecordErrorOut(field=f, reason=m) for f, m in r.errors]
                )
                for r in report.rejected
            ],
        )


@import_routes.post("", response_model=ImportReportOut, summary="Import vacancies published in the BA Jobsuche")
async def import_vacancies(
    office_id: OfficeId,
    body: JobsucheFile,
    runtime: RuntimeDep,
    user: PlacementStaff,
    kldb: KldbDep,
    offices: OfficesDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """A file of the Jobsuche's search results (`{"stellenangebote": [...]}`, the fields of its public API:
    `refnr`, `beruf`, `titel`, `arbeitgeber`, `arbeitsort` with `plz`/`ort`/`koordinaten`, `arbeitszeit`,
    `eintrittsdatum`, `angebotsart`, `anzahlOffeneStellen`). Each record is checked on its own: the report
    names the rejected ones with their fields and reasons, the others are added or — for a `refnr` imported
    before — updated. `beruf` must be a job title of the KldB 2010 (its code is taken from there)."""

    records = read_records(body.stellenangebote, kldb)

    async def run(tx: Transaction) -> ImportReportOut:
        report = await imports.import_vacancies(tx, office_id, records, offices, user)
        return ImportReportOut.of(report)

    return await runtime.idempotent.run(idempotency_key, user, body, run, 200)

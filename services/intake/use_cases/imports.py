"""Importing existing client records: each record registered by `register_client`, in batches of a few hundred.

A batch is one transaction (`use_cases.import_batch`): a record is refused before it writes anything
(`clients.admitted`), so it takes nothing with it; the others of its batch commit together. A record is
registered once: its legacy id is stored with the client in the same commit, so a re-run finds it and
creates nothing; a record refused before has no such row and is registered when it comes again corrected.
A crash loses at most the batch in flight, whole: its records are registered when the file is run again.
A dry run performs every step of the registration and rolls the batch back, so it reports what a real run
would (a record's duplicates earlier in the file included) and changes nothing. The import itself (who ran
it, on which source, with what outcome per record) is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from pydantic import TypeAdapter

from services.intake.domain.duplicates import OnFile
from services.intake.domain.imports import (
    DuplicateOf,
    Outcome,
    Problem,
    RecordReport,
    counts,
    refused,
    repeated_ids,
)
from services.intake.domain.model import RegisterClient
from services.intake.domain.offices import OfficeDirectory
from services.intake.tables import IMPORTED_HOUSEHOLD, IMPORTED_OBSTACLES, ImportRow
from services.intake.use_cases.clients import admitted, register_client
from services.intake.use_cases.import_batch import Batch, open_batch
from services.intake.use_cases.imported_records import downstream_of
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, NotPermitted, RuleViolation
from services.platform.ids import new_id
from services.platform.privacy.audit import Access
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction, UnitOfWork


@dataclass(frozen=True)
class Parsed:
    """A record as read: its command, or the fields and reasons it was refused for."""

    legacy_id: str | None
    command: RegisterClient | None
    errors: tuple[Problem, ...] = ()
    obstacles: tuple[str, ...] = ()  # kept sealed in intake, never in the registration's event
    household: dict[str, Any] | None = None  # the benefits household's inputs: likewise


@dataclass(frozen=True)
class ImportRequest:
    source: str
    dry_run: bool
    records: Sequence[Parsed]


@dataclass(frozen=True)
class Registrar:
    """What a registration needs besides its command."""

    offices: OfficeDirectory
    by: StaffUser
    vault: SpecialCategories
    purpose: str


@dataclass(frozen=True)
class ImportReport:
    import_id: UUID
    source: str
    dry_run: bool
    started_at: datetime
    finished_at: datetime
    staff_id: str
    counts: dict[str, int]
    records: list[RecordReport]


RECORDS: TypeAdapter[list[RecordReport]] = TypeAdapter(list[RecordReport])


BATCH = 250  # records per transaction: commits amortised, a batch's locks held well under a second


class _DryRun(Exception):
    def __init__(self, reports: list[RecordReport]) -> None:
        self.reports = reports


async def import_records(uow: UnitOfWork, request: ImportRequest, registrar: Registrar) -> ImportReport:
    import_id, started_at = new_id(), datetime.now(UTC)
    twice = repeated_ids([r.legacy_id for r in request.records])
    reports: list[RecordReport] = []
    context = _Context(import_id, twice, request.dry_run, registrar)
    for start in range(0, len(request.records), BATCH):
        reports += await _import_batch(uow, request.records[start : start + BATCH], context)
    report = ImportReport(
        import_id, request.source, request.dry_run, started_at, datetime.now(UTC), registrar.by.staff_id,
        counts(reports), reports,
    )  # fmt: skip
    async with uow.transaction() as tx:
        tx.session.add(_import_row(report))
    return report


@dataclass(frozen=True)
class _Context:
    import_id: UUID
    twice: set[str]
    dry_run: bool
    registrar: Registrar


async def _import_batch(uow: UnitOfWork, records: Sequence[Parsed], context: _Context) -> list[RecordReport]:
    legacy_ids = [r.legacy_id for r in records if r.legacy_id is not None]
    births = [r.command.person.birth_date for r in records if r.command is not None]
    try:
        async with uow.transaction() as tx:
            batch = await open_batch(tx, legacy_ids, births, context.registrar.vault)
            reports = [await _import_one(batch, record, context) for record in records]
            await batch.close()
            if context.dry_run:
                raise _DryRun(reports)
            return reports
    except _DryRun as dry:
        return dry.reports


async def _import_one(batch: Batch, record: Parsed, context: _Context) -> RecordReport:
    if record.legacy_id in context.twice:
        return refused(record.legacy_id, [Problem("legacy_id", "named by more than one record of this import")])
    if record.command is None or record.legacy_id is None:
        return refused(record.legacy_id, list(record.errors))
    if (known := batch.known.get(record.legacy_id)) is not None:
        return RecordReport(record.legacy_id, Outcome.ALREADY_IMPORTED, *known)
    r = context.registrar
    try:
        admitted(record.command, r.offices, r.by, datetime.now(r.offices.timezone).date())
    except (RuleViolation, NotPermitted) as error:
        return refused(record.legacy_id, [_problem(error)])
    report, person = await _register(batch, record, context)
    batch.registered(person)
    if context.dry_run:
        return RecordReport(report.legacy_id, Outcome.VALID, duplicate_of=report.duplicate_of)
    return report


async def _register(batch: Batch, record: Parsed, context: _Context) -> tuple[RecordReport, OnFile]:
    r, tx = context.registrar, batch.tx
    assert record.command is not None and record.legacy_id is not None  # checked by the caller
    legacy_id = record.legacy_id
    registered = await register_client(tx, record.command, r.offices, r.by, batch.vault, r.purpose, batch.lookups)
    client = registered.client
    sealed_obstacles = None
    if record.obstacles:
        access = Access(r.by, client.client_id, client.office_id, IMPORTED_OBSTACLES, r.purpose)
        value = {"obstacles": list(record.obstacles)}
        sealed_obstacles = await batch.vault.seal(tx.session, access, client.client_id, value)
    sealed_household = None
    if record.household is not None:
        access = Access(r.by, client.client_id, client.office_id, IMPORTED_HOUSEHOLD, r.purpose)
        sealed_household = await batch.vault.seal(tx.session, access, client.client_id, record.household)
    batch.imported_as(
        legacy_id, client.client_id, context.import_id, client.registered_at, sealed_obstacles, sealed_household
    )
    duplicates = tuple(
        DuplicateOf(p.other.client_id, p.other.client_number, p.score, p.reasons)
        for p in registered.possible_duplicates
    )
    outcome = Outcome.DUPLICATE if duplicates else Outcome.REGISTERED
    report = RecordReport(legacy_id, outcome, client.client_id, client.client_number, duplicate_of=duplicates)
    return report, registered.on_file


def _problem(error: RuleViolation | NotPermitted) -> Problem:
    if isinstance(error, RuleViolation):
        return Problem(error.field, error.reason)
    return Problem("residence_postcode", str(error))  # the only office a registration checks is the residence's


def _import_row(report: ImportReport) -> ImportRow:
    return ImportRow(
        import_id=report.import_id,
        source=report.source,
        dry_run=report.dry_run,
        started_at=report.started_at,
        finished_at=report.finished_at,
        staff_id=report.staff_id,
        counts=report.counts,
        records=RECORDS.dump_python(report.records, mode="json"),
    )


async def import_report(tx: Transaction, import_id: UUID) -> ImportReport:
    row = await tx.session.get(ImportRow, import_id)
    if row is None:
        raise NotFound("import", import_id)
    records = RECORDS.validate_python(row.records)
    # What coaching took over or refused is written back after the import: read with the report, not frozen in it.
    found = await downstream_of(tx, [r.client_id for r in records if r.client_id is not None and not row.dry_run])
    records = [replace(r, downstream=tuple(found.get(r.client_id, ()))) if r.client_id else r for r in records]
    return ImportReport(
        row.import_id, row.source, row.dry_run, row.started_at, row.finished_at, row.staff_id, row.counts, records,
    )  # fmt: skip

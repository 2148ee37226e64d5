"""Importing existing client records: each record registered by `register_client`, in one transaction of its own.

A record is registered once: its legacy id is stored with the client in the same commit, so a re-run finds it
and creates nothing; a record refused before has no such row and is registered when it comes again corrected.
A dry run performs every step of the registration and rolls it back, so it reports what a real run would and
changes nothing. The import itself (who ran it, on which source, with what outcome per record) is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from pydantic import TypeAdapter

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
from services.intake.tables import ClientRow, ImportedRecordRow, ImportRow
from services.intake.use_cases.clients import register_client
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, NotPermitted, RuleViolation
from services.platform.ids import new_id
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction, UnitOfWork


@dataclass(frozen=True)
class Parsed:
    """A record as read: its command, or the fields and reasons it was refused for."""

    legacy_id: str | None
    command: RegisterClient | None
    errors: tuple[Problem, ...] = ()


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


class _RolledBack(Exception):
    def __init__(self, report: RecordReport) -> None:
        self.report = report


async def import_records(uow: UnitOfWork, request: ImportRequest, registrar: Registrar) -> ImportReport:
    import_id, started_at = new_id(), datetime.now(UTC)
    twice = repeated_ids([r.legacy_id for r in request.records])
    dry_run = request.dry_run
    reports = [await _import_one(uow, record, import_id, twice, dry_run, registrar) for record in request.records]
    report = ImportReport(
        import_id, request.source, request.dry_run, started_at, datetime.now(UTC), registrar.by.staff_id,
        counts(reports), reports,
    )  # fmt: skip
    async with uow.transaction() as tx:
        tx.session.add(_import_row(report))
    return report


async def _import_one(
    uow: UnitOfWork, record: Parsed, import_id: UUID, twice: set[str], dry_run: bool, registrar: Registrar
) -> RecordReport:
    if record.legacy_id in twice:
        return refused(record.legacy_id, [Problem("legacy_id", "named by more than one record of this import")])
    if record.command is None or record.legacy_id is None:
        return refused(record.legacy_id, list(record.errors))
    try:
        async with uow.transaction() as tx:
            report = await _register(tx, record.legacy_id, record.command, import_id, registrar)
            if dry_run and report.outcome is not Outcome.ALREADY_IMPORTED:
                raise _RolledBack(report)
            return report
    except _RolledBack as rolled_back:
        return RecordReport(rolled_back.report.legacy_id, Outcome.VALID, duplicate_of=rolled_back.report.duplicate_of)
    except (RuleViolation, NotPermitted) as error:
        return refused(record.legacy_id, [_problem(error)])


async def _register(
    tx: Transaction, legacy_id: str, command: RegisterClient, import_id: UUID, registrar: Registrar
) -> RecordReport:
    known = await tx.session.get(ImportedRecordRow, legacy_id)
    if known is not None:
        on_file = await tx.session.get(ClientRow, known.client_id)
        number = on_file.client_number if on_file is not None else None
        return RecordReport(legacy_id, Outcome.ALREADY_IMPORTED, known.client_id, number)
    r = registrar
    registered = await register_client(tx, command, r.offices, r.by, r.vault, r.purpose)
    client = registered.client
    row = ImportedRecordRow(legacy_id=legacy_id, client_id=client.client_id, import_id=import_id,
                            imported_at=client.registered_at)  # fmt: skip
    tx.session.add(row)
    duplicates = tuple(
        DuplicateOf(p.other.client_id, p.other.client_number, p.score, p.reasons)
        for p in registered.possible_duplicates
    )
    outcome = Outcome.DUPLICATE if duplicates else Outcome.REGISTERED
    return RecordReport(legacy_id, outcome, client.client_id, client.client_number, duplicate_of=duplicates)


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
    return ImportReport(
        row.import_id, row.source, row.dry_run, row.started_at, row.finished_at, row.staff_id, row.counts,
        RECORDS.validate_python(row.records),
    )  # fmt: skip

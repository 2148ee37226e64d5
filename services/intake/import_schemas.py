"""HTTP bodies of `POST /imports` and `GET /imports/{import_id}`, and the reading of each record on its own."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from services.intake.domain.imports import Carry, DownstreamPart, Outcome, Problem, RecordReport
from services.intake.imports.files import UNREADABLE
from services.intake.imports.format import LegacyRecord, legacy_id_of
from services.intake.use_cases.imports import ImportReport, ImportRequest, Parsed
from services.platform.http.fields import Text

MAX_RECORDS = 1000  # per request; the CLI sends a file in batches of this size or less


class ImportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        description="what is imported, e.g. the file name and the batch's lines"
    )
    dry_run: bool = Field(False, description="check every record as a real run would, change nothing")
    records: list[dict[str, Any]] = Field(
        min_length=1, max_length=MAX_RECORDS, description="records of the import format, each checked on its own"
    )

    def to_request(self) -> ImportRequest:
        return ImportRequest(self.source, self.dry_run, [parse(raw) for raw in self.records])


def parse(raw: dict[str, Any]) -> Parsed:
    """A record's command, or every field and reason as `POST /clients` names them in its 422."""
    legacy_id = legacy_id_of(raw)
    if UNREADABLE in raw:
        return Parsed(legacy_id, None, (Problem("record", str(raw[UNREADABLE])),))
    try:
        record = LegacyRecord.model_validate(raw)
        household = record.household.sealed_value() if record.household else None
        return Parsed(legacy_id, record.to_command(), obstacles=tuple(record.obstacles), household=household)
    except ValidationError as error:
        return Parsed(legacy_id, None, tuple(_problem(e["loc"], e["msg"]) for e in error.errors()))


def _problem(loc: tuple[int | str, ...], msg: str) -> Problem:
    return Problem(".".join(str(part) for part in loc) or "record", msg)


class ProblemOut(BaseModel):
    field: str
    reason: str


class DuplicateOfOut(BaseModel):
    client_id: UUID
    client_number: str
    score: int
    reasons: list[str]


class DownstreamOut(BaseModel):
    part: DownstreamPart = Field(
        description="what is taken over: case_manager, appointments, obstacles (coaching), household (benefits)"
    )
    outcome: Carry
    reasons: list[str] = Field(description="why it was refused (the service's rule texts; no personal data)")
    at: datetime


class DownstreamIn(BaseModel):
    outcome: Carry
    reasons: list[Annotated[str, StringConstraints(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=50, description="required when refused: the rules' texts, no names"
    )
    model_config = ConfigDict(extra="forbid")


class ImportedObstaclesOut(BaseModel):
    client_id: UUID
    legacy_id: str
    obstacles: list[str] = Field(description="as imported (special categories: opened for the journey's worker)")


class ImportedHouseholdOut(BaseModel):
    client_id: UUID
    household_id: UUID = Field(description="the client's household at intake, as benefits knows it")
    household: dict[str, Any] | None = Field(
        description="the `PUT /households/{id}` body, members' client ids filled in (special categories: opened "
        "for the journey's worker); null: none imported, or the person was erased"
    )


class RecordOut(BaseModel):
    legacy_id: str | None
    outcome: Outcome
    client_id: UUID | None = Field(None, description="the client registered, or registered before under this id")
    client_number: str | None = None
    errors: list[ProblemOut] = Field(description="why the record was refused: every field and reason")
    duplicate_of: list[DuplicateOfOut] = Field(description="clients on file this one may be (worklist for staff)")
    downstream: list[DownstreamOut] = Field(
        default_factory=list, description="what coaching and benefits took over of the record, or refused and why"
    )

    @classmethod
    def of(cls, r: RecordReport) -> RecordOut:
        return cls(
            legacy_id=r.legacy_id,
            outcome=r.outcome,
            client_id=r.client_id,
            client_number=r.client_number,
            errors=[ProblemOut(field=p.field, reason=p.reason) for p in r.errors],
            duplicate_of=[DuplicateOfOut.model_validate(d, from_attributes=True) for d in r.duplicate_of],
            downstream=[DownstreamOut.model_validate(d, from_attributes=True) for d in r.downstream],
        )


class ImportOut(BaseModel):
    import_id: UUID
    source: str
    dry_run: bool
    started_at: datetime
    finished_at: datetime
    staff_id: str
    counts: dict[str, int] = Field(description="records per outcome")
    records: list[RecordOut]

    @classmethod
    def of(cls, r: ImportReport) -> ImportOut:
        return cls(
            import_id=r.import_id,
            source=r.source,
            dry_run=r.dry_run,
            started_at=r.started_at,
            finished_at=r.finished_at,
            staff_id=r.staff_id,
            counts=r.counts,
            records=[RecordOut.of(record) for record in r.records],
        )

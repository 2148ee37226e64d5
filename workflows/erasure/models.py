"""The erasure workflow's inputs and results: ids only (they are stored in Temporal's history in clear text
apart from the codec, and a client id is no personal data by itself)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from workflows.erasure.retention import DEFAULT_RETENTION_YEARS

# The services that hold something about a person, each with `POST /persons/{client_id}/erasure`.
SERVICES = ("intake", "coaching", "placement", "benefits", "reporting")


class SweepInput(BaseModel):
    retention_years: int = Field(DEFAULT_RETENTION_YEARS, ge=1, le=100)
    page_size: int = Field(200, ge=1, le=1000)
    dry_run: bool = False  # select and report, erase nothing


class CandidatesRequest(BaseModel):
    closed_before: datetime
    after: UUID | None = None
    limit: int = 200


class CandidatesPage(BaseModel):
    client_ids: list[UUID]
    next_cursor: UUID | None = None


class EraseRequest(BaseModel):
    service: str
    client_id: UUID


class ServiceErased(BaseModel):
    service: str
    client_id: UUID
    rows: dict[str, int]


class SweepResult(BaseModel):
    cutoff: datetime
    selected: list[UUID] = Field(default_factory=list)
    erased: list[UUID] = Field(default_factory=list)

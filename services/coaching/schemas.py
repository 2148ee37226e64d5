"""Coaching's HTTP bodies."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from contracts.events import ContactChannel
from services.coaching.domain.model import CaseStatus


class CaseOut(BaseModel):
    client_id: UUID
    household_id: UUID
    office_id: str
    status: CaseStatus
    case_worker_id: str | None
    opened_at: datetime
    contacts: int


class ContactIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channel: ContactChannel
    occurred_at: AwareDatetime
    note: str | None = Field(None, max_length=2000)


class ContactOut(BaseModel):
    contact_id: UUID
    client_id: UUID
    case_worker_id: str
    channel: ContactChannel
    occurred_at: datetime

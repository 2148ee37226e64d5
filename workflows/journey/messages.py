"""What a journey is told and asked: facts from the bridge (signal), its start input, staff requests
(updates) and what it shows (the `view` query)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.events import Event, event_class
from services.platform.http.fields import StaffId, Text
from workflows.journey.outcomes import ExitReason
from workflows.journey.policy import JourneyPolicy
from workflows.journey.state import JourneyState


class Fact(BaseModel):
    event_id: UUID
    event_type: str
    occurred_at: datetime
    data: dict[str, Any]

    def event(self) -> Event:
        return event_class(self.event_type).model_validate(self.data)


class JourneyStart(BaseModel):
    client_id: UUID
    state: dict[str, Any] | None = None  # carried over by continue-as-new
    policy: JourneyPolicy | None = None  # None: the policy's defaults (real time); carried over too


class ExitRequest(BaseModel):
    reason: ExitReason


class CaseWorkerChange(BaseModel):
    case_worker_id: StaffId
    reason: Text = Field(min_length=1, max_length=500)


class Deadline(BaseModel):
    kind: str
    at: datetime
    month: str | None = None


class JourneyView(BaseModel):
    """The `view` query: state and history, what is due next, and the policy the journey runs on."""

    state: JourneyState
    deadlines: list[Deadline]
    details: str
    policy: JourneyPolicy

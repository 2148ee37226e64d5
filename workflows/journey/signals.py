"""What the bridge hands a journey: one fact, as the CloudEvent's id, type and data."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from contracts.events import Event, event_class


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

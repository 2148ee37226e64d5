"""HTTP bodies of a move (Umzug): the new residence postcode and the day the client lives there."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from services.intake.domain.moves import RecordMove
from services.intake.use_cases.moves import Moved
from services.platform.http.fields import Postcode, StaffDate


class MoveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    residence_postcode: Postcode = Field(description="the postcode of the new residence")
    moved_on: StaffDate = Field(description="the day the client lives there (registration certificate, § 17 BMG)")

    def to_command(self, client_id: UUID) -> RecordMove:
        return RecordMove(client_id, self.residence_postcode, self.moved_on)


class MoveOut(BaseModel):
    move_id: UUID
    client_id: UUID
    household_id: UUID
    from_office_id: str
    office_id: str = Field(description="the office responsible from `moved_on`")
    moved_on: date
    recorded_at: datetime

    @classmethod
    def of(cls, moved: Moved) -> MoveOut:
        return cls(**moved.__dict__)

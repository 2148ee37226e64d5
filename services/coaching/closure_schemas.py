"""HTTP bodies of an office closure: the period, the reason, the substitute office, the hours it reopens with."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.coaching.domain.closures import CloseOffice, spans_from
from services.coaching.schemas import OpeningHoursOut
from services.coaching.tables import OfficeClosureRow
from services.platform.http.fields import LocalTime, OfficeId, StaffDate, Text


class OpeningSpanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday")
    opens: LocalTime
    closes: LocalTime = Field(description="exclusive, Europe/Berlin")


class ClosureIn(BaseModel):
    """An office closed from `starts_on` through `ends_on` (inclusive, Europe/Berlin)."""

    model_config = ConfigDict(extra="forbid")
    starts_on: StaffDate
    ends_on: StaffDate
    reason: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)] = Field(
        description="why, e.g. Schulung des Personals (shown to staff and in the clients' notices)"
    )
    substitute_office_id: OfficeId = Field(description="where the office's clients go meanwhile")
    reopening_hours: list[OpeningSpanIn] | None = Field(
        None, max_length=21, description="the opening hours from the day after `ends_on`; null: unchanged"
    )

    def to_command(self, office_id: str) -> CloseOffice:
        hours = (
            None
            if self.reopening_hours is None
            else spans_from((s.weekday, s.opens, s.closes) for s in self.reopening_hours)
        )
        return CloseOffice(office_id, self.starts_on, self.ends_on, self.reason, self.substitute_office_id, hours)


class ClosureOut(BaseModel):
    closure_id: UUID
    office_id: str
    starts_on: date
    ends_on: date
    reason: str
    substitute_office_id: str
    reopening_hours: list[OpeningHoursOut] | None
    moved_appointments: int = Field(description="appointments moved to the substitute office")
    unmoved_appointments: list[UUID] = Field(description="appointments for which no free slot was found")
    created_at: datetime
    created_by: str

    @classmethod
    def of(cls, row: OfficeClosureRow) -> ClosureOut:
        hours = None if row.reopening_hours is None else [OpeningHoursOut(**h) for h in row.reopening_hours]
        return cls(
            closure_id=row.closure_id,
            office_id=row.office_id,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            reason=row.reason,
            substitute_office_id=row.substitute_office_id,
            reopening_hours=hours,
            moved_appointments=row.moved_appointments,
            unmoved_appointments=[UUID(i) for i in row.unmoved_appointments],
            created_at=row.created_at,
            created_by=row.created_by,
        )

"""HTTP bodies of programme participation and selection (kept apart from schemas.py, which holds the case's)."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.coaching.domain.participations import CHOSEN_END_REASONS, EndReason, Participation
from services.platform.http.fields import OfficeId, StaffDate

ProgramId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,29}$")]
ChosenEndReason = Annotated[
    EndReason,
    Field(description=f"one of {', '.join(CHOSEN_END_REASONS)} (`transferred` is set by a transfer)"),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EnrolmentIn(Strict):
    program_id: ProgramId
    starts_on: StaffDate | None = Field(None, description="default: today (Europe/Berlin)")


class TransferIn(Strict):
    program_id: ProgramId
    on: StaffDate | None = Field(None, description="the day the old participation ends and the new starts")


class EndIn(Strict):
    reason: ChosenEndReason
    ended_on: StaffDate | None = Field(None, description="default: today (Europe/Berlin)")


class ParticipationOut(BaseModel):
    participation_id: UUID
    client_id: UUID
    program_id: str
    office_id: str
    started_on: date
    planned_end_on: date | None = Field(description="start plus the programme's duration; null: open-ended")
    ended_on: date | None
    end_reason: EndReason | None
    transferred_from: UUID | None

    @classmethod
    def of(cls, p: Participation) -> ParticipationOut:
        return cls(
            participation_id=p.participation_id,
            client_id=p.client_id,
            program_id=p.program_id,
            office_id=p.office_id,
            started_on=p.started_on,
            planned_end_on=p.planned_end_on,
            ended_on=p.ended_on,
            end_reason=p.end_reason,
            transferred_from=p.transferred_from,
        )


class ParticipationChangeOut(BaseModel):
    participation: ParticipationOut
    case_worker_id: str = Field(description="who carries the case now (the case manager follows the programme)")
    program_id: str = Field(description="the programme the case follows now")
    contact_interval_days: int


class BulkEnrolmentIn(Strict):
    office_id: OfficeId
    client_ids: list[UUID] = Field(min_length=1, max_length=2000)
    starts_on: StaffDate | None = None


class EnrolmentResultOut(BaseModel):
    client_id: UUID
    enrolled: bool
    participation_id: UUID | None = None
    case_worker_id: str | None = None
    reason: str | None = Field(None, description="why not, when not enrolled")


class BulkEnrolmentOut(BaseModel):
    program_id: str
    office_id: str
    enrolled: int
    refused: int
    results: list[EnrolmentResultOut]


class ProposalOut(BaseModel):
    client_id: UUID
    score: int
    components: dict[str, int] = Field(description="readiness, obstacles, recent_contact, target_groups (points)")


class ExclusionOut(BaseModel):
    client_id: UUID
    reasons: list[str] = Field(description="in_programme:<id>, not_eligible, open_obstacle:<kind>")


class SelectionOut(BaseModel):
    considered: int = Field(description="active cases of the office looked at")
    eligible: int
    proposals: list[ProposalOut]
    excluded: list[ExclusionOut] = Field(description="the first 200 excluded cases by client id")
    excluded_total: int


class ProposalsOut(BaseModel):
    program_id: str
    office_id: str
    places: int | None = Field(description="the office's places in the programme; null: not limited")
    taken: int = Field(description="current participants in the office")
    selection: SelectionOut

"""HTTP bodies of a proposal's pipeline steps and of the support after a hire (feedback, warnings)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.placement.domain.aftercare import AftercareRecord, FeedbackRating, RecordKind, RiskReason
from services.placement.domain.pipeline import ClosedAs, CloseReason, InterviewOutcome, PipelineStep, RecordedStep, Step
from services.platform.http import fields

Note = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    Field(description="free text for placement staff; it never leaves placement in an event"),
]


class StepIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    step: Step
    on: fields.StaffDate = Field(description="the day of the step: application sent, interview, offer, closing")
    interview_outcome: InterviewOutcome | None = Field(None, description="only with interview_held")
    closed_as: ClosedAs | None = Field(None, description="only with close: rejected (employer) or withdrawn (client)")
    reason: CloseReason | None = Field(None, description="only with close: the reason code")
    note: Note | None = None

    def to_step(self) -> PipelineStep:
        return PipelineStep(self.step, self.on, self.interview_outcome, self.closed_as, self.reason, self.note)


class StepOut(BaseModel):
    step_id: UUID
    proposal_id: UUID
    step: Step
    on: date
    interview_outcome: InterviewOutcome | None
    closed_as: ClosedAs | None
    reason: CloseReason | None
    note: str | None
    recorded_at: datetime
    recorded_by: str

    @classmethod
    def of(cls, recorded: RecordedStep) -> StepOut:
        t = recorded.taken
        return cls(
            step_id=recorded.step_id,
            proposal_id=recorded.proposal_id,
            step=t.step,
            on=t.on,
            interview_outcome=t.interview_outcome,
            closed_as=t.closed_as,
            reason=t.reason,
            note=t.note,
            recorded_at=recorded.recorded_at,
            recorded_by=recorded.recorded_by,
        )


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    on: fields.StaffDate = Field(description="the day the employer gave the feedback")
    rating: FeedbackRating = Field(description="negative raises an early warning for the coach")
    note: Note | None = None


class RiskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    on: fields.StaffDate = Field(description="the day the risk became known")
    reason: RiskReason
    note: Note | None = None


class AftercareOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    record_id: UUID
    employment_id: UUID
    kind: RecordKind
    on: date
    rating: FeedbackRating | None
    reason: RiskReason | None
    note: str | None
    recorded_at: datetime
    recorded_by: str

    @classmethod
    def of(cls, record: AftercareRecord) -> AftercareOut:
        return cls.model_validate(record, from_attributes=True)

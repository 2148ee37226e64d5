"""What the hearing workflow, its activities and its API exchange: pure models the sandbox may import.

Ids, dates, statuses and who acted — the client's statement itself stays in the letter and the file,
never in the workflow (its payloads are encrypted, its search attributes are not).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

# The benefits service's `Incident` values (services/benefits/domain/reductions.py), the duties of § 31.
from workflows.hearing.kinds import Duty, IncidentKind


class HearingPolicy(BaseModel):
    """Deadlines a Jobcenter sets (the six months are the law's, § 31b Abs. 1 S. 3)."""

    statement_days: int = Field(14, ge=1, le=60, description="days the client has for a statement")
    letter_due_days: int = Field(2, ge=0, le=14, description="days the case manager has to send the letter")
    determination_months: int = Field(6, ge=1, le=6, description="§ 31b Abs. 1 S. 3: months from the incident")
    month_lead_days: int = Field(10, ge=0, le=27, description="a changed month is decided this early")


class HearingFacts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    incident_id: UUID
    client_id: UUID
    household_id: UUID | None = Field(
        None, description="None when the bridge opened it from a missed appointment: the workflow looks it up"
    )
    office_id: str
    kind: IncidentKind
    duty: Duty | None = Field(None, description="the duty of § 31 Abs. 1 Nr. 1–3 or Abs. 2 Nr. 1–4 (a code)")
    sperrzeit_from: date | None = Field(None, description="a Sperrzeit's first day (§ 31b Abs. 1 S. 2)")
    occurred_on: date
    notice_given: bool = Field(description="written notice of the consequences (Rechtsfolgenbelehrung)")
    consecutive_misses: int = Field(1, ge=1, le=99)
    repeated_breach: bool = Field(False, description="an earlier breach of duty within a year (old law § 31a Abs. 2)")
    mental_illness_known: bool = Field(False, description="a mental illness is known to the Jobcenter (flag only)")
    unable_in_writing: bool = Field(
        False, description="other signs the client cannot answer in writing (§ 31a Abs. 2 S. 2; flag only)"
    )
    opened_by: str


class HearingStart(BaseModel):
    facts: HearingFacts
    policy: HearingPolicy = Field(default_factory=HearingPolicy)
    # The calendar the hearing's days lie on: unset = the real one. The demo compresses a month to seconds
    # (`LOTSE_WORKER_SECONDS_PER_MONTH`, as for the journeys; the bridge passes it): the hearing then counts its
    # days from the incident's `occurred_on` at the moment it starts (workflows/business_calendar.py).
    seconds_per_month: float | None = Field(None, gt=0)


class PersonalHearingMode(StrEnum):
    IN_PERSON = "in_person"  # the hearing shall be held in person
    OFFERED = "offered"  # an opportunity to be heard in person shall be offered
    ON_REQUEST = "on_request"  # in person only if the client asks


class PersonalHearing(BaseModel):
    mode: PersonalHearingMode
    paragraph: str
    note: str = Field(description="for staff, in German")


class Status(StrEnum):
    AWAITING_STATEMENT = "awaiting_statement"
    STATEMENT_OVERDUE = "statement_overdue"  # the deadline passed without a statement: decidable now
    READY_FOR_DECISION = "ready_for_decision"
    REDUCING = "reducing"  # a reduction is determined; its later months are still to be decided
    CLOSED_NO_REDUCTION = "closed_no_reduction"
    CLOSED_REDUCED = "closed_reduced"
    REFUSED_BY_BENEFITS = "refused_by_benefits"
    TOO_LATE = "too_late"  # § 31b Abs. 1 S. 3: six months passed without a determination


OPEN = frozenset({Status.AWAITING_STATEMENT, Status.STATEMENT_OVERDUE, Status.READY_FOR_DECISION})


class Outcome(StrEnum):
    IMPORTANT_REASON = "important_reason"  # wichtiger Grund anerkannt: no reduction
    HARDSHIP = "hardship"  # außergewöhnliche Härte, § 31a Abs. 3: no reduction
    REDUCTION = "reduction"


class Statement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    received_on: date
    recorded_by: str = ""
    personal_hearing_requested: bool = False
    mental_illness_known: bool = Field(
        False, description="staff learned of a mental illness (a flag only): a hearing the bridge opened starts false"
    )
    unable_in_writing: bool = Field(False, description="staff see the client cannot answer in writing (a flag)")


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Outcome
    decided_by: str = ""
    decided_on: date | None = Field(None, description="set by the workflow: the day in Germany it was decided")


class ReductionApplied(BaseModel):
    reduction_id: UUID
    consequence: str
    first_month: date
    change_months: list[date]
    months_decided: list[date] = []
    month_decisions: list[UUID | None] = Field([], description="benefits' change decision per month decided")


class HearingState(BaseModel):
    """The `state` query: what staff see of the hearing."""

    facts: HearingFacts
    policy: HearingPolicy
    status: Status
    opened_at: datetime
    opened_on: date | None = Field(
        None, description="the day it opened on its calendar (the incident's, on the demo's); None: opened_at's day"
    )
    statement_due: date
    determination_deadline: date = Field(description="last day a reduction may be determined (§ 31b Abs. 1 S. 3)")
    personal_hearing: PersonalHearing
    paragraph: str = Field("", description="the provision the hearing is about, e.g. § 31 Abs. 1 S. 1 Nr. 3")
    letter_task_id: UUID | None = None
    letter_problem: str | None = Field(None, description="coaching refused the letter task: why")
    statement: Statement | None = None
    decision: Decision | None = None
    reduction: ReductionApplied | None = None
    refusal: str | None = None

    @property
    def open(self) -> bool:
        return self.status in OPEN


class HearingNews(BaseModel):
    """What a hearing tells the client's journey (signal `hearing`): that it opened or closed. Ids only."""

    incident_id: UUID
    open: bool


# The journey's signal the hearing sends its news with (workflows/journey/workflow.py).
JOURNEY_HEARING_SIGNAL = "hearing"


# --- activities --------------------------------------------------------------------------------

RAISE_LETTER_TASK = "raise_hearing_letter_task"
DETERMINE_REDUCTION = "determine_reduction"
DECIDE_REDUCED_MONTH = "decide_reduced_month"
RESOLVE_HOUSEHOLD = "resolve_hearing_household"


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore")


class LetterTask(BaseModel):
    client_id: UUID
    due_at: datetime
    detail: str
    idempotency_key: str


class RaisedTask(_Reply):
    task_id: UUID


class HouseholdOf(BaseModel):
    client_id: UUID


class ResolvedHousehold(BaseModel):
    household_id: UUID


class DetermineReduction(BaseModel):
    household_id: UUID
    client_id: UUID
    incident: IncidentKind
    occurred_on: date
    determined_on: date
    consecutive_misses: int
    determined_by: str
    sperrzeit_from: date | None = None
    idempotency_key: str


class DeterminedReduction(_Reply):
    reduction_id: UUID
    consequence: str
    first_month: date
    change_months: list[date] = []


class DecideMonth(BaseModel):
    household_id: UUID
    reduction_id: UUID
    month: date
    decided_by: str
    idempotency_key: str


class DecidedMonth(_Reply):
    month: date
    decision_id: UUID | None

"""A client's journey as a pure state machine over the facts services announce.

intake → coaching → job_search → employed → sustained (K2E3: employed subject to social
insurance in each of the 6 months after the integration). An employment that ends
inside those months sends the client back to coaching: the journey goes on.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.events import (
    CaseAssignedV1,
    ClientRegisteredV1,
    ContactRecordedV1,
    EmploymentConfirmedV1,
    EmploymentEndedV1,
    EmploymentStartedV1,
    Event,
    ReadyForPlacementV1,
)

SUSTAINED_AFTER_MONTHS = 6  # § 48a SGB II, Kennzahl K2E3
REMEMBERED_EVENT_IDS = 500  # facts arrive at least once; this many ids dedupe redeliveries


class Stage(StrEnum):
    REGISTERED = "registered"
    COACHING = "coaching"
    JOB_SEARCH = "job_search"
    EMPLOYED = "employed"
    SUSTAINED = "sustained"


class StageChange(BaseModel):
    stage: Stage
    at: datetime
    because: str


class JourneyState(BaseModel):
    client_id: UUID
    household_id: UUID | None = None
    office_id: str | None = None
    target_groups: list[str] = Field(default_factory=list)
    stage: Stage = Stage.REGISTERED
    case_worker_id: str | None = None
    program_id: str | None = None
    last_contact_at: datetime | None = None
    employment_id: UUID | None = None
    confirmed_months: list[date] = Field(default_factory=list)
    relapses: int = 0
    history: list[StageChange] = Field(default_factory=list)
    seen_event_ids: list[UUID] = Field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.stage is Stage.SUSTAINED


def apply(state: JourneyState, event_id: UUID, event: Event, at: datetime) -> bool:
    """Apply one fact; False if it was seen before (redelivery) and changed nothing."""
    if event_id in state.seen_event_ids:
        return False
    state.seen_event_ids = [*state.seen_event_ids, event_id][-REMEMBERED_EVENT_IDS:]
    match event:
        case ClientRegisteredV1():
            state.household_id, state.office_id = event.household_id, event.office_id
            state.target_groups = list(event.target_groups)
        case CaseAssignedV1():
            state.case_worker_id, state.program_id = event.case_worker_id, event.program_id
            _move(state, Stage.REGISTERED, Stage.COACHING, at, "case manager assigned")
        case ContactRecordedV1():
            state.last_contact_at = event.occurred_at
        case ReadyForPlacementV1():
            _move(state, Stage.COACHING, Stage.JOB_SEARCH, at, "ready for placement")
        case EmploymentStartedV1() if event.subject_to_social_insurance:
            _start_employment(state, event, at)
        case EmploymentConfirmedV1() if event.employment_id == state.employment_id:
            _confirm_month(state, event.month, at)
        case EmploymentEndedV1() if event.employment_id == state.employment_id:
            _end_employment(state, at)
    return True


def _move(state: JourneyState, expected: Stage | tuple[Stage, ...], to: Stage, at: datetime, because: str) -> None:
    allowed = expected if isinstance(expected, tuple) else (expected,)
    if state.stage in allowed:
        state.stage = to
        state.history = [*state.history, StageChange(stage=to, at=at, because=because)]


def _start_employment(state: JourneyState, event: EmploymentStartedV1, at: datetime) -> None:
    state.employment_id, state.confirmed_months = event.employment_id, []
    _move(state, (Stage.REGISTERED, Stage.COACHING, Stage.JOB_SEARCH), Stage.EMPLOYED, at,
          "employment subject to social insurance started")


def _confirm_month(state: JourneyState, month: date, at: datetime) -> None:
    if state.stage is Stage.EMPLOYED and month not in state.confirmed_months:
        state.confirmed_months = [*state.confirmed_months, month]
        if len(state.confirmed_months) >= SUSTAINED_AFTER_MONTHS:
            _move(state, Stage.EMPLOYED, Stage.SUSTAINED, at, "employed in each of the 6 months after the start")


def _end_employment(state: JourneyState, at: datetime) -> None:
    if state.stage is Stage.EMPLOYED:
        state.relapses += 1
        state.employment_id = None
        _move(state, Stage.EMPLOYED, Stage.COACHING, at, "employment ended within 6 months: back to coaching")

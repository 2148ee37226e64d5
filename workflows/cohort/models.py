"""What the cohort timer, its activities and the bridge exchange: pure models the sandbox may import (ids and
dates only)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

BERLIN = ZoneInfo("Europe/Berlin")
REMIND_OUTCOMES = "cohort.remind_outcomes"
CLOSE_COHORT = "cohort.close"


class CohortPolicy(BaseModel):
    """When the timer acts, in days around the cohort's last day (Europe/Berlin)."""

    remind_days_before: int = Field(14, ge=0, le=60, description="the outcome reminder, this long before the end")


class CohortTimerStart(BaseModel):
    cohort_id: UUID
    office_id: str
    ends_on: date
    starts_on: date | None = Field(None, description="the cohort's first day; the compressed calendar counts from it")
    policy: CohortPolicy = Field(default_factory=CohortPolicy)
    # The calendar the cohort's dates lie on: unset = the real one. The demo compresses a month to seconds
    # (`LOTSE_WORKER_SECONDS_PER_MONTH`, as for the journeys); the timer then counts the cohort's days from
    # `starts_on` at the moment it starts, a 30-day month lasting this many seconds (schedule.py).
    seconds_per_month: float | None = Field(None, gt=0)


class Stage(StrEnum):
    RUNNING = "running"  # before the reminder
    REMINDED = "reminded"  # the outcome tasks are raised; waiting for the end
    CLOSED = "closed"


class RemindOutcomes(BaseModel):
    cohort_id: UUID
    idempotency_key: str


class Reminded(BaseModel):
    cohort_id: UUID
    task_ids: list[UUID]


class CloseCohort(BaseModel):
    cohort_id: UUID
    as_of: date
    idempotency_key: str


class Closed(BaseModel):
    cohort_id: UUID
    closed_on: date
    ended: list[UUID]
    outcomes_missing: list[UUID]


class CohortTimerState(BaseModel):
    cohort_id: UUID
    office_id: str
    ends_on: date
    stage: Stage = Stage.RUNNING
    reminder_tasks: int = 0
    closed: Closed | None = None

"""What the payment run's workflow and activities exchange (pydantic, through the encrypting converter).

Ids and sums only: no names, no bank details. The service's report is read leniently
(`extra="ignore"`), so benefits may add fields without breaking running workflows.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

ZERO = Decimal("0.00")


class RunOptions(BaseModel):
    """How a run pays: sizes and timeouts (defaults are the production ones)."""

    batch_size: int = Field(500, ge=1, le=5000, description="households per batch request (one DB transaction)")
    pages_per_activity: int = Field(4, ge=1, description="batches per activity call; bounds history and rework")
    shards: int = Field(1, ge=1, le=64, description="id ranges paid in parallel (one activity each at a time)")
    heartbeat_timeout: timedelta = timedelta(seconds=30)
    request_timeout: timedelta = timedelta(seconds=20)
    activity_timeout: timedelta = timedelta(minutes=15)
    retry_max_interval: timedelta = Field(timedelta(minutes=1), description="backoff cap while a service is down")
    continue_as_new_after: int | None = Field(
        None, ge=1, description="activity calls per workflow run before continue-as-new (None: when suggested)"
    )


class Totals(BaseModel):
    paid_count: int = 0
    paid_sum: Decimal = ZERO
    failed_count: int = 0

    def plus(self, other: Totals) -> Totals:
        return Totals(
            paid_count=self.paid_count + other.paid_count,
            paid_sum=self.paid_sum + other.paid_sum,
            failed_count=self.failed_count + other.failed_count,
        )


class Shard(BaseModel):
    """A contiguous range of household ids, (after, until], and how far it was paid."""

    index: int
    after: UUID | None
    until: UUID | None
    cursor: UUID | None = None
    done: bool = False
    totals: Totals = Field(default_factory=Totals)


class RunState(BaseModel):
    """Everything a run carries across continue-as-new; also what the `progress` query returns."""

    run_id: str
    month: date
    options: RunOptions = Field(default_factory=RunOptions)
    expected_count: int | None = None
    shards: list[Shard] = []
    activity_calls: int = 0
    resumed_from_heartbeat: int = 0
    continued_as_new: int = 0
    finished: bool = False

    @property
    def totals(self) -> Totals:
        total = Totals()
        for shard in self.shards:
            total = total.plus(shard.totals)
        return total


class PlanRequest(BaseModel):
    month: date
    shards: int


class Partition(BaseModel):
    model_config = ConfigDict(extra="ignore")
    after: UUID | None
    until: UUID | None


class RunPlan(BaseModel):
    model_config = ConfigDict(extra="ignore")
    payable_count: int
    payable_sum: Decimal
    partitions: list[Partition]


class PagesRequest(BaseModel):
    """Pay up to `max_pages` batches of one shard, starting after `shard.cursor`."""

    run_id: str
    month: date
    shard: Shard
    batch_size: int
    max_pages: int
    request_timeout: timedelta


class Checkpoint(BaseModel):
    """The heartbeat: where this activity call got to and what it paid so far (resumed on retry)."""

    cursor: UUID | None
    done: bool = False
    pages: int = 0
    totals: Totals = Field(default_factory=Totals)


class PagesDone(BaseModel):
    checkpoint: Checkpoint
    resumed: bool = Field(description="this attempt continued from an earlier attempt's heartbeat")


class FailureLine(BaseModel):
    model_config = ConfigDict(extra="ignore")
    household_id: UUID
    office_id: str
    reason: str


class OfficeLine(BaseModel):
    model_config = ConfigDict(extra="ignore")
    office_id: str
    paid_count: int
    paid_sum: Decimal
    failed_count: int


class Reconciliation(BaseModel):
    model_config = ConfigDict(extra="ignore")
    payable_count: int
    paid_count: int
    failed_count: int
    unaccounted_count: int
    reconciled: bool


class RunReport(BaseModel):
    """The benefits service's reconciled report of the month (GET /payment-runs/{month})."""

    model_config = ConfigDict(extra="ignore")
    run_id: str
    month: date
    paid_count: int
    paid_sum: Decimal
    failed_count: int
    offices: list[OfficeLine]
    failures: list[FailureLine]
    reconciliation: Reconciliation


class RunResult(BaseModel):
    """What this execution paid (its own counts) and the month's report (the database's truth)."""

    state: RunState
    report: RunReport


class TriggerInput(BaseModel):
    """From the schedule: nothing (the date is the scheduled time in Berlin). Tests and operators may set it."""

    today: date | None = None
    run_id_prefix: str = "payments"
    options: RunOptions = Field(default_factory=RunOptions)


class TriggerOutcome(BaseModel):
    today: date
    month: date
    first_working_day: date
    started: str | None = Field(None, description="workflow id of the run started, if any")
    note: str

"""HTTP bodies of the payment run."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

from services.benefits.domain.payment_runs import PayBatch

MAX_BATCH = 5000


class BatchIn(BaseModel):
    after: UUID | None = Field(None, description="cursor: the last household id of the previous batch (null: start)")
    limit: int = Field(500, ge=1, le=MAX_BATCH, description="households to read from the roll in this batch")
    until: UUID | None = Field(None, description="optional inclusive upper bound of household ids (one shard)")


class BatchRequest(BatchIn):
    """What the idempotency key is checked against: the body plus the month from the path."""

    month: date

    def to_command(self) -> PayBatch:
        return PayBatch(self.month, self.after, self.limit, self.until)


class FailureOut(BaseModel):
    household_id: UUID
    office_id: str
    reason: str


class BatchOut(BaseModel):
    run_id: str
    month: date
    paid_count: int = Field(description="payments newly ordered by this batch")
    paid_sum: Decimal
    failed_count: int
    last_household_id: UUID | None = Field(description="the cursor for the next batch (the last id read)")
    done: bool = Field(description="no further payable household after this batch (within `until`)")
    failures: list[FailureOut]


class PartitionOut(BaseModel):
    after: UUID | None
    until: UUID | None


class PlanOut(BaseModel):
    run_id: str
    month: date
    payable_count: int
    payable_sum: Decimal
    partitions: list[PartitionOut] = Field(description="contiguous household-id ranges covering the whole roll")


class OfficeTotals(BaseModel):
    office_id: str
    paid_count: int
    paid_sum: Decimal
    failed_count: int


class Reconciliation(BaseModel):
    payable_count: int = Field(description="households the roll says are owed this month (now)")
    payable_sum: Decimal
    paid_count: int
    paid_sum: Decimal
    failed_count: int
    failed_sum: Decimal = Field(description="current entitlement of the failed households")
    unaccounted_count: int = Field(description="payable, but neither paid nor failed: the run is not complete")
    paid_not_payable_count: int = Field(description="paid, but no longer payable (entitlement changed since)")
    reconciled: bool = Field(description="payable == paid + failed, in count and in sum")


class RunReport(BaseModel):
    run_id: str
    month: date
    started_at: datetime
    last_ordered_at: datetime | None
    paid_count: int
    paid_sum: Decimal
    failed_count: int
    offices: list[OfficeTotals]
    failures: list[FailureOut]
    reconciliation: Reconciliation

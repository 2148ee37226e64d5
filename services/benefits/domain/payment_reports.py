"""What the reading side of the payment run hands back: its plan, and the month reconciled. No I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from services.benefits.domain.payment_runs import Failure


@dataclass(frozen=True)
class Partition:
    """Household ids after `after` up to `until` inclusive (None: from the start, to the end)."""

    after: UUID | None
    until: UUID | None


@dataclass(frozen=True)
class RunPlan:
    run_id: str
    month: date
    payable_count: int
    payable_sum: Decimal
    partitions: list[Partition]  # contiguous household-id ranges covering the whole roll


@dataclass(frozen=True)
class OfficeTotal:
    office_id: str
    paid_count: int
    paid_sum: Decimal
    failed_count: int


@dataclass(frozen=True)
class LedgerReconciliation:
    """The ledger against the roll as it is now: every household owed is either paid or failed."""

    payable_count: int
    payable_sum: Decimal
    paid_count: int
    paid_sum: Decimal
    failed_count: int
    failed_sum: Decimal  # current entitlement of the failed households
    unaccounted_count: int  # payable, but neither paid nor failed: the run is not complete
    paid_not_payable_count: int  # paid, but no longer payable (entitlement changed since)
    reconciled: bool  # payable == paid + failed, in count and in sum


@dataclass(frozen=True)
class PaymentRunReport:
    run_id: str
    month: date
    started_at: datetime
    last_ordered_at: datetime | None
    paid_count: int
    paid_sum: Decimal
    failed_count: int
    offices: list[OfficeTotal]
    failures: list[Failure]
    reconciliation: LedgerReconciliation

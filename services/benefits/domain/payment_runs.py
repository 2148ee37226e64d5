"""Pure rules of the payment run: run ids, month parsing, what stops a single payment.

SGB II pays in advance for the month (§ 42 Abs. 1 SGB II): the run for month M pays M.
A payment that breaks a rule is not made and not retried blindly: it is recorded with its
reason for a clerk (the "wenige Ausnahmen" every monthly run has), and the batch goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from services.platform.errors import RuleViolation

# The cash office (Kasse) that executes payments ordered for each Jobcenter office.
CASH_OFFICES: dict[str, str] = {
    "plon": "Kreiskasse Plön",
    "preetz": "Kreiskasse Plön",
    "heikendorf": "Kreiskasse Plön",
    "lutjenburg": "Kreiskasse Plön",
    "celle": "Kreiskasse Celle",
}
# Above this, a single payment needs a second person's approval (Vier-Augen-Prinzip) and is
# left out of the automatic run. A household of 8 with high rent stays well below it.
SINGLE_PAYMENT_LIMIT = Decimal("10000.00")

PLAUSIBLE_YEARS = (1900, 2100)  # as for every date staff enter (services.platform.http.fields)
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-01)?$")


@dataclass(frozen=True)
class Candidate:
    household_id: UUID
    office_id: str
    amount: Decimal


@dataclass(frozen=True)
class Payable:
    """A household the entitlement roll says is owed `amount` for the month, by decision `decision_id`."""

    household_id: UUID
    office_id: str
    amount: Decimal
    decision_id: UUID


@dataclass(frozen=True)
class PayBatch:
    """Pay the roll of `month` after the household id `after` (None: from the start), at most `limit`
    households, up to `until` inclusive (one shard; None: to the end)."""

    month: date
    after: UUID | None
    limit: int
    until: UUID | None = None


@dataclass(frozen=True)
class Failure:
    """A household not paid, and why (for a clerk to resolve)."""

    household_id: UUID
    office_id: str
    reason: str


@dataclass(frozen=True)
class BatchResult:
    run_id: str
    month: date
    paid_count: int  # payments newly ordered by this batch
    paid_sum: Decimal
    failed_count: int
    last_household_id: UUID | None  # the cursor for the next batch (the last id read)
    done: bool  # no further payable household after this batch (within `until`)
    failures: list[Failure]


def parse_month(text: str) -> date:
    """`2027-01` (or `2027-01-01`) → date(2027, 1, 1); anything else is a 422 naming `month`."""
    match = _MONTH.match(text)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise RuleViolation("month", f"'{text}' is not a month in the form YYYY-MM")
    if not PLAUSIBLE_YEARS[0] <= int(match.group(1)) <= PLAUSIBLE_YEARS[1]:  # year 0000 is no date at all
        raise RuleViolation("month", f"'{text}' lies outside {PLAUSIBLE_YEARS[0]}–{PLAUSIBLE_YEARS[1]}")
    return date(int(match.group(1)), int(match.group(2)), 1)


def run_id_of(month: date) -> str:
    return f"payments-{month:%Y-%m}"


def payment_problem(candidate: Candidate) -> str | None:
    """Why this payment must not be ordered automatically, or None when it may."""
    if candidate.office_id not in CASH_OFFICES:
        return f"office '{candidate.office_id}' has no cash office (Kasse) to pay from"
    if candidate.amount > SINGLE_PAYMENT_LIMIT:
        return (
            f"amount {candidate.amount} EUR exceeds the single-payment limit of {SINGLE_PAYMENT_LIMIT} EUR: "
            "needs a second approval (Vier-Augen-Prinzip)"
        )
    return None

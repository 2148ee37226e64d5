"""Procedural figures: approval period (§ 41 Abs. 3) and the recovery threshold (§ 40 Abs. 1 S. 3)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.benefits.domain.rules.figure import Provision
from services.benefits.domain.rules.table_values import TableValue


@dataclass(frozen=True)
class ApprovalPeriodLengths:
    regular_months: int  # § 41 Abs. 3 S. 1: "in der Regel für ein Jahr"
    shortened_months: int  # § 41 Abs. 3 S. 2: provisional (§ 41a) or housing costs not appropriate


def _lengths(value: TableValue) -> ApprovalPeriodLengths:
    fields = value.fields("regular_months", "shortened_months")
    return ApprovalPeriodLengths(fields["regular_months"].integer(), fields["shortened_months"].integer())


APPROVAL_PERIOD: Provision[ApprovalPeriodLengths] = Provision(
    "approval_period", "approval_period (§ 41 Abs. 3)", _lengths
)

RECOVERY_THRESHOLD: Provision[Decimal] = Provision(
    "recovery_threshold", "recovery_threshold (§ 40 Abs. 1 S. 3)", TableValue.money
)

"""Procedural figures: approval period (§ 41 Abs. 3) and the recovery threshold (§ 40 Abs. 1 S. 3)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.benefits.domain.money import euros
from services.benefits.domain.rules.calendar import BUERGERGELD_2023
from services.benefits.domain.rules.figure import Figure, Rule


@dataclass(frozen=True)
class ApprovalPeriodLengths:
    regular_months: int  # § 41 Abs. 3 S. 1: "in der Regel für ein Jahr"
    shortened_months: int  # § 41 Abs. 3 S. 2: provisional (§ 41a) or housing costs not appropriate


APPROVAL_PERIOD: Rule[ApprovalPeriodLengths] = Rule(
    "approval_period (§ 41 Abs. 3)",
    (Figure(ApprovalPeriodLengths(12, 6), BUERGERGELD_2023, None, "§ 41 Abs. 3 SGB II"),),
)

RECOVERY_THRESHOLD: Rule[Decimal] = Rule(
    "recovery_threshold (§ 40 Abs. 1 S. 3)",
    (Figure(euros(50), BUERGERGELD_2023, None, "§ 40 Abs. 1 S. 3 SGB II"),),
)

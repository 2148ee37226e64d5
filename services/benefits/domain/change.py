"""Change decision (Änderungsbescheid, § 48 SGB X with § 40 Abs. 1 S. 3 SGB II): what is owed or recovered."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.benefits.domain.errors import InvalidChange
from services.benefits.domain.money import ZERO
from services.benefits.domain.result import total
from services.benefits.domain.rules.procedure import RECOVERY_THRESHOLD


@dataclass(frozen=True)
class MonthChange:
    month: date
    old: Decimal
    new: Decimal
    already_paid: bool  # paid monthly in advance (§ 42 Abs. 1), so a change is a correction for the past

    @property
    def difference(self) -> Decimal:
        return self.new - self.old


@dataclass(frozen=True)
class ChangeDecision:
    decided_on: date
    months: tuple[MonthChange, ...]
    back_payment: Decimal  # owed to the household for months already paid
    overpayment: Decimal  # paid too much in months already paid
    recovery: Decimal  # claimed back (§ 50 SGB X); zero when waived
    recovery_waived: bool
    paragraph: str

    @property
    def net(self) -> Decimal:
        """Positive: the Jobcenter pays this now; negative: the household pays it back."""
        return self.back_payment - self.recovery


def _months(old: Mapping[date, Decimal], new: Mapping[date, Decimal], decided_on: date) -> tuple[MonthChange, ...]:
    if set(old) != set(new) or min((*old.values(), *new.values()), default=ZERO) < 0:
        raise InvalidChange("old and new entitlements must name the same months with amounts ≥ 0")
    paid_until = decided_on.replace(day=1)
    return tuple(
        MonthChange(month, old[month], new[month], month.replace(day=1) <= paid_until) for month in sorted(old)
    )


def change_decision(old: Mapping[date, Decimal], new: Mapping[date, Decimal], decided_on: date) -> ChangeDecision:
    """Household totals per month from the month of change; future months are simply paid anew.

    No recovery for the past when the change yields only refund claims of together less than
    50 EUR for all members of the household (§ 40 Abs. 1 S. 3). Back payments are always owed.
    The Sofortzuschlag is never recovered (§ 72 Abs. 2), so pass entitlements without it.
    """
    months = _months(old, new, decided_on)
    past = [month for month in months if month.already_paid]
    back_payment = total(max(ZERO, month.difference) for month in past)
    overpayment = total(max(ZERO, -month.difference) for month in past)
    threshold = RECOVERY_THRESHOLD.at(decided_on)
    waived = back_payment == 0 and ZERO < overpayment < threshold.value
    recovery = ZERO if waived else overpayment
    return ChangeDecision(decided_on, months, back_payment, overpayment, recovery, waived, threshold.source)

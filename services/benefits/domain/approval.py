"""Bewilligungszeitraum: the period one decision covers (§ 41 Abs. 3 SGB II)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from services.benefits.domain.rules.procedure import APPROVAL_PERIOD


@dataclass(frozen=True)
class ApprovalPeriod:
    start: date
    end: date  # last day, inclusive
    months: int
    paragraph: str
    reason: str


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def _length(provisional: bool, housing_appropriate: bool, decision_date: date) -> tuple[int, str, str]:
    lengths = APPROVAL_PERIOD.value_at(decision_date)
    if provisional:
        return lengths.shortened_months, "§ 41 Abs. 3 S. 2 Nr. 1 SGB II", "provisional decision (§ 41a)"
    if not housing_appropriate:
        return lengths.shortened_months, "§ 41 Abs. 3 S. 2 Nr. 2 SGB II", "housing costs not appropriate"
    return lengths.regular_months, "§ 41 Abs. 3 S. 1 SGB II", "regular approval period"


def approval_period(
    decision_date: date, provisional: bool, housing_appropriate: bool, *, first_month: date | None = None
) -> ApprovalPeriod:
    """12 months as a rule, 6 when provisional or the housing costs are not appropriate.

    The law says the period "soll ... regelmäßig" be shortened, so 6 is the rule a clerk may depart from;
    one period applies to the whole household (§ 41 Abs. 3 S. 3). It starts with `first_month`
    (the month the application reaches back to, § 37 Abs. 2) or else the month of the decision.
    """
    months, paragraph, reason = _length(provisional, housing_appropriate, decision_date)
    start = (first_month or decision_date).replace(day=1)
    return ApprovalPeriod(start, add_months(start, months) - timedelta(days=1), months, paragraph, reason)

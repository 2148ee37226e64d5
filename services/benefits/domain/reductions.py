"""What the law attaches to a breach of duty or a missed appointment, by its date. No I/O.

Which version applies follows the date of the breach or missed appointment (§ 65a Abs. 2 SGB II): before
2026-07-01 the steps of §§ 31a, 31b, 32 a.F. (10/20/30 %, 10 % per missed appointment), from then on the new
ones (30 % for three months; a missed appointment only when repeated, 30 % for one month; three consecutive
ones: not reachable, § 7b Abs. 4). The reduction starts with the month after the determination takes effect
(§ 31b Abs. 1 S. 1), which is only allowed within six months of the breach (§ 31b Abs. 1 S. 3). How a
determined sanction changes a month's entitlement is `reduced_entitlement`.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.benefits.domain.approval import add_months
from services.benefits.domain.errors import BenefitsError
from services.benefits.domain.rules.reductions import (
    BREACH_OF_DUTY,
    DETERMINATION_DEADLINE,
    MISSED_APPOINTMENT,
    NOT_REACHABLE_AFTER,
)

REFORM = date(2026, 7, 1)  # 13. SGB II-ÄndG; named for the paragraphs only, the figures come from the tables
OLD_LAW = " SGB II a.F. i.V.m. § 65a Abs. 2 SGB II"


class Incident(StrEnum):
    BREACH_OF_DUTY = "breach_of_duty"  # § 31
    MISSED_APPOINTMENT = "missed_appointment"  # § 32 (Meldeversäumnis)


class Consequence(StrEnum):
    REDUCTION = "reduction"
    NO_REDUCTION = "no_reduction"  # a first missed appointment from 2026-07: determined, not reduced
    NOT_REACHABLE = "not_reachable"  # § 7b Abs. 4: the claim ends until the person reports in person


class DeterminationTooLate(BenefitsError):
    """§ 31b Abs. 1 S. 3: a reduction may only be determined within six months of the breach."""

    def __init__(self, occurred_on: date, deadline: date) -> None:
        super().__init__(f"the breach of {occurred_on} could be determined until {deadline} only (§ 31b Abs. 1 S. 3)")
        self.deadline = deadline


class InvalidDetermination(BenefitsError):
    """A determination that cannot be made as asked (dates in the wrong order, nothing to lift)."""


@dataclass(frozen=True)
class Earlier:
    """An earlier determination for the same person: repeated breaches and misses count from these."""

    incident: Incident
    occurred_on: date
    first_month: date
    step: int  # 1, 2, 3 …; 0: determined without a reduction


@dataclass(frozen=True)
class Sanction:
    incident: Incident
    occurred_on: date
    consequence: Consequence
    percent: Decimal  # of the person's Regelbedarf (§ 20); 100 for the month without it under § 7b Abs. 4
    first_month: date
    months: int | None  # None: until the person reports in person (§ 7b Abs. 4 S. 3)
    step: int
    paragraph: str

    @property
    def old_law(self) -> bool:
        return self.occurred_on < REFORM

    def covers(self, month: date) -> bool:
        if self.consequence is Consequence.NO_REDUCTION or month < self.first_month:
            return False
        return self.months is None or month < add_months(self.first_month, self.months)


def months_after(day: date, months: int) -> date:
    """The same day `months` later; the month's last day where it is shorter (§ 188 Abs. 2, 3 BGB)."""
    first = add_months(day.replace(day=1), months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))


def determination_deadline(occurred_on: date) -> date:
    """The last day a reduction for this breach may be determined (§ 31b Abs. 1 S. 3)."""
    return months_after(occurred_on, DETERMINATION_DEADLINE.value_at(occurred_on))


def determine(
    incident: Incident,
    occurred_on: date,
    determined_on: date,
    earlier: Sequence[Earlier] = (),
    consecutive_misses: int = 1,
) -> Sanction:
    """The sanction for one incident, determined on `determined_on` (its notice taken to be effective that day)."""
    if determined_on < occurred_on or consecutive_misses < 1:
        raise InvalidDetermination("a determination follows the incident; consecutive misses count from 1")
    deadline = determination_deadline(occurred_on)
    if determined_on > deadline:
        raise DeterminationTooLate(occurred_on, deadline)
    first_month = add_months(determined_on.replace(day=1), 1)
    if incident is Incident.BREACH_OF_DUTY:
        return _breach(occurred_on, first_month, earlier)
    return _missed(occurred_on, first_month, earlier, consecutive_misses)


def _breach(occurred_on: date, first_month: date, earlier: Sequence[Earlier]) -> Sanction:
    rule = BREACH_OF_DUTY.value_at(occurred_on)
    since = months_after(occurred_on, -rule.repeat_within_months)
    previous = [e.step for e in earlier if e.incident is Incident.BREACH_OF_DUTY and e.step and e.first_month >= since]
    step = min(max(previous, default=0) + 1, len(rule.steps))
    figures = rule.steps[step - 1]
    if occurred_on < REFORM:
        paragraph = f"§ 31a Abs. 1 S. {step}, § 31b Abs. 2 S. 1 Nr. {step}{OLD_LAW}"
    else:
        paragraph = "§ 31 Abs. 1, § 31a Abs. 1 S. 1, § 31b Abs. 1, Abs. 2 S. 1 SGB II"
    return Sanction(
        Incident.BREACH_OF_DUTY,
        occurred_on,
        Consequence.REDUCTION,
        figures.percent,
        first_month,
        figures.months,
        step,
        paragraph,
    )


def _missed(occurred_on: date, first_month: date, earlier: Sequence[Earlier], consecutive: int) -> Sanction:
    rates = MISSED_APPOINTMENT.value_at(occurred_on)
    not_reachable_after = NOT_REACHABLE_AFTER.value_at(occurred_on)
    if not_reachable_after is not None and consecutive >= not_reachable_after:
        paragraph = "§ 7b Abs. 4 S. 1–4, § 32 Abs. 3 S. 1 SGB II"
        hundred = Decimal(100)
        return Sanction(
            Incident.MISSED_APPOINTMENT,
            occurred_on,
            Consequence.NOT_REACHABLE,
            hundred,
            first_month,
            None,
            0,
            paragraph,
        )
    since = months_after(occurred_on, -rates.repeat_within_months)
    repeated = consecutive >= 2 or any(
        e.incident is Incident.MISSED_APPOINTMENT and since <= e.occurred_on < occurred_on for e in earlier
    )
    percent = rates.repeated_percent if repeated else rates.first_percent
    consequence = Consequence.REDUCTION if percent > 0 else Consequence.NO_REDUCTION
    if occurred_on < REFORM:
        paragraph = f"§ 32 Abs. 1 S. 1, Abs. 2 S. 2{OLD_LAW}"
    elif repeated:
        paragraph = "§ 32 Abs. 1 S. 1, Abs. 2 S. 2 SGB II (wiederholtes Meldeversäumnis)"
    else:
        paragraph = "§ 32 Abs. 1 S. 1 SGB II (erstes Meldeversäumnis: keine Minderung)"
    return Sanction(
        Incident.MISSED_APPOINTMENT,
        occurred_on,
        consequence,
        percent,
        first_month,
        rates.months,
        int(percent > 0),
        paragraph,
    )

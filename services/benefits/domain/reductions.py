"""What the law attaches to a breach of duty or a missed appointment, by its date. No I/O.

Which version applies follows the date of the breach or missed appointment (§ 65a Abs. 2 SGB II): before
2026-07-01 the steps of §§ 31a, 31b, 32 a.F. (10/20/30 %, 10 % per missed appointment), from then on the new
ones (30 % for three months; a missed appointment only when repeated, 30 % for one month; three consecutive
ones: not reachable, § 7b Abs. 4; a wilfully refused job: the Regelbedarf lapses, § 31a Abs. 7). The reduction
starts with the month after the determination takes effect (§ 31b Abs. 1 S. 1), i.e. is made known (§ 39 Abs. 1
SGB X): handed over, that day; posted, the day § 37 Abs. 2 SGB X presumes. A Sperrzeit of the Arbeitsagentur
(§ 31 Abs. 2 Nr. 3) reduces from the Sperrzeit's first day instead (§ 31b Abs. 1 S. 2): its period runs by days
from then (`from_day` … `until`), so its first and last month are part months, reduced pro rata in the 30-day
month of § 41 Abs. 1 S. 2–3 (`day_span`); one for a missed appointment there has the consequences of § 32
(§ 31a Abs. 1 S. 3, S. 7 a.F.). A determination is only allowed
within six months of the breach (§ 31b Abs. 1 S. 3). How a determined sanction changes a month's entitlement is
`reduced_entitlement`.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from services.benefits.domain.approval import add_months
from services.benefits.domain.errors import BenefitsError
from services.benefits.domain.rules.reductions import (
    BREACH_OF_DUTY,
    DETERMINATION_DEADLINE,
    MISSED_APPOINTMENT,
    NOT_REACHABLE_AFTER,
    NOTICE_BY_POST_DAYS,
    WORK_REFUSAL,
)

REFORM = date(2026, 7, 1)  # 13. SGB II-ÄndG; named for the paragraphs only, the figures come from the tables
OLD_LAW = " SGB II a.F. i.V.m. § 65a Abs. 2 SGB II"


class Incident(StrEnum):
    BREACH_OF_DUTY = "breach_of_duty"  # § 31 (also § 31 Abs. 2 Nr. 4: the conditions of a Sperrzeit, no claim)
    MISSED_APPOINTMENT = "missed_appointment"  # § 32 (Meldeversäumnis)
    WORK_REFUSAL = "work_refusal"  # § 31 Abs. 1 S. 1 Nr. 2 with § 31a Abs. 7: a job actually open, wilfully refused
    SPERRZEIT = "sperrzeit"  # § 31 Abs. 2 Nr. 3: the Arbeitsagentur found a Sperrzeit (ALG rests or lapsed)
    SPERRZEIT_MISSED_APPOINTMENT = "sperrzeit_missed_appointment"  # … for a Meldeversäumnis (§ 159 Nr. 8 SGB III)


BREACHES = frozenset({Incident.BREACH_OF_DUTY, Incident.WORK_REFUSAL, Incident.SPERRZEIT})
MISSES = frozenset({Incident.MISSED_APPOINTMENT, Incident.SPERRZEIT_MISSED_APPOINTMENT})
SPERRZEITEN = frozenset({Incident.SPERRZEIT, Incident.SPERRZEIT_MISSED_APPOINTMENT})


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
    from_day: date | None = None  # a Sperrzeit's first day (§ 31b Abs. 1 S. 2): the period runs by days from it

    @property
    def old_law(self) -> bool:
        return self.occurred_on < REFORM

    @property
    def until(self) -> date | None:
        """The last day of a period that runs by days (§ 26 Abs. 1 SGB X with § 188 Abs. 2 BGB); else None."""
        if self.from_day is None or self.months is None:
            return None
        return months_after(self.from_day, self.months) - timedelta(days=1)

    @property
    def end_month(self) -> date | None:
        """The first month it no longer touches; None: until the person reports in person."""
        if (until := self.until) is not None:
            return add_months(until.replace(day=1), 1)
        return None if self.months is None else add_months(self.first_month, self.months)

    def covers(self, month: date) -> bool:
        if self.consequence is Consequence.NO_REDUCTION or month < self.first_month:
            return False
        return (end := self.end_month) is None or month < end

    def day_span(self, month: date) -> tuple[int, int]:
        """The first and last day of `month` it covers, counted in the month of 30 days (§ 41 Abs. 1 S. 2 SGB II):
        the 31st is no day of its own and a February's last day stands for the days up to the 30th."""
        first, last = 1, DAYS_IN_MONTH
        if self.from_day is not None and month == self.first_month:
            first = day_of_30(self.from_day)
        if (until := self.until) is not None and month == until.replace(day=1):
            last = day_of_30(until)
        return first, last

    def part_month(self, month: date) -> bool:
        return self.day_span(month) != (1, DAYS_IN_MONTH)


DAYS_IN_MONTH = 30  # § 41 Abs. 1 S. 2 SGB II, in both versions


def day_of_30(day: date) -> int:
    return DAYS_IN_MONTH if day.day == calendar.monthrange(day.year, day.month)[1] else min(day.day, DAYS_IN_MONTH)


def months_after(day: date, months: int) -> date:
    """The same day `months` later; the month's last day where it is shorter (§ 188 Abs. 2, 3 BGB)."""
    first = add_months(day.replace(day=1), months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))


def determination_deadline(occurred_on: date) -> date:
    """The last day a reduction for this breach may be determined (§ 31b Abs. 1 S. 3)."""
    return months_after(occurred_on, DETERMINATION_DEADLINE.value_at(occurred_on))


def made_known(determined_on: date, made_known_on: date | None = None) -> date:
    """The day the determination takes effect (§ 39 Abs. 1 SGB X): handed over on `made_known_on`, or posted
    on the day it was determined and made known on the day § 37 Abs. 2 S. 1 SGB X presumes."""
    if made_known_on is not None:
        if made_known_on < determined_on:
            raise InvalidDetermination("a determination is made known on or after the day it is determined")
        return made_known_on
    return determined_on + timedelta(days=NOTICE_BY_POST_DAYS.value_at(determined_on))


def determine(
    incident: Incident,
    occurred_on: date,
    determined_on: date,
    earlier: Sequence[Earlier] = (),
    consecutive_misses: int = 1,
    made_known_on: date | None = None,
    sperrzeit_from: date | None = None,
) -> Sanction:
    """The sanction for one incident, determined on `determined_on` and effective once made known."""
    if determined_on < occurred_on or consecutive_misses < 1:
        raise InvalidDetermination("a determination follows the incident; consecutive misses count from 1")
    deadline = determination_deadline(occurred_on)
    if determined_on > deadline:
        raise DeterminationTooLate(occurred_on, deadline)
    first_month = add_months(made_known(determined_on, made_known_on).replace(day=1), 1)
    if incident in SPERRZEITEN:
        if sperrzeit_from is None:
            raise InvalidDetermination("a Sperrzeit's reduction starts with the Sperrzeit: sperrzeit_from is needed")
        first_month = sperrzeit_from.replace(day=1)  # § 31b Abs. 1 S. 2: from that day (`from_day`)
        sanction = _sanction(incident, occurred_on, first_month, earlier, consecutive_misses)
        # a period of months runs by days; § 7b Abs. 4 (not reachable) keeps its months
        by_days = sanction.consequence is Consequence.REDUCTION and sanction.months is not None
        return replace(sanction, from_day=sperrzeit_from) if by_days else sanction
    return _sanction(incident, occurred_on, first_month, earlier, consecutive_misses)


def _sanction(
    incident: Incident, occurred_on: date, first_month: date, earlier: Sequence[Earlier], consecutive_misses: int
) -> Sanction:
    if incident is Incident.WORK_REFUSAL and (refusal := WORK_REFUSAL.value_at(occurred_on)) is not None:
        return _work_refusal(occurred_on, first_month, refusal.percent, refusal.months)
    if incident in BREACHES:
        return _breach(incident, occurred_on, first_month, earlier)
    return _missed(incident, occurred_on, first_month, earlier, consecutive_misses)


def _work_refusal(occurred_on: date, first_month: date, percent: Decimal, months: int) -> Sanction:
    paragraph = "§ 31 Abs. 1 S. 1 Nr. 2, § 31a Abs. 7 S. 1, § 31b Abs. 3 SGB II (Entfall des Regelbedarfs)"
    consequence = Consequence.REDUCTION
    return Sanction(Incident.WORK_REFUSAL, occurred_on, consequence, percent, first_month, months, 1, paragraph)


def _breach(incident: Incident, occurred_on: date, first_month: date, earlier: Sequence[Earlier]) -> Sanction:
    rule = BREACH_OF_DUTY.value_at(occurred_on)
    since = months_after(occurred_on, -rule.repeat_within_months)
    previous = [e.step for e in earlier if e.incident in BREACHES and e.step and e.first_month >= since]
    step = min(max(previous, default=0) + 1, len(rule.steps))
    figures = rule.steps[step - 1]
    which = {
        Incident.BREACH_OF_DUTY: "§ 31 Abs. 1",
        Incident.WORK_REFUSAL: "§ 31 Abs. 1 S. 1 Nr. 2",
        Incident.SPERRZEIT: "§ 31 Abs. 2 Nr. 3, § 31b Abs. 1 S. 2",
    }[incident]
    if occurred_on < REFORM:
        prefix = "" if incident is Incident.BREACH_OF_DUTY else f"{which}, "
        paragraph = f"{prefix}§ 31a Abs. 1 S. {step}, § 31b Abs. 2 S. 1 Nr. {step}{OLD_LAW}"
    else:
        paragraph = f"{which}, § 31a Abs. 1 S. 1, § 31b Abs. 1, Abs. 2 S. 1 SGB II"
    return Sanction(
        incident,
        occurred_on,
        Consequence.REDUCTION,
        figures.percent,
        first_month,
        figures.months,
        step,
        paragraph,
    )


def _missed(
    incident: Incident, occurred_on: date, first_month: date, earlier: Sequence[Earlier], consecutive: int
) -> Sanction:
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
    repeated = consecutive >= 2 or any(e.incident in MISSES and since <= e.occurred_on < occurred_on for e in earlier)
    percent = rates.repeated_percent if repeated else rates.first_percent
    consequence = Consequence.REDUCTION if percent > 0 else Consequence.NO_REDUCTION
    if occurred_on < REFORM:
        paragraph = f"§ 32 Abs. 1 S. 1, Abs. 2 S. 2{OLD_LAW}"
    elif repeated:
        paragraph = "§ 32 Abs. 1 S. 1, Abs. 2 S. 2 SGB II (wiederholtes Meldeversäumnis)"
    else:
        paragraph = "§ 32 Abs. 1 S. 1 SGB II (erstes Meldeversäumnis: keine Minderung)"
    if incident is Incident.SPERRZEIT_MISSED_APPOINTMENT:
        via = "S. 7 SGB II a.F." if occurred_on < REFORM else "S. 3 SGB II"
        sperrzeit = f"§ 31 Abs. 2 Nr. 3, § 31a Abs. 1 {via} i.V.m. § 159 Abs. 1 S. 2 Nr. 8 SGB III, § 31b Abs. 1 S. 2"
        paragraph = f"{sperrzeit}: {paragraph}"
    return Sanction(
        incident,
        occurred_on,
        consequence,
        percent,
        first_month,
        rates.months,
        int(percent > 0),
        paragraph,
    )

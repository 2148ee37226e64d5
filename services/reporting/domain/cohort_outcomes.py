"""Programme success from cohort outcomes (seed 004: in Sinn "90 Prozent der Teilnehmer hätten anschließend eine
Stelle gefunden"), counted from what staff record at a cohort's end rather than from employment facts. No I/O.

Cohort success of a programme in month M: the members of its cohorts that ended in the twelve months up to M
(the end in M or the eleven months before it), and of them those whose outcome is work or training
(`in_work`, `in_training`) dated on or before the end plus N months. A member who dropped out, is
`continuing`, or has no outcome at all counts in the denominator only: nothing is assumed for them (the closing
rule of services/coaching/domain/cohorts.py). Coaching takes outcomes dated up to the last day, so a cohort's
figure is final at its close; the N months leave room for outcomes recorded later.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from uuid import UUID

from services.reporting.domain.months import add_months, first_of_month, window
from services.reporting.domain.quotient import Definition, Figure, ratio

COHORT_SUCCESS = Definition(
    "cohort_success", "Kohortenerfolg: in Arbeit oder Ausbildung bis zum Programmende", "Seed 004 (Sinn)"
)
SUCCEEDED = frozenset({"in_work", "in_training"})
SINN = Decimal(90)  # percent: Sinn's predecessor of "Gemeinsam" (seed 004)
YEAR = 12


@dataclass(frozen=True)
class Cohort:
    cohort_id: UUID
    programme_id: str
    office_id: str
    ends_on: date | None


@dataclass(frozen=True)
class Member:
    cohort_id: UUID
    client_id: UUID
    outcome: str | None
    outcome_on: date | None


def cohort_success(
    cohorts: Iterable[Cohort],
    members: Iterable[Member],
    programme_id: str,
    month: date,
    *,
    within_months: int,
    office_id: str | None = None,
) -> Figure:
    months = set(window(first_of_month(month), YEAR))
    ended = {
        c.cohort_id: c.ends_on
        for c in cohorts
        if c.programme_id == programme_id
        and c.ends_on is not None
        and first_of_month(c.ends_on) in months
        and office_id in (None, c.office_id)
    }
    counted = [m for m in members if m.cohort_id in ended]
    succeeded = [m for m in counted if _succeeded(m, ended[m.cohort_id], within_months)]
    return replace(ratio(COHORT_SUCCESS, first_of_month(month), len(succeeded), len(counted)), target=SINN)


def _succeeded(member: Member, ends_on: date | None, within_months: int) -> bool:
    if member.outcome not in SUCCEEDED or member.outcome_on is None or ends_on is None:
        return False
    last = add_months(first_of_month(ends_on), within_months + 1)  # the first day after the N months' last month
    return member.outcome_on < last

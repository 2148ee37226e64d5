"""Cohorts of a programme with a duration (Gemeinsam: 8 months): dates, capacity, members, outcomes. No I/O here.

A cohort runs from `starts_on` to `ends_on` = start + the programme's `duration_months`; it meets weekly in a
room of its office (or a named place the office books as a room, e.g. the town hall), as a group-session
series of appointments (`series.py`). A participation belongs to at most one cohort, and a client joins a cohort
of the programme they take part in (or are enrolled in by joining). Capacity is the cohort's (at most its
room's). Each member has at most one outcome, with the day it happened:

- `in_work`, `in_training`, `dropped_out` end the participation that day with the same reason;
- `continuing` (the client stays in coaching after the cohort) leaves it running until the cohort closes.

**Closing** (at `ends_on`, by the cohort's timer workflow or staff): every participation of the cohort still
current ends `completed` on `ends_on` — whether its outcome is `continuing` or not recorded yet. A member with
no outcome keeps the gap visible (`outcome_missing`) and staff may still record it afterwards; nothing is
ever assumed on the client's behalf.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from uuid import UUID

from services.coaching.domain.model import add_months
from services.coaching.domain.participations import EndReason
from services.coaching.domain.programmes import Programme
from services.platform.errors import Conflict, RuleViolation

MAX_COHORT_CAPACITY = 40


class CohortStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Outcome(StrEnum):
    """What became of a member at the end (the codes of `cohort_outcome_recorded.v1`)."""

    IN_WORK = "in_work"
    IN_TRAINING = "in_training"
    CONTINUING = "continuing"
    DROPPED_OUT = "dropped_out"


# The reason a participation ends with when its outcome is recorded; `continuing` ends only at the close.
END_REASON_OF: dict[Outcome, EndReason | None] = {
    Outcome.IN_WORK: EndReason.IN_WORK,
    Outcome.IN_TRAINING: EndReason.IN_TRAINING,
    Outcome.DROPPED_OUT: EndReason.DROPPED_OUT,
    Outcome.CONTINUING: None,
}


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


@dataclass(frozen=True)
class Childcare:
    """Childcare the town arranged for a member during the sessions: personal data, read within the office only."""

    provider: str
    days: tuple[Weekday, ...]
    from_time: time
    to_time: time

    def __post_init__(self) -> None:
        if self.to_time <= self.from_time:
            raise RuleViolation("childcare.to_time", "must lie after from_time")
        if len(set(self.days)) != len(self.days):
            raise RuleViolation("childcare.days", "names a day twice")


@dataclass(frozen=True)
class Cohort:
    cohort_id: UUID
    program_id: str
    office_id: str
    name: str
    starts_on: date
    ends_on: date
    room_id: str
    capacity: int
    status: CohortStatus
    series_id: UUID | None


@dataclass(frozen=True)
class Member:
    cohort_id: UUID
    client_id: UUID
    participation_id: UUID
    joined_on: date
    childcare: Childcare | None
    outcome: Outcome | None
    outcome_on: date | None

    @property
    def outcome_missing(self) -> bool:
        return self.outcome is None


def cohort_end(programme: Programme, starts_on: date) -> date:
    if not programme.duration_months:
        raise RuleViolation("program_id", f"{programme.name} has no duration: cohorts are for programmes with one")
    return add_months(starts_on, programme.duration_months)


def check_joinable(cohort: Cohort, members: int, on: date) -> None:
    """Open, not over, not full (409 Full)."""
    if cohort.status is CohortStatus.CLOSED:
        raise Conflict(f"the cohort closed on {cohort.ends_on.isoformat()}")
    if on >= cohort.ends_on:
        raise RuleViolation("joins_on", f"the cohort ends on {cohort.ends_on.isoformat()}")
    if members >= cohort.capacity:
        raise CohortFull(cohort.capacity)


def joining_day(cohort: Cohort, today: date) -> date:
    """A client joins on the cohort's first day, or today when it has begun."""
    return max(cohort.starts_on, today)


def check_joins_on(cohort: Cohort, joins_on: date, today: date) -> date:
    """A join staff date (the demo's calendar, a join recorded late): not in the future, not before the cohort
    begins (its end: `check_joinable`)."""
    if joins_on > today:
        raise RuleViolation("joins_on", f"lies in the future (today is {today.isoformat()})")
    if joins_on < cohort.starts_on:
        raise RuleViolation("joins_on", f"the cohort begins on {cohort.starts_on.isoformat()}")
    return joins_on


def check_joins_after(joins_on: date, participation_start: date | None, handed_over_on: date | None) -> None:
    """A member joins with a participation that has begun, and a case manager who has the case by then."""
    if participation_start is not None and joins_on < participation_start:
        raise RuleViolation(
            "joins_on", f"lies before the client's participation began on {participation_start.isoformat()}"
        )
    if handed_over_on is not None and joins_on < handed_over_on:
        raise RuleViolation("joins_on", f"lies before the case manager took the case on {handed_over_on.isoformat()}")


def check_outcome(cohort: Cohort, member: Member, outcome: Outcome, on: date) -> None:
    if member.outcome is not None and member.outcome is not Outcome.CONTINUING:
        raise Conflict(f"the outcome {member.outcome.value} is recorded already (on {member.outcome_on})")
    if on < member.joined_on:
        raise RuleViolation("on", f"lies before the client joined on {member.joined_on.isoformat()}")
    if cohort.status is CohortStatus.CLOSED and outcome is not Outcome.CONTINUING and on > cohort.ends_on:
        raise RuleViolation("on", f"the cohort ended on {cohort.ends_on.isoformat()}: an outcome up to that day")


class CohortFull(Conflict):
    def __init__(self, capacity: int) -> None:
        super().__init__(f"the cohort is full: capacity {capacity}")

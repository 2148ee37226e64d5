"""The days coaching's acts are dated by: staff and the journey's worker enter the day a thing happened (the
demo plays a compressed past on its own calendar), never in the future, never before the fact it follows.

`assigned_at` and the like stay the real recording time; these days are what rules measure against.
"""

from __future__ import annotations

from datetime import date, datetime

from services.coaching.domain.offices import BERLIN
from services.platform.auth.staff import Role, StaffUser
from services.platform.errors import RuleViolation

# The acts the system dates itself (the journey's worker on its calendar) and operators' corrections: the only
# callers who may name the assignment's day; a case manager's assignment is dated the day it is made.
DATING_ROLES = frozenset({Role.JOURNEY_WORKER, Role.OPERATOR})


def day_of(moment: datetime) -> date:
    return moment.astimezone(BERLIN).date()


def registration_day(registered_on: date | None, registered_at: datetime) -> date:
    """The day of the registration as intake sent it; events before `registered_on`: the timestamp's day."""
    return registered_on if registered_on is not None else day_of(registered_at)


def assignment_day(assigned_on: date | None, assigned_at: datetime | None) -> date | None:
    """The day the current case manager took the case on; rows before the column: `assigned_at`'s day."""
    if assigned_on is not None:
        return assigned_on
    return day_of(assigned_at) if assigned_at is not None else None


def check_may_date_assignment(by: StaffUser) -> None:
    if not by.has_any(DATING_ROLES):
        raise RuleViolation("assigned_on", "only the journey's worker and operators give the assignment's day")


def check_assigned_on(assigned_on: date, today: date, registered_on: date | None) -> date:
    """Not after today; not before the registration: the case manager takes on a person the Jobcenter knows,
    whose Potenzialanalyse (§ 15 Abs. 1 SGB II) follows the registration. `registered_on` None: a case opened
    before coaching kept the day, nothing to measure against."""
    if assigned_on > today:
        raise RuleViolation("assigned_on", f"lies in the future (today is {today.isoformat()})")
    if registered_on is not None and assigned_on < registered_on:
        raise RuleViolation("assigned_on", f"lies before the client's registration on {registered_on.isoformat()}")
    return assigned_on

"""The day coaching dates the journey's assignment on. Pure, no I/O.

On the real calendar coaching dates the assignment today, as it always did. On the demo's compressed calendar
the journey's days do not lie on the worker's clock: the journey pins the calendar to the registration day at
the workflow time it heard the registration (patch `journey-dated-assignment`, `JourneyState.dates_assignment`)
and dates the assignment on that calendar's day, so what staff enter on the simulated days after it (a
participation, a cohort join) does not lie before it.
"""

from __future__ import annotations

from datetime import date, datetime

from workflows.business_calendar import BERLIN, BusinessCalendar
from workflows.journey.policy import JourneyPolicy
from workflows.journey.state import JourneyState


def assignment_day(state: JourneyState, policy: JourneyPolicy, now: datetime) -> date | None:
    """The assignment's day at workflow time `now`; None: coaching dates it today (the real calendar, a run
    recorded before the patch, or a journey that has not heard the registration)."""
    if not state.dates_assignment or policy.on_real_calendar:
        return None
    if state.registered_on is None or state.registration_heard_at is None:
        return None
    calendar = BusinessCalendar(state.registered_on, state.registration_heard_at, policy.seconds_per_month)
    return within(calendar.day(now), state.registered_on, now.astimezone(BERLIN).date())


def within(day: date, registered_on: date, today: date) -> date:
    """Never before the registration, and never after today: a day not yet come cannot be stated (coaching
    refuses it), so today wins if the registration itself were dated later."""
    return min(max(day, registered_on), today)

"""The hearing's rules as pure functions: its deadlines, when to hear in person, what may be decided. No I/O.

§ 31a Abs. 2 SGB II: on request the hearing is always in person. Before 2026-07-01 (a.F.) it shall be in
person after repeated breaches or missed appointments; from 2026-07-01 (n.F.) in person when a mental
illness is known, and an opportunity to be heard in person is offered when a third consecutive missed
appointment is examined. The version follows the day of the incident (§ 65a Abs. 2).

Its days lie on a calendar (`hearing_calendar`): the real one, or the demo's compressed one pinned to the
incident's day at the moment the hearing started. A hearing that started late (a slow pipeline) only dates its
deadlines later on the worker's clock, never earlier.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from workflows.business_calendar import BusinessCalendar
from workflows.hearing.kinds import MISSES
from workflows.hearing.models import (
    Decision,
    HearingFacts,
    HearingState,
    PersonalHearing,
    PersonalHearingMode,
    Statement,
    Status,
)

BERLIN = ZoneInfo("Europe/Berlin")
REFORM = date(2026, 7, 1)


class Refused(Exception):
    """A statement or decision the hearing does not take: (field, reason)."""

    def __init__(self, field: str, reason: str, conflict: bool = False) -> None:
        super().__init__(reason)
        self.field, self.reason, self.conflict = field, reason, conflict


def plus_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def determination_deadline(occurred_on: date, months: int) -> date:
    """The last day a reduction may be determined: six months from the incident (§ 31b Abs. 1 S. 3)."""
    return plus_months(occurred_on, months) - timedelta(days=1)


def hearing_calendar(occurred_on: date, started: datetime, seconds_per_month: float | None) -> BusinessCalendar:
    """The calendar the hearing's days lie on. Compressed (the demo), the incident's day begins at `started`, the
    moment the hearing started: the hearing opens on the day of the incident, and its statement deadline and the
    six months of § 31b Abs. 1 S. 3 count from there. None: the real calendar, the worker's clock."""
    return BusinessCalendar(occurred_on, started, seconds_per_month)


def statement_due(opened_on: date, statement_days: int) -> date:
    """The last day for the client's statement: the policy's days from the day the hearing opened (§ 24 SGB X)."""
    return opened_on + timedelta(days=statement_days)


def over_at(calendar: BusinessCalendar, day: date) -> datetime:
    """The worker's time at which `day` of the hearing's calendar is over (a deadline's timer)."""
    return calendar.worker_moment(end_of_day(day))


def end_of_day(day: date) -> datetime:
    """The instant the German calendar day `day` is over."""
    return datetime.combine(day + timedelta(days=1), time(0), BERLIN)


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0), BERLIN)


def german_date(moment: datetime) -> date:
    return moment.astimezone(BERLIN).date()


def personal_hearing(facts: HearingFacts, requested: bool = False) -> PersonalHearing:
    if requested:
        return _mode(PersonalHearingMode.IN_PERSON, "§ 31a Abs. 2 S. 1", "persönliche Anhörung verlangt")
    if facts.occurred_on >= REFORM:
        if facts.mental_illness_known:
            return _mode(PersonalHearingMode.IN_PERSON, "§ 31a Abs. 2 S. 2", "psychische Erkrankung bekannt")
        if facts.unable_in_writing:
            return _mode(
                PersonalHearingMode.IN_PERSON,
                "§ 31a Abs. 2 S. 2",
                "schriftliche Äußerung nicht möglich (Anhaltspunkte)",
            )
        if facts.kind in MISSES and facts.consecutive_misses >= 3:
            return _mode(PersonalHearingMode.OFFERED, "§ 31a Abs. 2 S. 3", "drittes Meldeversäumnis in Folge")
    elif facts.repeated_breach or (facts.kind in MISSES and facts.consecutive_misses >= 2):
        return _mode(PersonalHearingMode.IN_PERSON, "§ 31a Abs. 2 S. 2 a.F.", "wiederholte Pflichtverletzung")
    return _mode(PersonalHearingMode.ON_REQUEST, "§ 31a Abs. 2 S. 1", "persönlich nur auf Verlangen")


def _mode(mode: PersonalHearingMode, paragraph: str, note: str) -> PersonalHearing:
    return PersonalHearing(mode=mode, paragraph=paragraph, note=note)


def check_statement(state: HearingState, statement: Statement, today: date) -> None:
    if state.status not in (Status.AWAITING_STATEMENT, Status.STATEMENT_OVERDUE):
        raise Refused("status", f"the hearing takes no statement when {state.status.value}", conflict=True)
    if not statement.recorded_by:
        raise Refused("recorded_by", "who recorded the statement is missing")
    if statement.received_on > today:
        raise Refused("received_on", "lies in the future")
    if statement.received_on < (state.opened_on or german_date(state.opened_at)):
        raise Refused("received_on", "lies before the hearing was opened")


def check_decision(state: HearingState, decision: Decision, today: date) -> None:
    if state.status is Status.TOO_LATE or today > state.determination_deadline:
        raise Refused("decided_on", "more than six months after the incident (§ 31b Abs. 1 S. 3)", conflict=True)
    if state.status is Status.AWAITING_STATEMENT:
        raise Refused("status", f"the client may still make a statement until {state.statement_due}", conflict=True)
    if not state.open:
        raise Refused("status", f"the hearing is already {state.status.value}", conflict=True)
    if not decision.decided_by:
        raise Refused("decided_by", "the authorised person who decided is missing")
    if decision.outcome == "reduction" and not state.facts.notice_given:
        raise Refused("outcome", "no reduction without written notice of the consequences (§ 31 Abs. 1, § 32 Abs. 1)")


def after_statement(state: HearingState, statement: Statement) -> HearingState:
    """A flag set with the statement is kept; one set at the opening is never cleared by a statement."""
    facts = state.facts
    if statement.mental_illness_known and not facts.mental_illness_known:
        facts = facts.model_copy(update={"mental_illness_known": True})
    if statement.unable_in_writing and not facts.unable_in_writing:
        facts = facts.model_copy(update={"unable_in_writing": True})
    hearing = personal_hearing(facts, statement.personal_hearing_requested)
    return state.model_copy(
        update={
            "facts": facts,
            "statement": statement,
            "status": Status.READY_FOR_DECISION,
            "personal_hearing": hearing,
        }
    )


def months_to_decide(first_month: date, change_months: list[date]) -> list[date]:
    """The first month is decided with the determination; the workflow decides the later ones when they come."""
    return sorted(m for m in change_months if m > first_month)


def decide_month_at(month: date, lead_days: int) -> datetime:
    """Before the payment run of `month` (its first working day)."""
    return start_of_day(month) - timedelta(days=lead_days)

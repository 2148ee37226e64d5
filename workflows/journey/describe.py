"""The journey in words, for the Temporal UI's current details: what it is doing and what is due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from workflows.journey.deadlines import Due, DueKind
from workflows.journey.state import JourneyState, Stage

_DUE_WORDS = {
    DueKind.ASSIGNMENT: "case manager assignment due",
    DueKind.CONTACT_OVERDUE: "next contact due by",
    DueKind.PLAN_REVIEW: "plan review due",
    DueKind.CONTINUATION_CHECK: "next continuation check due",
    DueKind.CLOSURE: "closes on",
    DueKind.PROGRAMME_END: "programme ends",
    DueKind.POST_HIRE_CONTACT: "next post-hire contact due",
    DueKind.EARLY_WARNING: "job at risk: task due",
    DueKind.MIGRATION_CARRY: "the legacy record to be carried into coaching from",
}


def details(state: JourneyState, dues: Sequence[Due]) -> str:
    """E.g. "In coaching with case manager cm-7 (programme standard); next contact due by …; plan review due …"."""
    hearings = [f"{len(state.hearings_open)} hearing(s) open (§ 24 SGB X)"] if state.hearings_open else []
    parts = [_situation(state), *hearings, *(_due(due) for due in dues)]
    return "; ".join(parts) + "."


_DOING = {
    DueKind.ASSIGNMENT: "asking coaching to assign a case manager",
    DueKind.CONTACT_OVERDUE: "raising a contact_overdue task for the case manager",
    DueKind.PLAN_REVIEW: "raising a plan_review task for the case manager",
    DueKind.CONTINUATION_CHECK: "asking placement for the month's continuation check",
    DueKind.CLOSURE: "closing the case in coaching",
    DueKind.PROGRAMME_END: "raising the end-of-programme task for the case manager",
    DueKind.POST_HIRE_CONTACT: "raising a post_hire_contact task for the coach",
    DueKind.EARLY_WARNING: "raising a job_at_risk task for the coach",
    DueKind.MIGRATION_CARRY: "carrying the legacy record into coaching and reporting to intake",
}


def doing(state: JourneyState, due: Due) -> str:
    """While a step runs (a service may keep it waiting): e.g. "In coaching …; now raising a … task"."""
    return f"{_situation(state)}; now {_DOING[due.kind]} (due {_when(due.at)})."


def _situation(state: JourneyState) -> str:
    worker = f" with case manager {state.case_worker_id}" if state.case_worker_id else ""
    programme = f" (programme {state.program_id})" if state.program_id else ""
    match state.stage:
        case Stage.REGISTERED:
            return "Registered; waiting for coaching to assign a case manager"
        case Stage.COACHING:
            return f"In coaching{worker}{programme}"
        case Stage.JOB_SEARCH:
            return f"Searching for a job{worker}{programme}, {state.proposals} proposal(s) so far"
        case Stage.EMPLOYED:
            confirmed = len(state.confirmed_months)
            return f"Employed since {state.employment_start_date}; {confirmed} of 6 months confirmed (K2E3)"
        case Stage.SUSTAINED:
            independent = (
                "the household no longer needs benefits"
                if state.independent_of_benefits
                else "waiting to hear whether the household still needs benefits"
            )
            return f"Sustained: employed in each of the 6 months after the start; {independent}"
        case Stage.CLOSED:
            return f"Closed: {state.closed_reason}"


def _due(due: Due) -> str:
    month = f" for {due.month:%Y-%m}" if due.month else ""
    return f"{_DUE_WORDS[due.kind]} {_when(due.at)}{month}"


def _when(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC")

"""The outcomes of the journey's own steps, recorded in its state, and why a staff request is refused.

Pure functions: the workflow performs a step (an activity, `actions.py`) and records what
came of it here; the update validators ask `exit_refusal` / `case_worker_change_refusal`
before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from workflows.journey.state import EntryKind, JourneyState, Stage, move, note, start_support, warn


class ExitReason(StrEnum):
    MOVED_AWAY = "moved_away"
    WITHDREW = "withdrew"
    RETIREMENT_AGE = "retirement_age"


SUSTAINED_EMPLOYMENT = "sustained_employment"  # the closure reason after K2E3
CASE_WORKER_CHANGEABLE = (Stage.COACHING, Stage.JOB_SEARCH, Stage.EMPLOYED)


@dataclass(frozen=True)
class Refusal:
    """Why a request was refused: 409 when the journey's state forbids it, 422 when the input is wrong."""

    status: int
    field: str
    reason: str


def exit_refusal(state: JourneyState) -> Refusal | None:
    if state.closed:
        return Refusal(409, "stage", f"the journey is already closed ({state.closed_reason})")
    if state.exit_reason is not None:
        return Refusal(409, "stage", f"the journey is already closing ({state.exit_reason})")
    return None


def case_worker_change_refusal(state: JourneyState, case_worker_id: str) -> Refusal | None:
    if state.stage not in CASE_WORKER_CHANGEABLE or state.exit_reason is not None:
        allowed = ", ".join(CASE_WORKER_CHANGEABLE)
        return Refusal(409, "stage", f"the case worker can change only in {allowed}; the journey is {state.stage}")
    if case_worker_id == state.case_worker_id:
        return Refusal(422, "case_worker_id", f"{case_worker_id} is already the client's case manager")
    return None


def assigned(
    state: JourneyState,
    case_worker_id: str,
    program_id: str | None,
    contact_interval_days: int,
    at: datetime,
    on: date | None = None,
) -> None:
    """Coaching assigned (or confirmed) the case manager; the contact cadence comes from the programme. `on`: the
    day the journey asked coaching to date it (the demo's calendar), None: today's."""
    state.case_worker_id, state.program_id = case_worker_id, program_id
    state.contact_interval_days, state.assignment_retry_at = contact_interval_days, None
    start_support(state, at)
    dated = f" on {on.isoformat()}" if on is not None else ""
    move(state, Stage.REGISTERED, Stage.COACHING, at, f"case manager assigned{dated} (programme {program_id})")


def assignment_postponed(state: JourneyState, reason: str, retry_at: datetime, at: datetime) -> None:
    state.assignment_retry_at = retry_at
    note(
        state, at, f"no case manager assigned ({reason}); asking again at {retry_at:%Y-%m-%d %H:%M} UTC", EntryKind.STEP
    )


def contact_overdue_raised(state: JourneyState, due_at: datetime, at: datetime, outcome: str) -> None:
    state.contact_overdue_raised += 1
    note(state, at, f"no contact within the interval due {due_at:%Y-%m-%d %H:%M} UTC: {outcome}", EntryKind.STEP)


def plan_review_raised(state: JourneyState, due_at: datetime, at: datetime, outcome: str) -> None:
    state.plan_reviews_raised += 1
    note(state, at, f"cooperation plan review due {due_at:%Y-%m-%d %H:%M} UTC: {outcome}", EntryKind.STEP)


def programme_end_raised(state: JourneyState, at: datetime, outcome: str) -> None:
    state.programme_end_raised = True
    note(state, at, f"end of the programme {state.program_id} due: {outcome}", EntryKind.STEP)


def continuation_check_requested(state: JourneyState, month: date, at: datetime, outcome: str) -> None:
    state.continuation_checks_requested += 1
    note(state, at, f"continuation check for {month:%Y-%m}: {outcome}", EntryKind.STEP)


def post_hire_contact_raised(state: JourneyState, week: int, missed: int | None, at: datetime, outcome: str) -> None:
    """One more week of the cadence; a contact that did not happen since the last week's task is a warning."""
    state.post_hire_contacts_raised += 1
    note(state, at, f"post-hire contact of week {week} due: {outcome}", EntryKind.STEP)
    if missed is not None:
        warn(state, f"no contact since the post-hire contact of week {missed}")


def warnings_raised(state: JourneyState, count: int, at: datetime, outcome: str) -> None:
    """The job_at_risk task covers the first `count` pending warnings; later ones wait for the next."""
    reasons, state.warnings_pending = state.warnings_pending[:count], state.warnings_pending[count:]
    state.warnings_raised += 1
    note(state, at, f"job at risk ({'; '.join(reasons)}): {outcome}", EntryKind.STEP)


def case_worker_changed(state: JourneyState, case_worker_id: str, reason: str, at: datetime) -> None:
    previous, state.case_worker_id = state.case_worker_id, case_worker_id
    note(state, at, f"case manager changed from {previous} to {case_worker_id}: {reason}", EntryKind.STEP)


def exit_requested(state: JourneyState, reason: ExitReason, at: datetime) -> None:
    state.exit_reason = reason.value
    note(state, at, f"exit requested: {reason.value}", EntryKind.STEP)


def closed(state: JourneyState, reason: str, at: datetime, outcome: str) -> None:
    state.closed_reason = reason
    move(state, tuple(Stage), Stage.CLOSED, at, f"journey closed: {reason} ({outcome})")


def migration_carried(state: JourneyState, parts: dict[str, str] | None, at: datetime, refusal: str | None) -> None:
    """The legacy record's parts carried (or the step refused): done once, whatever came of it."""
    state.migration_carried = True
    if parts is None:
        outcome = f"not carried ({refusal})"
    else:
        outcome = ", ".join(f"{part} {result}" for part, result in parts.items()) or "nothing to carry"
    note(state, at, f"legacy record carried: {outcome}", EntryKind.STEP)

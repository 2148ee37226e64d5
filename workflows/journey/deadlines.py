"""When the journey must act next: pure functions of its state and policy.

The workflow waits for the earliest deadline (or a fact, or a staff request), performs the
step that is due and records it, so each occurrence happens once: one contact_overdue task
per missed interval, one plan review per due date, one continuation check per month.
Each due carries a `step`, stable across retries and continue-as-new, that the workflow
turns into the request's idempotency key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from workflows.journey.outcomes import SUSTAINED_EMPLOYMENT
from workflows.journey.policy import JourneyPolicy
from workflows.journey.state import AFTER_HIRE, SUPPORTED, JourneyState, Stage

PROGRAMME_END_STAGES = (*SUPPORTED, Stage.EMPLOYED)


class DueKind(StrEnum):
    ASSIGNMENT = "assignment"
    CONTACT_OVERDUE = "contact_overdue"
    PLAN_REVIEW = "plan_review"
    CONTINUATION_CHECK = "continuation_check"
    CLOSURE = "closure"
    PROGRAMME_END = "programme_end"
    POST_HIRE_CONTACT = "post_hire_contact"  # support after the hire: the coach contacts the client in week n
    EARLY_WARNING = "job_at_risk"  # negative feedback, a staff warning or a missed post-hire contact
    MIGRATION_CARRY = "migration_carry"  # a migrated client's legacy record carried into coaching, reported to intake


@dataclass(frozen=True)
class Due:
    kind: DueKind
    at: datetime
    step: str
    month: date | None = None  # the business month of a continuation check


def upcoming(state: JourneyState, policy: JourneyPolicy, opened_at: datetime) -> list[Due]:
    """Every next deadline of the journey, earliest first; `opened_at` = when this journey began waiting."""
    candidates = (
        _assignment(state, opened_at),
        _contact(state, policy),
        _plan_review(state, policy),
        _continuation_check(state, policy),
        _closure(state, policy),
        _programme_end(state, policy),
        _post_hire_contact(state, policy),
        _early_warning(state, opened_at),
        _migration_carry(state, opened_at),
    )
    return sorted((due for due in candidates if due is not None), key=lambda due: due.at)


def next_due(state: JourneyState, policy: JourneyPolicy, opened_at: datetime) -> Due | None:
    dues = upcoming(state, policy, opened_at)
    return dues[0] if dues else None


def _assignment(state: JourneyState, opened_at: datetime) -> Due | None:
    needed = state.stage is Stage.REGISTERED or (state.stage in SUPPORTED and state.contact_interval_days is None)
    if not needed:
        return None
    return Due(DueKind.ASSIGNMENT, state.assignment_retry_at or opened_at, "assignment")


def _contact(state: JourneyState, policy: JourneyPolicy) -> Due | None:
    if state.stage not in SUPPORTED or state.contact_anchor_at is None or state.contact_interval_days is None:
        return None
    missed = state.contact_overdue_raised + 1
    at = state.contact_anchor_at + policy.contact_interval(state.contact_interval_days) * missed
    return Due(DueKind.CONTACT_OVERDUE, at, f"contact-overdue/{_stamp(state.contact_anchor_at)}/{missed}")


def _plan_review(state: JourneyState, policy: JourneyPolicy) -> Due | None:
    if state.stage not in SUPPORTED or state.plan_anchor_at is None:
        return None
    first = (
        policy.days(state.plan_review_after_days)
        if state.plan_review_after_days is not None
        else policy.months(policy.plan_review_months)
    )
    at = state.plan_anchor_at + first + policy.months(policy.plan_review_months) * state.plan_reviews_raised
    return Due(DueKind.PLAN_REVIEW, at, f"plan-review/{_stamp(state.plan_anchor_at)}/{state.plan_reviews_raised + 1}")


def _continuation_check(state: JourneyState, policy: JourneyPolicy) -> Due | None:
    started, start_date, employment = state.employment_started_at, state.employment_start_date, state.employment_id
    if state.stage is not Stage.EMPLOYED or started is None or start_date is None or employment is None:
        return None
    n = state.continuation_checks_requested + 1
    if n > policy.continuation_months:
        return None
    month = month_after(start_date, n)
    return Due(
        DueKind.CONTINUATION_CHECK,
        started + policy.months(n),
        f"continuation-check/{employment}/{month.isoformat()}",
        month,
    )


def _closure(state: JourneyState, policy: JourneyPolicy) -> Due | None:
    if state.stage is not Stage.SUSTAINED or state.sustained_at is None:
        return None
    at = state.sustained_at if state.independent_of_benefits else state.sustained_at + policy.close_grace
    return Due(DueKind.CLOSURE, at, f"closure/{SUSTAINED_EMPLOYMENT}")


def _programme_end(state: JourneyState, policy: JourneyPolicy) -> Due | None:
    """A programme with a duration: its end raises a task for the case manager, once per participation."""
    anchor, days = state.programme_end_anchor_at, state.programme_end_after_days
    if state.stage not in PROGRAMME_END_STAGES or anchor is None or days is None or state.programme_end_raised:
        return None
    return Due(DueKind.PROGRAMME_END, anchor + policy.days(days), f"programme-end/{state.participation_id}")


def _post_hire_contact(state: JourneyState, policy: JourneyPolicy) -> Due | None:
    """The next week of the policy's cadence after the start: one post_hire_contact task each."""
    n, started, employment = state.post_hire_contacts_raised, state.employment_started_at, state.employment_id
    if not state.supports_after_hire or state.stage not in AFTER_HIRE or started is None or employment is None:
        return None
    if n >= len(policy.post_hire_contact_weeks):
        return None
    week = policy.post_hire_contact_weeks[n]
    return Due(DueKind.POST_HIRE_CONTACT, started + policy.weeks(week), f"post-hire-contact/{employment}/{week}")


def _early_warning(state: JourneyState, opened_at: datetime) -> Due | None:
    """A warning waits for no timer: the coach hears of it at once."""
    if not state.supports_after_hire or state.stage not in AFTER_HIRE or not state.warnings_pending:
        return None
    return Due(DueKind.EARLY_WARNING, opened_at, f"job-at-risk/{state.employment_id}/{state.warnings_raised + 1}")


def _migration_carry(state: JourneyState, opened_at: datetime) -> Due | None:
    """Once, after the assignment (or without one, for a client whose employment came first): the obstacles go
    to coaching and what coaching took over of the record reaches intake's import report."""
    if not (state.carries_migration and state.migrated) or state.migration_carried:
        return None
    if state.stage in (Stage.REGISTERED, Stage.CLOSED) or _assignment(state, opened_at) is not None:
        return None
    return Due(DueKind.MIGRATION_CARRY, opened_at, "migration-carry")


def missed_post_hire_contact(state: JourneyState, policy: JourneyPolicy) -> int | None:
    """The week whose contact did not happen: no contact recorded since its task, now that the next is due."""
    n, started = state.post_hire_contacts_raised, state.employment_started_at
    if n == 0 or started is None:
        return None
    week = policy.post_hire_contact_weeks[n - 1]
    contacted = state.post_hire_contact_at
    return week if contacted is None or contacted < started + policy.weeks(week) else None


def month_after(start: date, n: int) -> date:
    """The first day of the n-th month after the one `start` lies in (n=1: the next month)."""
    index = start.year * 12 + start.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def _stamp(at: datetime) -> str:
    return at.strftime("%Y%m%dT%H%M%S%f")

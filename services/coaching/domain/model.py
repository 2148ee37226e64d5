"""Coaching's domain: a client's case, its cooperation plan and its tasks. No I/O here."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from services.coaching.domain.offices import BERLIN
from services.platform.auth.staff import Role
from services.platform.errors import Conflict, RuleViolation

PLAN_REVIEW_MONTHS = 6  # § 15 Abs. 3 SGB II: the cooperation plan is reviewed at least every six months


class CaseStatus(StrEnum):
    AWAITING_ASSIGNMENT = "awaiting_assignment"
    IN_COACHING = "in_coaching"
    READY_FOR_PLACEMENT = "ready_for_placement"
    CLOSED = "closed"


# Cases that occupy a place in their case manager's caseload.
ACTIVE_STATUSES = (CaseStatus.IN_COACHING, CaseStatus.READY_FOR_PLACEMENT)


class ClosureReason(StrEnum):
    MOVED_AWAY = "moved_away"
    WITHDREW = "withdrew"
    RETIREMENT_AGE = "retirement_age"
    SUSTAINED_EMPLOYMENT = "sustained_employment"
    MERGED = "merged"  # the client was a duplicate registration, merged into another (intake)


class TaskKind(StrEnum):
    CONTACT_OVERDUE = "contact_overdue"
    PLAN_REVIEW = "plan_review"
    PROGRAMME_END = "programme_end"  # the journey's timer: a participation's planned end (duration_months)
    HEARING_LETTER = "hearing_letter"  # raised by the hearing workflow (§ 24 SGB X)
    COHORT_OUTCOME = "cohort_outcome"  # the cohort timer, before its end: record the member's outcome
    CLIENT_NOTICE = "client_notice"  # tell the client of an appointment moved or cancelled (a move, a closure)
    HANDOVER = "handover"  # a case that came with a move waits for a case manager of the new office
    POST_HIRE_CONTACT = "post_hire_contact"  # the journey's cadence after a hire (support after it, #12)
    JOB_AT_RISK = "job_at_risk"  # the journey's early warning after a hire: feedback, a warning, a missed contact
    REFERRAL_FOLLOW_UP = "referral_follow_up"  # ask how a § 16a referral goes, on its follow-up date
    MIGRATED_ASSIGNMENT = "migrated_assignment"  # the imported case manager could not take the case (#13)


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"  # the case closed (or its referral ended) before anyone did it


class ObstacleKind(StrEnum):
    """Placement obstacles (Vermittlungshemmnisse)."""

    DEBTS = "debts"
    ADDICTION = "addiction"
    MISSING_QUALIFICATION = "missing_qualification"
    CHILDCARE = "childcare"
    HEALTH = "health"
    MOBILITY = "mobility"
    LANGUAGE = "language"


class ObstacleStatus(StrEnum):
    IDENTIFIED = "identified"
    REFERRED = "referred"  # e.g. to debt or addiction counselling (§ 16a SGB II)
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"


# GDPR Art. 9: health and addiction are special categories — kinds only, no free text, never in events,
# stored encrypted and shown only to SPECIAL_CATEGORY_READERS.
SPECIAL_CATEGORY_OBSTACLES = frozenset({ObstacleKind.HEALTH, ObstacleKind.ADDICTION})

# Who sees health and addiction obstacles and the plan's free text (goals, notes): the case manager and the
# coaches of the client's office, who work on removing the obstacles with the client (referral to addiction
# counselling, § 16a Nr. 4; activities the client's health allows). Placement officers see the ordinary
# obstacles' kinds and statuses (childcare, mobility, language matter for matching), as does the journey worker.
SPECIAL_CATEGORY_READERS = frozenset({Role.CASE_MANAGER, Role.COACH})


@dataclass(frozen=True)
class Obstacle:
    kind: ObstacleKind
    status: ObstacleStatus
    note: str | None = None


def check_obstacles(obstacles: Sequence[Obstacle]) -> None:
    kinds = [o.kind for o in obstacles]
    duplicates = sorted({k for k in kinds if kinds.count(k) > 1})
    if duplicates:
        raise RuleViolation("obstacles", f"each kind at most once; repeated: {', '.join(duplicates)}")
    for index, obstacle in enumerate(obstacles):
        if obstacle.kind in SPECIAL_CATEGORY_OBSTACLES and obstacle.note:
            raise RuleViolation(
                f"obstacles.{index}.note",
                f"{obstacle.kind} is special-category data (GDPR Art. 9): only its kind and status are recorded",
            )


def visible_obstacles(obstacles: Sequence[Obstacle], may_see_special: bool) -> list[Obstacle]:
    return [o for o in obstacles if may_see_special or o.kind not in SPECIAL_CATEGORY_OBSTACLES]


def shareable_obstacles(obstacles: Sequence[Obstacle]) -> list[Obstacle]:
    """What everyone working on the case may see, and what is stored in clear: the kinds and statuses of the
    ordinary obstacles. Health, addiction and all free text (notes, goals) are sealed with the plan."""
    return [Obstacle(o.kind, o.status) for o in visible_obstacles(obstacles, may_see_special=False)]


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 Aug + 6 months → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_due(agreed_at: datetime) -> date:
    """§ 15 Abs. 3 SGB II: review six months after the agreement (its Europe/Berlin date)."""
    return add_months(agreed_at.astimezone(BERLIN).date(), PLAN_REVIEW_MONTHS)


def check_not_closed(status: CaseStatus) -> None:
    if status is CaseStatus.CLOSED:
        raise Conflict("the case is closed")


def check_assigned(status: CaseStatus, case_worker_id: str | None) -> str:
    """The case manager of an active case; 409 while nobody is assigned."""
    check_not_closed(status)
    if case_worker_id is None or status is CaseStatus.AWAITING_ASSIGNMENT:
        raise Conflict("no case manager is assigned to the case yet")
    return case_worker_id


def check_completable(status: TaskStatus) -> None:
    if status is TaskStatus.CANCELLED:
        raise Conflict("the task was cancelled when its case closed")

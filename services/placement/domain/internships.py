"""Internships and work trials at an employer (Praktikum, Maßnahme bei einem Arbeitgeber, § 45 SGB III) and
company visits (a group of clients visiting an employer). No I/O here.

§ 45 Abs. 2 Satz 2 SGB III: measures, or parts of them, carried out at or by an employer may not exceed six
weeks each. The figure is data keyed by the day it applies from, with its source, like every statutory figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from uuid import UUID

from services.platform.errors import Conflict, RuleViolation


@dataclass(frozen=True)
class MaximumAtEmployer:
    valid_from: date
    weeks: int
    source: str


# Since the Instrumentenreform (Gesetz zur Verbesserung der Eingliederungschancen am Arbeitsmarkt, in force
# 2012-04-01) § 45 Abs. 2 Satz 2 SGB III caps a measure at an employer at six weeks.
MAXIMA = (MaximumAtEmployer(date(2012, 4, 1), 6, "§ 45 Abs. 2 Satz 2 SGB III"),)


class InternshipKind(StrEnum):
    INTERNSHIP = "internship"  # Praktikum
    WORK_TRIAL = "work_trial"  # Probearbeit / Maßnahme bei einem Arbeitgeber


class InternshipOutcome(StrEnum):
    HIRED = "hired"
    OFFER = "offer"  # the employer offers a job or an apprenticeship
    NOT_SUITABLE = "not_suitable"
    ABORTED = "aborted"


class Attendance(StrEnum):
    INVITED = "invited"
    ATTENDED = "attended"
    ABSENT = "absent"


@dataclass(frozen=True)
class ArrangeInternship:
    client_id: UUID
    employer_id: UUID
    program_id: str
    kind: InternshipKind
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class EndInternship:
    outcome: InternshipOutcome
    outcome_on: date


@dataclass(frozen=True)
class ScheduleVisit:
    employer_id: UUID
    program_id: str
    visit_on: date
    client_ids: tuple[UUID, ...]


def maximum_on(day: date) -> MaximumAtEmployer:
    applying = [m for m in MAXIMA if m.valid_from <= day]
    if not applying:
        raise RuleViolation("starts_on", f"before {MAXIMA[0].valid_from}: no rule for measures at an employer")
    return max(applying, key=lambda m: m.valid_from)


def check_period(cmd: ArrangeInternship) -> None:
    if cmd.ends_on < cmd.starts_on:
        raise RuleViolation("ends_on", "the last day lies before the first (starts_on)")
    cap = maximum_on(cmd.starts_on)
    if cmd.ends_on - cmd.starts_on >= timedelta(weeks=cap.weeks):
        raise RuleViolation("ends_on", f"longer than {cap.weeks} weeks at an employer ({cap.source})")


def check_end(starts_on: date, ends_on: date, recorded: InternshipOutcome | None, cmd: EndInternship) -> bool:
    """True when the outcome is new; False for the same outcome again (a retry). Another one is a conflict."""
    if recorded is not None:
        if recorded == cmd.outcome:
            return False
        raise Conflict(f"the internship already ended with the outcome {recorded}")
    if cmd.outcome_on < starts_on:
        raise RuleViolation("outcome_on", "lies before the internship started")
    if cmd.outcome == InternshipOutcome.NOT_SUITABLE and cmd.outcome_on < ends_on:
        raise RuleViolation("outcome", "before its last day an internship ends as aborted, not as not_suitable")
    return True


def check_guests(client_ids: tuple[UUID, ...]) -> None:
    if not client_ids:
        raise RuleViolation("client_ids", "a company visit needs at least one client")
    if len(set(client_ids)) != len(client_ids):
        raise RuleViolation("client_ids", "a client is listed twice")

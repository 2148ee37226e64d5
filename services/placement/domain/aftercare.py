"""Support after the hire, as placement records it: the employer's feedback and early warnings. No I/O here.

The coaching cadence after the hire (contacts in week 1, 4, 8, 12, 26) belongs to the journey
(`workflows/journey/aftercare.py`); placement records what the employer says and what its staff see.
A negative rating and a staff warning both tell the journey that the job is at risk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from services.platform.errors import RuleViolation


class FeedbackRating(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"  # raises an early warning


class RiskReason(StrEnum):
    """Codes, never text: what puts the new job at risk, as the events carry it."""

    ABSENCES = "absences"
    CONFLICT_AT_WORK = "conflict_at_work"
    PROBATION_DOUBTS = "probation_doubts"  # the employer doubts the probation period (Probezeit) will be passed
    CHILDCARE = "childcare"
    MOBILITY = "mobility"
    OTHER = "other"


class RecordKind(StrEnum):
    FEEDBACK = "feedback"
    RISK = "risk"


def check_after_start(on: date, start_date: date, end_date: date | None) -> None:
    """Feedback and warnings concern the employment while it runs: from its start, not after its end."""
    if on < start_date:
        raise RuleViolation("on", f"lies before the employment's start ({start_date.isoformat()})")
    if end_date is not None and on > end_date:
        raise RuleViolation("on", f"lies after the employment's end ({end_date.isoformat()})")


@dataclass(frozen=True)
class AftercareRecord:
    record_id: UUID
    employment_id: UUID
    kind: RecordKind
    on: date
    rating: FeedbackRating | None
    reason: RiskReason | None
    note: str | None
    recorded_at: datetime
    recorded_by: str

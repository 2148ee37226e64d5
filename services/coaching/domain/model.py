"""Coaching's domain: a client's case and the contacts staff have with them. No I/O here."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from services.platform.errors import RuleViolation


class CaseStatus(StrEnum):
    AWAITING_ASSIGNMENT = "awaiting_assignment"
    IN_COACHING = "in_coaching"
    READY_FOR_PLACEMENT = "ready_for_placement"


def check_contact_time(occurred_at: datetime, now: datetime) -> None:
    """A contact is a record of something that happened: never in the future."""
    if occurred_at.tzinfo is None:
        raise RuleViolation("occurred_at", "must carry a timezone")
    if occurred_at > now:
        raise RuleViolation("occurred_at", "lies in the future")

"""Attendance of an appointment per participant: attended, excused (with a reason code) or missed. No I/O here.

A missed appointment can have consequences only when the client had the written notice of legal consequences
before it (Rechtsfolgenbelehrung, § 32 SGB II): the fact says whether they had. The hearing (§ 24 SGB X) that
such a miss starts, and § 7b Abs. 4 SGB II from 2026-07-01 (three consecutive missed appointments: not
reachable), need to know how many appointments in a row the client missed: `consecutive_misses` counts back
from this one over the client's recorded attendances in the order the appointments started; an attended or an
excused appointment ends the run, appointments with nothing recorded (yet) are passed over.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from services.platform.errors import Conflict, RuleViolation


class Attendance(StrEnum):
    ATTENDED = "attended"
    EXCUSED = "excused"
    MISSED = "missed"


class ExcuseReason(StrEnum):
    """Why an absence is excused (an important reason). Codes only; never in an event."""

    INCAPACITY_CERTIFIED = "incapacity_certified"
    CHILDCARE = "childcare"
    JOB_INTERVIEW = "job_interview"
    WORK = "work"
    FAMILY_EMERGENCY = "family_emergency"
    OTHER_IMPORTANT_REASON = "other_important_reason"


def check_reason(attendance: Attendance, reason: ExcuseReason | None) -> None:
    if attendance == Attendance.EXCUSED and reason is None:
        raise RuleViolation("reason", "an excused absence needs a reason code")
    if attendance != Attendance.EXCUSED and reason is not None:
        raise RuleViolation("reason", "only an excused absence has a reason code")


def check_not_recorded(current: Attendance | None) -> None:
    if current is not None:
        raise Conflict(f"attendance is recorded already: {current.value}")


def consecutive_misses(history: Sequence[Attendance | None]) -> int:
    """Misses in a row at the end of `history` (oldest first, this appointment last)."""
    run = 0
    for outcome in reversed(history):
        if outcome is None:
            continue
        if outcome != Attendance.MISSED:
            break
        run += 1
    return run

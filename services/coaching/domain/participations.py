"""A client's participation in a programme: enrolled, transferred, ended with a reason. No I/O here.

A case always follows one programme (`cases.program_id`): the base one chosen at assignment (standard,
or u25 while the client is under 25) or the one of its current participation. A participation starts
on a day (today by default, never before the case was assigned), has a planned end when its programme
has a duration (Gemeinsam: 8 months, `duration_months`), and ends on a day with one of the reasons
below; a transfer ends the current one (`transferred`) and starts the next the same day. At most one
participation is current at a time. Ending one puts the case back into its base programme.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from services.coaching.domain.model import add_months
from services.coaching.domain.programmes import DEFAULT_PROGRAMME, UNDER_25, Programme
from services.platform.errors import Conflict, RuleViolation

BASE_PROGRAMMES = frozenset({DEFAULT_PROGRAMME, UNDER_25})  # a case's programme outside any participation


class EndReason(StrEnum):
    """Why a participation ended (the codes of `participation_ended.v1`)."""

    COMPLETED = "completed"  # the programme's duration is over
    TRANSFERRED = "transferred"  # into another programme (set by the transfer, not chosen)
    IN_WORK = "in_work"  # took up employment
    IN_TRAINING = "in_training"  # started vocational training or school
    DROPPED_OUT = "dropped_out"  # stopped taking part
    MOVED_AWAY = "moved_away"
    CASE_CLOSED = "case_closed"
    OTHER = "other"


CHOSEN_END_REASONS = tuple(r for r in EndReason if r is not EndReason.TRANSFERRED)


@dataclass(frozen=True)
class Participation:
    participation_id: UUID
    client_id: UUID
    program_id: str
    office_id: str
    started_on: date
    planned_end_on: date | None
    ended_on: date | None = None
    end_reason: EndReason | None = None
    transferred_from: UUID | None = None

    @property
    def current(self) -> bool:
        return self.ended_on is None


def planned_end(programme: Programme, started_on: date) -> date | None:
    """The start plus the programme's duration in months (its month's last day if shorter)."""
    return add_months(started_on, programme.duration_months) if programme.duration_months else None


def check_enrolable(programme: Programme, current: Participation | None, started_on: date, earliest: date) -> None:
    """A new participation: a programme with places, nobody enrolled already, not before the assignment."""
    if programme.program_id in BASE_PROGRAMMES:
        raise RuleViolation("program_id", f"{programme.name} is a base programme: end the participation instead")
    if current is not None:
        raise Conflict(f"the client already takes part in {current.program_id} since {current.started_on}")
    if started_on < earliest:
        raise RuleViolation("starts_on", f"lies before the case manager's assignment on {earliest.isoformat()}")


def check_transferable(programme: Programme, current: Participation | None) -> Participation:
    if current is None:
        raise Conflict("the client takes part in no programme: enrol instead of transferring")
    if programme.program_id == current.program_id:
        raise RuleViolation("program_id", f"the client already takes part in {programme.name}")
    return current


def check_endable(current: Participation | None, ended_on: date) -> Participation:
    if current is None:
        raise Conflict("the client takes part in no programme")
    if ended_on < current.started_on:
        raise RuleViolation("ended_on", f"lies before the participation's start on {current.started_on.isoformat()}")
    return current

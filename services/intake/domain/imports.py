"""What became of each record of an import: the validation report an operator acts on. No I/O here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from services.platform.errors import RuleViolation


@dataclass(frozen=True)
class MigratedEmployment:
    employer_id: UUID
    employer_key: str
    start_date: date
    weekly_hours: Decimal
    gross_monthly_pay: Decimal
    net_monthly_pay: Decimal


@dataclass(frozen=True)
class MigratedAppointment:
    starts_at: datetime
    duration_minutes: int
    channel: str  # coaching's contact channel: in_person, phone, video


@dataclass(frozen=True)
class MigratedState:
    """Where a migrated client stood in the legacy system, for coaching and placement to take over."""

    case_worker_id: str | None
    program_id: str | None
    employment: MigratedEmployment | None
    appointments: tuple[MigratedAppointment, ...] = ()


class Outcome(StrEnum):
    REGISTERED = "registered"
    DUPLICATE = "duplicate"  # registered, and a possible duplicate of a client on file: on the worklist for staff
    ALREADY_IMPORTED = "already_imported"  # imported before under the same legacy id: nothing new
    VALID = "valid"  # dry run: would be registered
    REFUSED = "refused"  # every field and reason, as `POST /clients` answers with 422


@dataclass(frozen=True)
class Problem:
    field: str
    reason: str


@dataclass(frozen=True)
class DuplicateOf:
    client_id: UUID
    client_number: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RecordReport:
    legacy_id: str | None  # None only for a line that named none
    outcome: Outcome
    client_id: UUID | None = None
    client_number: str | None = None
    errors: tuple[Problem, ...] = ()
    duplicate_of: tuple[DuplicateOf, ...] = field(default=())
    downstream: tuple[Downstream, ...] = ()  # filled when a report is read: what coaching took over or refused


class DownstreamPart(StrEnum):
    """What a service downstream of intake takes over from a migrated record, and reports back."""

    CASE_MANAGER = "case_manager"  # coaching: the imported case manager (their office, the programme's ratio)
    APPOINTMENTS = "appointments"  # coaching: the open appointments under the calendar's rules
    OBSTACLES = "obstacles"  # coaching: the plan's obstacles, carried by the journey's worker
    HOUSEHOLD = "household"  # benefits: the household's inputs, entered by the journey's worker (PUT /households)


class Carry(StrEnum):
    CARRIED = "carried"
    REFUSED = "refused"


@dataclass(frozen=True)
class Downstream:
    """What came of one part downstream: carried, or refused with the reasons (no personal data: the reasons
    are the service's rule texts, such as "other office" — never an obstacle's kind or a name)."""

    part: DownstreamPart
    outcome: Carry
    reasons: tuple[str, ...]
    at: datetime


def check_downstream(news: Downstream) -> None:
    """A refusal the office cannot act on is no report: it names why; something carried has nothing to say."""
    if news.outcome is Carry.REFUSED and not news.reasons:
        raise RuleViolation("reasons", "a refusal names its reasons")
    if news.outcome is Carry.CARRIED and news.reasons:
        raise RuleViolation("reasons", "only a refusal has reasons")


def with_downstream(known: list[Downstream], news: Downstream) -> list[Downstream]:
    """The record's parts with `news` replacing what its part said before: a retried report changes nothing,
    a later answer (a re-run of the step) wins. Kept in the order of the parts, so a report reads the same."""
    kept = {d.part: d for d in known}
    before = kept.get(news.part)
    if before is None or (before.outcome, before.reasons) != (news.outcome, news.reasons):
        kept[news.part] = news  # the same answer again keeps the time it was first given
    return [kept[p] for p in DownstreamPart if p in kept]


def refused(legacy_id: str | None, errors: list[Problem]) -> RecordReport:
    return RecordReport(legacy_id, Outcome.REFUSED, errors=tuple(errors))


def counts(reports: list[RecordReport]) -> dict[str, int]:
    """Every outcome with its count, zeros included, so a report always reads the same way."""
    found = Counter(r.outcome for r in reports)
    return {outcome.value: found.get(outcome, 0) for outcome in Outcome}


def repeated_ids(legacy_ids: list[str | None]) -> set[str]:
    """Legacy ids named twice in one batch: both are refused, as nobody can tell which one is right."""
    seen = Counter(i for i in legacy_ids if i is not None)
    return {i for i, n in seen.items() if n > 1}

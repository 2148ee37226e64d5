"""Matching a client against vacancies under hard constraints. No I/O here.

A hard constraint is never weighed against anything else: a vacancy that breaks one is
excluded, and the exclusion says why in words a placement officer can repeat to the
client (seed 001: a mother who can start at 08:00 because of childcare is never
proposed a 06:00 shift). Missing knowledge is never guessed: a commute the table does
not know excludes the vacancy as "commute unknown".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from enum import StrEnum
from typing import Protocol
from uuid import UUID

COMMUTE_UNKNOWN = "commute unknown"
NO_OPEN_POSITIONS = "no open positions"


class VacancyKind(StrEnum):
    JOB = "job"
    APPRENTICESHIP = "apprenticeship"  # Ausbildungsstelle


@dataclass(frozen=True)
class Candidate:
    """What matching knows of a client: where they are served and their availability (intake)."""

    client_id: UUID
    office_id: str
    earliest_daily_start: time | None = None  # e.g. 08:00 because of childcare
    max_weekly_hours: int | None = None
    max_commute_minutes: int | None = None
    # No hard constraint depends on them: apprenticeships are open to youth and adults alike.
    target_groups: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Opening:
    """A vacancy as matching sees it."""

    vacancy_id: UUID
    kind: VacancyKind
    weekly_hours: Decimal
    daily_start: time
    postcode: str
    open_positions: int


class Commutes(Protocol):
    def minutes(self, office_id: str, postcode: str) -> int | None:
        """Travel minutes from an office's town to a postcode; None when unknown."""
        ...


@dataclass(frozen=True)
class Exclusion:
    vacancy_id: UUID
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Matching:
    matches: list[Opening]
    excluded: list[Exclusion]


Constraint = Callable[[Candidate, Opening, Commutes], str | None]


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}"


def starts_late_enough(client: Candidate, opening: Opening, _: Commutes) -> str | None:
    start = client.earliest_daily_start
    if start is None or opening.daily_start >= start:
        return None
    return f"daily start {_hhmm(opening.daily_start)} is before the client's earliest start {_hhmm(start)}"


def hours_within_limit(client: Candidate, opening: Opening, _: Commutes) -> str | None:
    limit = client.max_weekly_hours
    if limit is None or opening.weekly_hours <= limit:
        return None
    return f"{_hours(opening.weekly_hours)} weekly hours exceed the client's maximum of {limit}"


def commute_within_limit(client: Candidate, opening: Opening, commutes: Commutes) -> str | None:
    minutes = commutes.minutes(client.office_id, opening.postcode)
    if minutes is None:
        return COMMUTE_UNKNOWN
    limit = client.max_commute_minutes
    if limit is None or minutes <= limit:
        return None
    return f"commute of {minutes} minutes exceeds the client's maximum of {limit} minutes"


def has_open_positions(_: Candidate, opening: Opening, __: Commutes) -> str | None:
    return None if opening.open_positions > 0 else NO_OPEN_POSITIONS


HARD_CONSTRAINTS: tuple[Constraint, ...] = (
    starts_late_enough,
    hours_within_limit,
    commute_within_limit,
    has_open_positions,
)


def exclusion_reasons(client: Candidate, opening: Opening, commutes: Commutes) -> list[str]:
    """Every hard constraint the opening breaks for this client; empty when it may be proposed."""
    return [reason for rule in HARD_CONSTRAINTS if (reason := rule(client, opening, commutes)) is not None]


def match(client: Candidate, openings: Sequence[Opening], commutes: Commutes) -> Matching:
    matches: list[Opening] = []
    excluded: list[Exclusion] = []
    for opening in openings:
        reasons = exclusion_reasons(client, opening, commutes)
        if reasons:
            excluded.append(Exclusion(opening.vacancy_id, tuple(reasons)))
        else:
            matches.append(opening)
    return Matching(matches, excluded)

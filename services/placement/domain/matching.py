"""Matching a client against vacancies under hard constraints. No I/O here.

A hard constraint is never weighed against anything else: a vacancy that breaks one is
excluded, and the exclusion says why in words a placement officer can repeat to the
client (seed 001: a mother who can start at 08:00 because of childcare is never
proposed a 06:00 shift). Missing knowledge is never guessed: a commute the table does
not know excludes the vacancy as "commute unknown".

Occupation (KldB 2010, see `occupations`): a client with target occupations is matched only to vacancies of
the same occupation group (Berufsgruppe, the first three digits: 293 "Speisenzubereitung" holds cooks of every
kind and level). The requirement level (fifth digit) of a job must not exceed the level of the client's
qualification in that group; without one the client qualifies for helper tasks (level 1), which need no
vocational qualification. An apprenticeship is exempt: it is how the qualification is earned.

The commute runs from the client's residence when placement knows its postcode (estimated, see `travel`),
else from the office's town (the demo timetable table).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from operator import attrgetter
from typing import Protocol
from uuid import UUID

from services.placement.domain import scoring
from services.placement.domain.occupations import RequirementLevel, group_of, level_of
from services.placement.domain.travel import CommuteMode

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
    target_occupations: tuple[str, ...] = ()  # KldB 2010 codes
    qualifications: tuple[str, ...] = ()  # KldB 2010 codes: occupation and level reached
    residence_postcode: str | None = None
    commute_mode: CommuteMode = CommuteMode.PUBLIC_TRANSPORT

    @cached_property
    def occupation_groups(self) -> tuple[str, ...]:
        """The occupation groups of the target occupations, sorted (asked once per vacancy)."""
        return tuple(sorted({group_of(code) for code in self.target_occupations}))

    def qualified_level(self, code: str) -> RequirementLevel:
        """The highest level the client's qualifications reach in the occupation group of `code`."""
        return self.levels_by_group.get(group_of(code), RequirementLevel.HELPER)

    @cached_property
    def levels_by_group(self) -> dict[str, RequirementLevel]:
        """Occupation group → the highest level reached in it (asked once per vacancy)."""
        levels: dict[str, RequirementLevel] = {}
        for q in self.qualifications:
            levels[group_of(q)] = max(levels.get(group_of(q), RequirementLevel.HELPER), level_of(q))
        return levels


@dataclass(frozen=True)
class Opening:
    """A vacancy as matching sees it."""

    vacancy_id: UUID
    kind: VacancyKind
    weekly_hours: Decimal | None  # None: not known (an imported publication that does not say)
    daily_start: time | None
    postcode: str
    open_positions: int
    kldb_code: str | None = None

    @property
    def is_apprenticeship(self) -> bool:
        return self.kind is VacancyKind.APPRENTICESHIP


class Commutes(Protocol):
    def minutes(self, office_id: str, postcode: str) -> int | None:
        """Travel minutes from an office's town to a postcode; None when unknown."""
        ...

    def knows(self, postcode: str) -> bool:
        """Whether the postcode directory has this postcode."""
        ...

    def from_residence(self, residence: str, postcode: str, mode: CommuteMode) -> int | None:
        """Estimated travel minutes from the client's residence to a postcode; None when unknown."""
        ...


@dataclass(frozen=True)
class Exclusion:
    vacancy_id: UUID
    reasons: tuple[str, ...]
    constraints: tuple[str, ...] = ()  # the names of the constraints broken (CONSTRAINT_NAMES), one per reason


@dataclass(frozen=True)
class ExclusionPage:
    """Which excluded vacancies to list with their reasons: `limit` of them after the vacancy id `after`."""

    limit: int = 100
    after: UUID | None = None


@dataclass(frozen=True)
class Matching:
    matches: list[Ranked]  # best first
    excluded: list[Exclusion]


@dataclass(frozen=True)
class Ranked:
    opening: Opening
    score: float
    components: tuple[scoring.Component, ...]


Constraint = Callable[[Candidate, Opening, Commutes], str | None]


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}"


def starts_late_enough(client: Candidate, opening: Opening, _: Commutes) -> str | None:
    start = client.earliest_daily_start
    if start is None:
        return None
    if opening.daily_start is None:
        return f"daily start unknown, and the client can start at {_hhmm(start)} at the earliest"
    if opening.daily_start >= start:
        return None
    return f"daily start {_hhmm(opening.daily_start)} is before the client's earliest start {_hhmm(start)}"


def hours_within_limit(client: Candidate, opening: Opening, _: Commutes) -> str | None:
    limit = client.max_weekly_hours
    if limit is None:
        return None
    if opening.weekly_hours is None:
        return f"weekly hours unknown, and the client can work at most {limit}"
    if opening.weekly_hours <= limit:
        return None
    return f"{_hours(opening.weekly_hours)} weekly hours exceed the client's maximum of {limit}"


def commute_minutes(client: Candidate, opening: Opening, commutes: Commutes) -> int | None:
    if client.residence_postcode is None:
        return commutes.minutes(client.office_id, opening.postcode)
    return commutes.from_residence(client.residence_postcode, opening.postcode, client.commute_mode)


def _unknown_postcode(client: Candidate, opening: Opening, commutes: Commutes) -> str:
    if client.residence_postcode is not None and not commutes.knows(client.residence_postcode):
        return f"{COMMUTE_UNKNOWN}: the client's postcode {client.residence_postcode} is not in the postcode directory"
    if client.residence_postcode is not None and not commutes.knows(opening.postcode):
        return f"{COMMUTE_UNKNOWN}: the vacancy's postcode {opening.postcode} is not in the postcode directory"
    return COMMUTE_UNKNOWN


def commute_within_limit(client: Candidate, opening: Opening, commutes: Commutes) -> str | None:
    minutes = commute_minutes(client, opening, commutes)
    if minutes is None:
        return _unknown_postcode(client, opening, commutes)
    limit = client.max_commute_minutes
    if limit is None or minutes <= limit:
        return None
    return f"commute of {minutes} minutes exceeds the client's maximum of {limit} minutes"


def has_open_positions(_: Candidate, opening: Opening, __: Commutes) -> str | None:
    return None if opening.open_positions > 0 else NO_OPEN_POSITIONS


def occupation_in_target_groups(client: Candidate, opening: Opening, _: Commutes) -> str | None:
    if not client.target_occupations:
        return None
    if opening.kldb_code is None:
        return "no occupation code, so it cannot be checked against the client's target occupations"
    groups = client.occupation_groups
    if group_of(opening.kldb_code) in groups:
        return None
    return f"occupation {opening.kldb_code} lies outside the client's target occupation groups {', '.join(groups)}"


def level_within_qualification(client: Candidate, opening: Opening, _: Commutes) -> str | None:
    if opening.kldb_code is None or opening.is_apprenticeship:
        return None
    required, held = level_of(opening.kldb_code), client.qualified_level(opening.kldb_code)
    if required <= held:
        return None
    return (
        f"requirement level {required} ({required.name.lower()}) exceeds the client's qualification in "
        f"occupation group {group_of(opening.kldb_code)}: level {held} ({held.name.lower()})"
    )


HARD_CONSTRAINTS: tuple[Constraint, ...] = (
    starts_late_enough,
    hours_within_limit,
    commute_within_limit,
    has_open_positions,
    occupation_in_target_groups,
    level_within_qualification,
)
# How the API names each constraint when it counts the exclusions by constraint.
CONSTRAINT_NAMES: dict[Constraint, str] = {
    starts_late_enough: "daily_start",
    hours_within_limit: "weekly_hours",
    commute_within_limit: "commute",
    has_open_positions: "open_positions",
    occupation_in_target_groups: "occupation",
    level_within_qualification: "level",
}


def broken_constraints(client: Candidate, opening: Opening, commutes: Commutes) -> list[tuple[str, str]]:
    """(name, reason) of every hard constraint the opening breaks for this client."""
    return [
        (CONSTRAINT_NAMES[rule], reason)
        for rule in HARD_CONSTRAINTS
        if (reason := rule(client, opening, commutes)) is not None
    ]


def exclusion_reasons(client: Candidate, opening: Opening, commutes: Commutes) -> list[str]:
    """Every hard constraint the opening breaks for this client; empty when it may be proposed."""
    return [reason for _, reason in broken_constraints(client, opening, commutes)]


# What each rule reads of a vacancy, besides the client: one field (two for the level). Matching judges each value
# once per client (`_Judge`): a district's 2,000 vacancies share few start times, hours, postcodes and codes, so the
# verdicts stay exact while the rules run a few dozen times instead of 12,000.
READS: dict[Constraint, Callable[[Opening], Hashable]] = {
    starts_late_enough: attrgetter("daily_start"),
    hours_within_limit: attrgetter("weekly_hours"),
    commute_within_limit: attrgetter("postcode"),
    has_open_positions: lambda o: o.open_positions > 0,
    occupation_in_target_groups: attrgetter("kldb_code"),
    level_within_qualification: attrgetter("kldb_code", "kind"),
}


class _Judge:
    """The hard constraints and score components for one client, each remembered per value it reads."""

    def __init__(self, client: Candidate, commutes: Commutes) -> None:
        self._client, self._commutes = client, commutes
        self._rules: list[tuple[Constraint, str, Callable[[Opening], Hashable], dict[Hashable, str | None]]] = [
            (rule, CONSTRAINT_NAMES[rule], READS[rule], {}) for rule in HARD_CONSTRAINTS
        ]
        self._scores: dict[Hashable, tuple[float, tuple[scoring.Component, ...]]] = {}

    def broken(self, opening: Opening) -> list[tuple[str, str]]:
        found = []
        for rule, name, reads, verdicts in self._rules:
            key = reads(opening)
            if key in verdicts:
                reason = verdicts[key]
            else:
                reason = verdicts[key] = rule(self._client, opening, self._commutes)
            if reason is not None:
                found.append((name, reason))
        return found

    def ranked(self, opening: Opening) -> Ranked:
        # What the components read: the code and kind (occupation, level), the postcode (commute), the hours.
        key = (opening.kldb_code, opening.kind, opening.postcode, opening.weekly_hours)
        if key not in self._scores:
            minutes = commute_minutes(self._client, opening, self._commutes)
            assert minutes is not None  # an unknown commute is an exclusion
            parts = scoring.components(self._client, opening, minutes)
            self._scores[key] = (scoring.total(parts), parts)
        score, parts = self._scores[key]
        return Ranked(opening, score, parts)


def count_by_constraint(excluded: Sequence[Exclusion]) -> dict[str, int]:
    """How many vacancies break each constraint (a vacancy breaking two counts for both), in the rules' order."""
    counts = dict.fromkeys(CONSTRAINT_NAMES.values(), 0)
    for exclusion in excluded:
        for name in exclusion.constraints:
            counts[name] += 1
    return {name: n for name, n in counts.items() if n}


def match(client: Candidate, openings: Sequence[Opening], commutes: Commutes) -> Matching:
    """The openings meeting every hard constraint, best score first (ties keep their order), and the rest."""
    judge = _Judge(client, commutes)
    matches: list[Ranked] = []
    excluded: list[Exclusion] = []
    for opening in openings:
        broken = judge.broken(opening)
        if broken:
            names, reasons = zip(*broken, strict=True)
            excluded.append(Exclusion(opening.vacancy_id, reasons, names))
        else:
            matches.append(judge.ranked(opening))
    matches.sort(key=lambda r: -r.score)
    return Matching(matches, excluded)

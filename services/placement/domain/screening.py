"""Which values of a vacancy's fields a client's hard constraints allow, each value judged once. No I/O here.

Every hard constraint reads one field of a vacancy (the level reads code and kind together; `FIELD_OF`). So
placement asks the database how many visible vacancies carry each distinct value of each field — a district's
2,000 vacancies share a few dozen start times, hours, postcodes and codes — judges every value with the rule
itself, and then loads only the vacancies whose every value is allowed: exactly the matches. What each rule
excludes is counted from the same tallies, as exact as judging each vacancy (a vacancy breaking two rules counts
for both); the reasons are given per excluded vacancy, a page at a time, by the same rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID

from services.placement.domain.matching import (
    CONSTRAINT_NAMES,
    HARD_CONSTRAINTS,
    Candidate,
    Commutes,
    Constraint,
    Opening,
    VacancyKind,
    commute_within_limit,
    has_open_positions,
    hours_within_limit,
    level_within_qualification,
    occupation_in_target_groups,
    starts_late_enough,
)


class Field(StrEnum):
    """What the hard constraints read of a vacancy; the value of OPEN is whether positions are open."""

    DAILY_START = "daily_start"
    WEEKLY_HOURS = "weekly_hours"
    POSTCODE = "postcode"
    OPEN = "open"
    OCCUPATION = "occupation"  # (KldB code, kind): the group rule reads the code, the level rule both


FIELD_OF: dict[Constraint, Field] = {
    starts_late_enough: Field.DAILY_START,
    hours_within_limit: Field.WEEKLY_HOURS,
    commute_within_limit: Field.POSTCODE,
    has_open_positions: Field.OPEN,
    occupation_in_target_groups: Field.OCCUPATION,
    level_within_qualification: Field.OCCUPATION,
}
if set(FIELD_OF) != set(HARD_CONSTRAINTS):  # a new rule must say what it reads, or screening would skip it
    raise RuntimeError("screening: every hard constraint needs its field in FIELD_OF")

Tallies = Mapping[Field, Mapping[Any, int]]  # field → value → how many visible vacancies carry it

_BLANK = Opening(UUID(int=0), VacancyKind.JOB, None, None, "", 1, None)


def probe(field: Field, value: Any) -> Opening:
    """An opening carrying `value` in `field`; the rules reading that field look at nothing else."""
    if field is Field.DAILY_START:
        return replace(_BLANK, daily_start=value)
    if field is Field.WEEKLY_HOURS:
        return replace(_BLANK, weekly_hours=None if value is None else Decimal(str(value)))
    if field is Field.POSTCODE:
        return replace(_BLANK, postcode=value)
    if field is Field.OPEN:
        return replace(_BLANK, open_positions=1 if value else 0)
    code, kind = value
    return replace(_BLANK, kldb_code=code, kind=VacancyKind(kind))


@dataclass(frozen=True)
class Screening:
    """The values each field may have in a match, and how many vacancies each constraint excludes."""

    allowed: dict[Field, frozenset[Any]]
    restricted: frozenset[Field]  # fields where some visible vacancy carries a value that is not allowed
    excluded_by_constraint: dict[str, int]  # in the rules' order, only constraints that exclude any
    visible: int  # how many vacancies were screened

    @property
    def nothing_matches(self) -> bool:
        return self.visible == 0 or any(not self.allowed[f] for f in self.restricted)


def screen(client: Candidate, commutes: Commutes, tallies: Tallies) -> Screening:
    """Judge every distinct value of every field once with the rules that read it."""
    counts = dict.fromkeys(CONSTRAINT_NAMES.values(), 0)
    allowed: dict[Field, frozenset[Any]] = {}
    for field in Field:
        rules = [rule for rule in HARD_CONSTRAINTS if FIELD_OF[rule] is field]
        ok = set()
        for value, n in tallies.get(field, {}).items():
            opening = probe(field, value)
            broken = [rule for rule in rules if rule(client, opening, commutes) is not None]
            for rule in broken:
                counts[CONSTRAINT_NAMES[rule]] += n
            if not broken:
                ok.add(value)
        allowed[field] = frozenset(ok)
    restricted = frozenset(f for f in Field if set(tallies.get(f, {})) - allowed[f])
    visible = sum(tallies.get(Field.OPEN, {}).values())
    return Screening(allowed, restricted, {name: n for name, n in counts.items() if n}, visible)

"""How well a vacancy that meets every hard constraint suits the client: a score of named parts. No I/O here.

Each component is a value between 0 and 1 with a weight and the reason for its value, so a placement officer
sees why one vacancy ranks above another; the score is the weighted sum (the weights add up to 1).

| component  | weight | value |
|------------|--------|-------|
| occupation | 0.40 | 1 in a target's subgroup (first four KldB digits), 0.5 in its group only, 0 without targets |
| level      | 0.20 | 1 when the job asks the client's qualified level, 1/3 less per level below; apprenticeship 1 |
| commute    | 0.25 | 1 − minutes ÷ the client's limit (without one: a 60-minute reference) |
| hours      | 0.15 | weekly hours ÷ the client's maximum (without one: 40), at most 1: more hours, more pay |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from services.placement.domain.occupations import group_of, level_of, subgroup_of

if TYPE_CHECKING:  # matching ranks with these scores
    from services.placement.domain.matching import Candidate, Opening

REFERENCE_COMMUTE_MINUTES = 60
REFERENCE_WEEKLY_HOURS = 40


@dataclass(frozen=True)
class Component:
    name: str
    value: float
    weight: float
    reason: str


def occupation(client: Candidate, opening: Opening) -> Component:
    code = opening.kldb_code
    if not client.target_occupations or code is None:
        return Component("occupation", 0.0, 0.40, "no target occupation or no occupation code to compare")
    if any(subgroup_of(t) == subgroup_of(code) for t in client.target_occupations):
        return Component("occupation", 1.0, 0.40, f"same occupation as a target (subgroup {subgroup_of(code)})")
    return Component("occupation", 0.5, 0.40, f"same occupation group {group_of(code)} as a target, other subgroup")


def level(client: Candidate, opening: Opening) -> Component:
    code = opening.kldb_code
    if opening.is_apprenticeship:
        return Component("level", 1.0, 0.20, "an apprenticeship leads to the qualification")
    if code is None:
        return Component("level", 0.0, 0.20, "no requirement level known")
    required, held = level_of(code), client.qualified_level(code)
    value = round(1 - (held - required) / 3, 3)
    return Component("level", value, 0.20, f"asks level {required}, the client is qualified to level {held}")


def commute(client: Candidate, minutes: int) -> Component:
    limit = client.max_commute_minutes or REFERENCE_COMMUTE_MINUTES
    value = round(max(0.0, 1 - minutes / limit), 3) if limit > 0 else 0.0
    whose = "the client's limit" if client.max_commute_minutes else "a 60-minute reference"
    return Component("commute", value, 0.25, f"{minutes} minutes of {limit} ({whose})")


def hours(client: Candidate, opening: Opening) -> Component:
    limit = client.max_weekly_hours or REFERENCE_WEEKLY_HOURS
    if opening.weekly_hours is None:
        return Component("hours", 0.0, 0.15, "weekly hours unknown")
    value = round(min(1.0, float(opening.weekly_hours) / limit), 3)
    whose = "the client's maximum" if client.max_weekly_hours else "a 40-hour reference"
    return Component("hours", value, 0.15, f"{opening.weekly_hours.normalize():f} weekly hours of {limit} ({whose})")


def components(client: Candidate, opening: Opening, minutes: int) -> tuple[Component, ...]:
    return (occupation(client, opening), level(client, opening), commute(client, minutes), hours(client, opening))


def total(parts: tuple[Component, ...]) -> float:
    return round(sum(p.value * p.weight for p in parts), 3)

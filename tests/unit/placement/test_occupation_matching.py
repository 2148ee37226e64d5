"""Occupation, requirement level and the commute from home as hard constraints, and each score component
(KldB 2010: the first three digits are the occupation group, the fifth the requirement level)."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from decimal import Decimal
from uuid import uuid4

import pytest

from services.placement.domain.matching import (
    Candidate,
    Opening,
    VacancyKind,
    commute_within_limit,
    level_within_qualification,
    match,
    occupation_in_target_groups,
)
from services.placement.domain.scoring import commute, hours, level, occupation, total
from services.placement.domain.travel import CommuteMode

COOK, KITCHEN_HELPER, DIET_COOK, WAREHOUSE_HELPER, CHEF = "29302", "29301", "29382", "51311", "29393"
WATHLINGEN, CELLE, BERLIN = "29339", "29221", "10115"


class Commutes:
    """From home: (residence, postcode) → minutes; office table empty."""

    def __init__(self, known: dict[tuple[str, str], int]) -> None:
        self._known = known

    def minutes(self, office_id: str, postcode: str) -> int | None:
        return None

    def knows(self, postcode: str) -> bool:
        return any(postcode in pair for pair in self._known)

    def from_residence(self, residence: str, postcode: str, mode: CommuteMode) -> int | None:
        extra = {CommuteMode.CAR: -10, CommuteMode.BICYCLE: 20}.get(mode, 0)
        found = self._known.get((residence, postcode))
        return None if found is None else found + extra


COMMUTES = Commutes({(WATHLINGEN, WATHLINGEN): 25, (WATHLINGEN, CELLE): 40})
HELPER_COOK = Candidate(
    client_id=uuid4(),
    office_id="celle",
    max_commute_minutes=45,
    max_weekly_hours=30,
    target_occupations=(COOK,),
    qualifications=(KITCHEN_HELPER,),
    residence_postcode=WATHLINGEN,
)
JOB = Opening(uuid4(), VacancyKind.JOB, Decimal(25), time(9), CELLE, 1, KITCHEN_HELPER)


def job(**changes: object) -> Opening:
    return replace(JOB, vacancy_id=uuid4(), **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("client", "vacancy", "reason"),
    [
        pytest.param(HELPER_COOK, job(kldb_code=DIET_COOK), None, id="same group 293, other subgroup: matched"),
        pytest.param(
            HELPER_COOK,
            job(kldb_code=WAREHOUSE_HELPER),
            "occupation 51311 lies outside the client's target occupation groups 293",
            id="other group: excluded",
        ),
        pytest.param(
            HELPER_COOK,
            job(kldb_code=None),
            "no occupation code, so it cannot be checked against the client's target occupations",
            id="no code with targets: excluded, not guessed",
        ),
        pytest.param(
            replace(HELPER_COOK, target_occupations=()), job(kldb_code=WAREHOUSE_HELPER), None, id="no targets"
        ),
    ],
)
def test_the_occupation_group_is_a_hard_constraint(client, vacancy, reason):
    assert occupation_in_target_groups(client, vacancy, COMMUTES) == reason


EXCEEDS = "requirement level {} exceeds the client's qualification in occupation group 293: level {}"


@pytest.mark.parametrize(
    ("qualifications", "vacancy", "reason"),
    [
        ((KITCHEN_HELPER,), job(kldb_code=KITCHEN_HELPER), None),
        ((KITCHEN_HELPER,), job(kldb_code=COOK), EXCEEDS.format("2 (skilled)", "1 (helper)")),
        ((COOK,), job(kldb_code=COOK), None),
        ((COOK,), job(kldb_code=KITCHEN_HELPER), None),  # a lower level is allowed
        ((COOK,), job(kldb_code=CHEF), EXCEEDS.format("3 (specialist)", "2 (skilled)")),  # 29393: supervisors
        ((WAREHOUSE_HELPER,), job(kldb_code=KITCHEN_HELPER), None),  # helper tasks need no qualification
        ((), job(kldb_code=COOK, kind=VacancyKind.APPRENTICESHIP), None),  # an apprenticeship earns the level
    ],
)
def test_the_requirement_level_must_not_exceed_the_clients_qualification(qualifications, vacancy, reason):
    client = replace(HELPER_COOK, qualifications=qualifications)
    assert level_within_qualification(client, vacancy, COMMUTES) == reason


@pytest.mark.parametrize(
    ("client", "vacancy", "reason"),
    [
        (HELPER_COOK, job(postcode=CELLE), None),
        (
            replace(HELPER_COOK, max_commute_minutes=30),
            job(postcode=CELLE),
            "commute of 40 minutes exceeds the client's maximum of 30 minutes",
        ),
        (replace(HELPER_COOK, max_commute_minutes=30, commute_mode=CommuteMode.CAR), job(postcode=CELLE), None),
        (
            HELPER_COOK,
            job(postcode=BERLIN),
            "commute unknown: the vacancy's postcode 10115 is not in the postcode directory",
        ),
        (
            replace(HELPER_COOK, residence_postcode=BERLIN),
            job(),
            "commute unknown: the client's postcode 10115 is not in the postcode directory",
        ),
    ],
)
def test_the_commute_runs_from_home_by_the_clients_mode_within_their_limit(client, vacancy, reason):
    assert commute_within_limit(client, vacancy, COMMUTES) == reason


@pytest.mark.parametrize(
    ("component", "value", "reason"),
    [
        (occupation(HELPER_COOK, job(kldb_code=KITCHEN_HELPER)), 1.0, "same occupation as a target (subgroup 2930)"),
        (
            occupation(HELPER_COOK, job(kldb_code=DIET_COOK)),
            0.5,
            "same occupation group 293 as a target, other subgroup",
        ),
        (
            occupation(replace(HELPER_COOK, target_occupations=()), job()),
            0.0,
            "no target occupation or no occupation code to compare",
        ),
        (level(HELPER_COOK, job(kldb_code=KITCHEN_HELPER)), 1.0, "asks level 1, the client is qualified to level 1"),
        (
            level(replace(HELPER_COOK, qualifications=("29304",)), job(kldb_code=KITCHEN_HELPER)),
            0.0,
            "asks level 1, the client is qualified to level 4",
        ),
        (level(HELPER_COOK, job(kind=VacancyKind.APPRENTICESHIP)), 1.0, "an apprenticeship leads to the qualification"),
        (commute(HELPER_COOK, 9), 0.8, "9 minutes of 45 (the client's limit)"),
        (commute(replace(HELPER_COOK, max_commute_minutes=None), 30), 0.5, "30 minutes of 60 (a 60-minute reference)"),
        (hours(HELPER_COOK, job(weekly_hours=Decimal(15))), 0.5, "15 weekly hours of 30 (the client's maximum)"),
        (hours(HELPER_COOK, job(weekly_hours=None)), 0.0, "weekly hours unknown"),
    ],
)
def test_each_score_component_has_its_value_and_reason(component, value, reason):
    assert (component.value, component.reason) == (value, reason)


def test_the_score_is_the_weighted_sum_and_matches_come_best_first():
    near = job(postcode=WATHLINGEN, kldb_code=KITCHEN_HELPER)  # 25 minutes
    far = job(postcode=CELLE, kldb_code=KITCHEN_HELPER)  # 40 minutes
    related = job(postcode=WATHLINGEN, kldb_code=DIET_COOK, kind=VacancyKind.APPRENTICESHIP)
    result = match(HELPER_COOK, [far, related, near], COMMUTES)
    assert [r.opening for r in result.matches] == [near, far, related]
    best = result.matches[0]
    assert best.score == total(best.components) == round(0.40 * 1 + 0.20 * 1 + 0.25 * 0.444 + 0.15 * 0.833, 3)
    assert sum(c.weight for c in best.components) == pytest.approx(1.0)

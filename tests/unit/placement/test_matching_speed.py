"""Matching remembers each rule's verdict per value it reads (a start time, a postcode, a code): the result must be
exactly what judging every vacancy on its own gives — the same reasons in the same order, the same scores."""

from __future__ import annotations

import random
from datetime import time
from decimal import Decimal
from uuid import uuid4

from services.placement.domain import scoring
from services.placement.domain.matching import (
    CONSTRAINT_NAMES,
    HARD_CONSTRAINTS,
    Candidate,
    Opening,
    VacancyKind,
    commute_minutes,
    exclusion_reasons,
    match,
)
from services.placement.domain.travel import CommuteMode
from tests.unit.placement.test_travel import COMMUTING  # loaded once for both modules

POSTCODES = ["29221", "29339", "29303", "24306", "33330", "35576", "10115", "99999"]
CODES = ["29301", "29302", "29303", "29382", "82101", "82102", "51311", None]
CLIENT = Candidate(
    client_id=uuid4(),
    office_id="celle",
    earliest_daily_start=time(8),
    max_weekly_hours=35,
    max_commute_minutes=60,
    target_occupations=("29302", "82102"),
    qualifications=("29302", "82101"),
    residence_postcode="29339",
    commute_mode=CommuteMode.PUBLIC_TRANSPORT,
)


def openings(n: int, rng: random.Random) -> list[Opening]:
    return [
        Opening(
            vacancy_id=uuid4(),
            kind=rng.choice(list(VacancyKind)),
            weekly_hours=rng.choice([Decimal(20), Decimal("35.00"), Decimal(40), None]),
            daily_start=rng.choice([time(6), time(8), time(9, 30), None]),
            postcode=rng.choice(POSTCODES),
            open_positions=rng.choice([0, 1, 3]),
            kldb_code=rng.choice(CODES),
        )
        for _ in range(n)
    ]


def test_matching_gives_each_vacancy_the_verdict_it_gets_on_its_own():
    commutes = COMMUTING
    vacancies = openings(600, random.Random(12))
    result = match(CLIENT, vacancies, commutes)
    excluded = {e.vacancy_id: e for e in result.excluded}
    ranked = {r.opening.vacancy_id: r for r in result.matches}
    assert len(excluded) + len(ranked) == len(vacancies) and ranked and excluded
    for vacancy in vacancies:
        reasons = exclusion_reasons(CLIENT, vacancy, commutes)
        if reasons:
            assert list(excluded[vacancy.vacancy_id].reasons) == reasons
            names = [CONSTRAINT_NAMES[rule] for rule in HARD_CONSTRAINTS if rule(CLIENT, vacancy, commutes)]
            assert list(excluded[vacancy.vacancy_id].constraints) == names
        else:
            minutes = commute_minutes(CLIENT, vacancy, commutes)
            assert minutes is not None
            parts = scoring.components(CLIENT, vacancy, minutes)
            assert ranked[vacancy.vacancy_id].components == parts
            assert ranked[vacancy.vacancy_id].score == scoring.total(parts)
    assert [r.score for r in result.matches] == sorted((r.score for r in result.matches), reverse=True)

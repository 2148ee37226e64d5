"""Matching under hard constraints: every rule, each exclusion with its reason (seed 001 among them)."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from decimal import Decimal
from uuid import uuid4

import pytest

from services.placement.domain.matching import (
    COMMUTE_UNKNOWN,
    NO_OPEN_POSITIONS,
    Candidate,
    Opening,
    VacancyKind,
    exclusion_reasons,
    match,
)


class Minutes:
    """A commute table: (office, postcode) → minutes; everything else unknown."""

    def __init__(self, known: dict[tuple[str, str], int]) -> None:
        self._known = known

    def minutes(self, office_id: str, postcode: str) -> int | None:
        return self._known.get((office_id, postcode))


CELLE, WATHLINGEN, BERGEN, BERLIN = "29221", "29339", "29303", "10115"
COMMUTES = Minutes({("celle", CELLE): 15, ("celle", WATHLINGEN): 35, ("celle", BERGEN): 40})

# Seed 001: a single mother from Wathlingen, served by the Celle office, can start at 08:00 at the earliest.
MOTHER = Candidate(
    client_id=uuid4(),
    office_id="celle",
    earliest_daily_start=time(8, 0),
    max_weekly_hours=30,
    max_commute_minutes=35,
    target_groups=frozenset({"single_parent"}),
)
YOUTH = Candidate(client_id=uuid4(), office_id="celle", target_groups=frozenset({"youth_under_25"}))
LAUNDRY = Opening(
    vacancy_id=uuid4(),
    kind=VacancyKind.JOB,
    weekly_hours=Decimal("25"),
    daily_start=time(8, 0),
    postcode=WATHLINGEN,
    open_positions=1,
)


def opening(**changes: object) -> Opening:
    return replace(LAUNDRY, vacancy_id=uuid4(), **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("client", "vacancy", "reasons"),
    [
        pytest.param(
            MOTHER,
            opening(daily_start=time(6, 0)),
            ["daily start 06:00 is before the client's earliest start 08:00"],
            id="06:00 shift for 08:00 mother",
        ),
        pytest.param(
            MOTHER,
            opening(daily_start=time(7, 59)),
            ["daily start 07:59 is before the client's earliest start 08:00"],
            id="a minute too early",
        ),
        pytest.param(MOTHER, opening(daily_start=time(8, 0)), [], id="08:00 exactly is fine"),
        pytest.param(MOTHER, opening(daily_start=time(9, 30)), [], id="later start is fine"),
        pytest.param(MOTHER, opening(weekly_hours=Decimal("30")), [], id="hours at the maximum"),
        pytest.param(
            MOTHER,
            opening(weekly_hours=Decimal("30.5")),
            ["30.5 weekly hours exceed the client's maximum of 30"],
            id="hours over the maximum",
        ),
        pytest.param(
            MOTHER,
            opening(weekly_hours=Decimal("39.00")),
            ["39 weekly hours exceed the client's maximum of 30"],
            id="whole hours read without decimals",
        ),
        pytest.param(
            MOTHER,
            opening(postcode=BERGEN),
            ["commute of 40 minutes exceeds the client's maximum of 35 minutes"],
            id="commute too long",
        ),
        pytest.param(MOTHER, opening(postcode=WATHLINGEN), [], id="commute at the maximum"),
        pytest.param(MOTHER, opening(postcode=BERLIN), [COMMUTE_UNKNOWN], id="unknown commute is not guessed"),
        pytest.param(YOUTH, opening(postcode=BERLIN), [COMMUTE_UNKNOWN], id="unknown commute without a limit"),
        pytest.param(MOTHER, opening(open_positions=0), [NO_OPEN_POSITIONS], id="no open positions"),
        pytest.param(
            YOUTH,
            opening(kind=VacancyKind.APPRENTICESHIP, daily_start=time(6, 0), weekly_hours=Decimal(40)),
            [],
            id="apprenticeship for youth without constraints",
        ),
        pytest.param(
            replace(YOUTH, earliest_daily_start=time(7, 0)),
            opening(kind=VacancyKind.APPRENTICESHIP),
            [],
            id="apprenticeship for youth within constraints",
        ),
        pytest.param(
            MOTHER,
            opening(daily_start=time(6, 0), weekly_hours=Decimal(38), postcode=BERLIN, open_positions=0),
            [
                "daily start 06:00 is before the client's earliest start 08:00",
                "38 weekly hours exceed the client's maximum of 30",
                COMMUTE_UNKNOWN,
                NO_OPEN_POSITIONS,
            ],
            id="every broken constraint is named",
        ),
    ],
)
def test_each_hard_constraint_excludes_with_a_reason(client: Candidate, vacancy: Opening, reasons: list[str]) -> None:
    assert exclusion_reasons(client, vacancy, COMMUTES) == reasons


def test_a_client_who_can_start_only_at_8_is_never_matched_with_a_6_oclock_shift() -> None:
    early_shift, laundry = opening(daily_start=time(6, 0)), opening(daily_start=time(8, 0))
    result = match(MOTHER, [early_shift, laundry], COMMUTES)
    assert [r.opening for r in result.matches] == [laundry]
    assert [e.vacancy_id for e in result.excluded] == [early_shift.vacancy_id]


def test_a_client_without_constraints_is_matched_with_every_reachable_open_vacancy() -> None:
    unconstrained = Candidate(client_id=uuid4(), office_id="celle")
    vacancies = [opening(daily_start=time(5, 0), weekly_hours=Decimal(48)), opening(postcode=CELLE)]
    assert {r.opening for r in match(unconstrained, vacancies, COMMUTES).matches} == set(vacancies)


def test_a_client_of_an_office_the_table_does_not_know_has_no_matches() -> None:
    elsewhere = Candidate(client_id=uuid4(), office_id="guetersloh")
    result = match(elsewhere, [LAUNDRY], COMMUTES)
    assert result.matches == [] and result.excluded[0].reasons == (COMMUTE_UNKNOWN,)

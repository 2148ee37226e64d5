"""Screening judges each distinct value of a field once (`domain/screening.py`): a vacancy whose every value is
allowed is exactly a match, and the counts per constraint are those of judging every vacancy."""

from __future__ import annotations

import random
from collections import Counter

from services.placement.domain.matching import HARD_CONSTRAINTS, Opening, count_by_constraint, match
from services.placement.domain.screening import FIELD_OF, Field, screen
from tests.unit.placement.test_matching_speed import CLIENT, openings
from tests.unit.placement.test_travel import COMMUTING


def value(field: Field, opening: Opening) -> object:
    return {
        Field.DAILY_START: opening.daily_start,
        Field.WEEKLY_HOURS: opening.weekly_hours,
        Field.POSTCODE: opening.postcode,
        Field.OPEN: opening.open_positions > 0,
        Field.OCCUPATION: (opening.kldb_code, opening.kind.value),
    }[field]


def test_every_hard_constraint_says_which_field_it_reads():
    assert set(FIELD_OF) == set(HARD_CONSTRAINTS)


def test_the_allowed_values_select_exactly_the_matches_and_the_counts_are_those_of_every_vacancy():
    vacancies = openings(600, random.Random(7))
    tallies = {f: Counter(value(f, o) for o in vacancies) for f in Field}
    screening = screen(CLIENT, COMMUTING, tallies)
    expected = match(CLIENT, vacancies, COMMUTING)
    passing = [o for o in vacancies if all(value(f, o) in screening.allowed[f] for f in Field)]
    assert {o.vacancy_id for o in passing} == {r.opening.vacancy_id for r in expected.matches} != set()
    assert screening.excluded_by_constraint == count_by_constraint(expected.excluded)
    assert screening.visible == 600 and not screening.nothing_matches
    assert screening.restricted == set(Field)  # this client and these vacancies: every field excludes some


def test_nothing_matches_when_a_field_allows_none_of_its_values_or_there_are_no_vacancies():
    closed = [o for o in openings(50, random.Random(3)) if o.open_positions == 0]
    tallies = {f: Counter(value(f, o) for o in closed) for f in Field}
    assert screen(CLIENT, COMMUTING, tallies).nothing_matches
    assert screen(CLIENT, COMMUTING, {}).nothing_matches

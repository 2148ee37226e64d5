"""Whether two registrations may be one person: German spellings, swapped and shortened names, birth date typos."""

from __future__ import annotations

import contextlib
from datetime import date
from uuid import uuid4

import pytest

from services.intake.domain.duplicates import (
    THRESHOLD,
    BirthDateMatch,
    OnFile,
    birth_date_match,
    near_birth_dates,
    possible_duplicates,
    resemblance,
)

BORN = date(1980, 5, 7)


def person(given: str, family: str, born: date = BORN, postcode: str = "24321", sex: str = "not_stated") -> OnFile:
    return OnFile(uuid4(), "L-000001", given, family, born, postcode, "lutjenburg", sex)


ANNA = person("Anna", "Müller")


def score(other: OnFile, of: OnFile = ANNA) -> int | None:
    found = resemblance(of, other)
    return found.score if found else None


def test_the_same_name_written_with_ue_or_ss_is_the_same_person() -> None:
    assert score(person("Anna", "Mueller")) == 100
    assert score(person("Heinz", "Gross"), person("Heinz", "Groß")) == 100


def test_typos_umlauts_without_dots_and_swapped_names_stay_above_the_threshold() -> None:
    for other in (person("Anna", "Muller"), person("Ana", "Müler"), person("Müller", "Anna"), person("Anna", "Möller")):
        assert (score(other) or 0) >= THRESHOLD, other


def test_a_shortened_double_name_is_proposed_and_says_so() -> None:
    found = resemblance(ANNA, person("Anna", "Müller-Lüdenscheidt"))
    assert found is not None and found.score >= THRESHOLD
    assert "double family name shortened" in found.reasons
    given = resemblance(ANNA, person("Anna-Lena", "Müller"))
    assert given is not None and "double given name shortened" in given.reasons


def test_the_reasons_name_how_each_part_matched() -> None:
    found = resemblance(ANNA, person("Müller", "Anna", born=date(1980, 7, 5), postcode="24306"))
    assert found is not None
    assert found.reasons == ("given and family name swapped", BirthDateMatch.TRANSPOSED.value, "different postcode")


def test_a_birth_date_matches_exactly_transposed_or_one_digit_off_and_nothing_else() -> None:
    assert birth_date_match(BORN, BORN) is BirthDateMatch.EXACT
    assert birth_date_match(BORN, date(1980, 7, 5)) is BirthDateMatch.TRANSPOSED
    assert birth_date_match(BORN, date(1980, 5, 1)) is BirthDateMatch.ONE_DIGIT
    assert birth_date_match(BORN, date(1986, 5, 7)) is BirthDateMatch.ONE_DIGIT
    assert birth_date_match(BORN, date(1980, 6, 30)) is None
    assert birth_date_match(BORN, date(1981, 5, 8)) is None


def test_the_narrowing_dates_are_exactly_those_the_comparison_accepts() -> None:
    near = set(near_birth_dates(BORN))
    every_day = {date.fromordinal(d) for d in range(date(1900, 1, 1).toordinal(), date(2030, 1, 1).toordinal())}
    assert near & every_day == {d for d in every_day if birth_date_match(BORN, d) is not None}
    assert all(birth_date_match(BORN, d) is not None for d in near)  # also 1580 or 7980: typos all the same


def _one_digit_off_or_transposed(born: date) -> set[date]:
    """The rule as written: every valid date whose YYYYMMDD differs from born's in one digit, and day↔month."""
    written = f"{born.year:04d}{born.month:02d}{born.day:02d}"
    typed = {written[:i] + digit + written[i + 1 :] for i in range(8) for digit in "0123456789"}
    typed.add(f"{born.year:04d}{born.day:02d}{born.month:02d}")
    found = set()
    for text in typed:
        with contextlib.suppress(ValueError):
            found.add(date(int(text[:4]), int(text[4:6]), int(text[6:])))
    return found


@pytest.mark.parametrize(
    "born",
    [date(2000, 2, 29), date(1900, 2, 28), date(1996, 2, 9), date(1, 1, 1), date(9999, 12, 31), date(1975, 10, 31),
     date(1988, 12, 12), date(1959, 9, 30)],
)  # fmt: skip
def test_the_narrowing_dates_are_every_valid_one_digit_typo_and_the_transposition(born: date) -> None:
    assert near_birth_dates(born) == sorted(_one_digit_off_or_transposed(born))


def test_twins_with_different_given_names_are_not_proposed() -> None:
    assert score(person("Lukas", "Müller"), person("Jonas", "Müller")) is None
    assert score(person("Marie", "Müller")) is None


def test_a_different_sex_keeps_jan_and_jana_apart() -> None:
    jan = person("Jan", "Petersen", sex="male")
    assert (score(person("Jana", "Petersen", sex="female"), jan) or 0) < THRESHOLD
    assert (score(person("Jana", "Petersen"), jan) or 0) >= THRESHOLD  # not stated: no evidence either way


def test_the_same_name_born_another_day_of_the_year_is_not_proposed() -> None:
    assert score(person("Anna", "Müller", born=date(1980, 11, 23))) is None


def test_a_moved_person_is_proposed_with_a_lower_score_than_one_at_the_same_postcode() -> None:
    moved, stayed = score(person("Anna", "Müller", postcode="24306")), score(person("Anna", "Müller"))
    assert moved is not None and stayed is not None and THRESHOLD <= moved < stayed


def test_possible_duplicates_are_best_first_and_never_the_person_itself() -> None:
    typo, exact, twin = person("Anna", "Müler"), person("Anna", "Müller"), person("Lukas", "Müller")
    found = possible_duplicates(ANNA, [typo, ANNA, twin, exact])
    assert [d.other for d in found] == [exact, typo]

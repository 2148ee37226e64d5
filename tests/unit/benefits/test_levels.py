"""Which Regelbedarfsstufe a member gets (§ 20 Abs. 2–4, § 23 Nr. 1 SGB II)."""

from __future__ import annotations

import pytest

from services.benefits.domain import InvalidHousehold, Level
from services.benefits.domain.levels import level_of

from .builders import JUNE_2026, adult, child, household, partner


def test_a_single_adult_gets_level_1_under_section_20_abs_2() -> None:
    """§ 20 Abs. 2 S. 1 SGB II."""
    person = adult()
    assert level_of(person, household(person), JUNE_2026) is Level.SINGLE


def test_two_adult_partners_each_get_level_2_under_section_20_abs_4() -> None:
    """§ 20 Abs. 4 SGB II."""
    a, p = adult(), partner()
    h = household(a, p)
    assert (level_of(a, h, JUNE_2026), level_of(p, h, JUNE_2026)) == (Level.PARTNER, Level.PARTNER)


def test_an_adult_with_a_minor_partner_gets_level_1_and_the_partner_level_4() -> None:
    """§ 20 Abs. 2 S. 1 ("deren Partner minderjährig ist") and S. 2 Nr. 1 SGB II."""
    a, p = adult(age=19), partner(age=17)
    h = household(a, p)
    assert (level_of(a, h, JUNE_2026), level_of(p, h, JUNE_2026)) == (Level.SINGLE, Level.AGE_14_TO_17)


@pytest.mark.parametrize(
    ("age", "level"),
    [
        (0, Level.AGE_0_TO_5),
        (5, Level.AGE_0_TO_5),
        (6, Level.AGE_6_TO_13),
        (13, Level.AGE_6_TO_13),
        (14, Level.AGE_14_TO_17),
        (17, Level.AGE_14_TO_17),
        (18, Level.OTHER_ADULT),
        (24, Level.OTHER_ADULT),
    ],
)
def test_a_child_gets_the_level_of_its_age(age: int, level: Level) -> None:
    """§ 23 Nr. 1, § 20 Abs. 2 S. 2 SGB II: level 3 for 18–24 living with parents."""
    kid = child("kid", age)
    assert level_of(kid, household(adult(), kid), JUNE_2026) is level


def test_a_child_aged_25_is_no_longer_part_of_the_household() -> None:
    """§ 7 Abs. 3 Nr. 4 SGB II: children belong until they turn 25."""
    kid = child("kid", 25)
    with pytest.raises(InvalidHousehold):
        level_of(kid, household(adult(), kid), JUNE_2026)


def test_a_household_needs_exactly_one_adult() -> None:
    """§ 7 Abs. 3 Nr. 1 SGB II: the household is built around an employable person."""
    with pytest.raises(InvalidHousehold):
        household(child("kid", 4))

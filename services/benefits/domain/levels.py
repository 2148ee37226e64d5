"""Which Regelbedarfsstufe a member has in a month (§ 20 Abs. 2–4, § 23 Nr. 1 SGB II)."""

from __future__ import annotations

from datetime import date

from services.benefits.domain.errors import InvalidHousehold
from services.benefits.domain.model import Household, Member, Role
from services.benefits.domain.rules.standard_need import Level

ADULT_AGE = 18
CHILD_AGE_LIMIT = 25  # § 7 Abs. 3 Nr. 4: children belong to the household until they turn 25


def age_on(birth_date: date, on: date) -> int:
    """Completed years on `on`; a year is completed on the birthday (§ 187 Abs. 2 S. 2 BGB)."""
    had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (0 if had_birthday else 1)


def child_level(age: int) -> Level:
    if age < 6:
        return Level.AGE_0_TO_5
    if age < 14:
        return Level.AGE_6_TO_13
    if age < ADULT_AGE:
        return Level.AGE_14_TO_17
    if age < CHILD_AGE_LIMIT:
        return Level.OTHER_ADULT
    raise InvalidHousehold(f"a child aged {age} is not part of the household (§ 7 Abs. 3 Nr. 4)")


def level_of(member: Member, household: Household, on: date) -> Level:
    """Ages are taken on `on` (the first day of the month): a birthday changes the level next month."""
    if member.role is Role.CHILD:
        return child_level(age_on(member.birth_date, on))
    other = household.partner if member.role is Role.ADULT else household.adult
    if other is None:
        return Level.SINGLE  # alone or single parent, § 20 Abs. 2 S. 1
    own_adult = age_on(member.birth_date, on) >= ADULT_AGE
    other_adult = age_on(other.birth_date, on) >= ADULT_AGE
    if own_adult and other_adult:
        return Level.PARTNER  # § 20 Abs. 4
    return Level.SINGLE if own_adult else Level.AGE_14_TO_17  # minor partner, § 20 Abs. 2


def minor_children_ages(household: Household, on: date) -> list[int]:
    ages = (age_on(child.birth_date, on) for child in household.children)
    return [age for age in ages if age < ADULT_AGE]

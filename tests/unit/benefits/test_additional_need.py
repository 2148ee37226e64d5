"""Mehrbedarfe (§ 21 SGB II) with the 60 % cap of Abs. 3 and the cap of Abs. 8."""

from __future__ import annotations

from decimal import Decimal

import pytest

from services.benefits.domain import ItemKind, Level
from services.benefits.domain.additional_need import additional_needs, single_parent_percent
from services.benefits.domain.model import Household, Member

from .builders import JUNE_2026, adult, child, eur, flat, household, partner


def _amounts(member: Member, h: Household, level: Level) -> list[Decimal]:
    return [item.amount for item in additional_needs(member, h, level, JUNE_2026)]


def _single_parent_with(*ages: int) -> tuple[Member, Household]:
    parent = adult(single_parent=True)
    return parent, household(parent, *(child(f"c{i}", age) for i, age in enumerate(ages)))


@pytest.mark.parametrize(
    ("ages", "percent", "amount"),
    [
        ((3,), 36, "202.68"),  # one child under 7: Nr. 1
        ((10,), 12, "67.56"),  # one child of 10: Nr. 2 only
        ((8, 10), 36, "202.68"),  # two children under 16: Nr. 1
        ((16, 17), 24, "135.12"),  # two minors, not under 16: Nr. 2
        ((2, 4, 9), 36, "202.68"),  # Nr. 1 and Nr. 2 both 36 %
        ((2, 4, 9, 12), 48, "270.24"),  # four children: 12 % each is more
        ((1, 2, 4, 9, 12), 60, "337.80"),  # five children: 60 %
        ((1, 2, 3, 4, 9, 12), 60, "337.80"),  # six children: still at most 60 %
    ],
)
def test_single_parent_additional_need_follows_section_21_abs_3(
    ages: tuple[int, ...], percent: int, amount: str
) -> None:
    """§ 21 Abs. 3 Nr. 1 and 2 SGB II: 36 % or 12 % per child if more, at most 60 % of level 1."""
    parent, h = _single_parent_with(*ages)
    assert single_parent_percent(list(ages), JUNE_2026) == percent
    assert _amounts(parent, h, Level.SINGLE) == [eur(amount)]


def test_a_single_parent_of_an_adult_child_only_gets_no_single_parent_need() -> None:
    """§ 21 Abs. 3 SGB II: only minor children count."""
    parent, h = _single_parent_with(19)
    assert _amounts(parent, h, Level.SINGLE) == []


def test_pregnancy_after_week_12_adds_17_percent_of_the_own_standard_need() -> None:
    """§ 21 Abs. 2 SGB II: 17 % of the person's Regelbedarf (level 2: 506 → 86.02)."""
    p = partner(pregnant_after_week_12=True)
    assert _amounts(p, household(adult(), p), Level.PARTNER) == [eur("86.02")]


def test_disability_with_participation_benefits_adds_35_percent() -> None:
    """§ 21 Abs. 4 SGB II: 35 % of 563 = 197.05."""
    a = adult(disability_participation=True)
    assert _amounts(a, household(a), Level.SINGLE) == [eur("197.05")]


def test_additional_needs_below_the_standard_need_are_not_capped() -> None:
    """§ 21 Abs. 8 SGB II: 95.71 + 197.05 stays below 563."""
    a = adult(pregnant_after_week_12=True, disability_participation=True)
    assert _amounts(a, household(a), Level.SINGLE) == [eur("95.71"), eur("197.05")]


def test_additional_needs_of_abs_2_to_5_together_never_exceed_the_standard_need() -> None:
    """§ 21 Abs. 8 SGB II: 95.71 + 337.80 + 197.05 = 630.56 is capped at 563."""
    parent = adult(single_parent=True, pregnant_after_week_12=True, disability_participation=True)
    h = household(parent, *(child(f"c{i}", age) for i, age in enumerate((1, 2, 4, 9, 12))))
    items = additional_needs(parent, h, Level.SINGLE, JUNE_2026)
    assert items[-1].kind is ItemKind.ADDITIONAL_NEED_CAP and items[-1].amount == eur("-67.56")
    assert sum(item.amount for item in items) == eur(563)


def test_hot_water_is_outside_the_abs_8_cap() -> None:
    """§ 21 Abs. 7 and 8 SGB II: the cap covers Abs. 2–5 only; 563 + 12.95 hot water."""
    parent = adult(single_parent=True, pregnant_after_week_12=True, disability_participation=True)
    kids = (child(f"c{i}", age) for i, age in enumerate((1, 2, 4, 9, 12)))
    h = household(parent, *kids, housing=flat(decentral_hot_water=True))
    assert sum(_amounts(parent, h, Level.SINGLE)) == eur("575.95")


@pytest.mark.parametrize(
    ("level", "amount"),
    [
        (Level.SINGLE, "12.95"),
        (Level.PARTNER, "11.64"),
        (Level.OTHER_ADULT, "10.37"),
        (Level.AGE_14_TO_17, "6.59"),
        (Level.AGE_6_TO_13, "4.68"),
        (Level.AGE_0_TO_5, "2.86"),
    ],
)
def test_decentral_hot_water_adds_the_percentage_of_the_level(level: Level, amount: str) -> None:
    """§ 21 Abs. 7 S. 2 SGB II: 2.3 % (levels 1–3), 1.4 % (14–17), 1.2 % (6–13), 0.8 % (0–5)."""
    a = adult()
    h = household(a, housing=flat(decentral_hot_water=True))
    assert _amounts(a, h, level) == [eur(amount)]


def test_without_decentral_hot_water_there_is_no_hot_water_need() -> None:
    """§ 21 Abs. 7 S. 1 SGB II: central hot water is part of the heating costs (§ 22)."""
    a = adult()
    assert _amounts(a, household(a), Level.SINGLE) == []

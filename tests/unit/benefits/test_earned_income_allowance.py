"""The § 11b SGB II allowance on gross pay, at the edges of its bands, and the Zuflussprinzip."""

from __future__ import annotations

from datetime import date

import pytest

from services.benefits.domain import NoRuleForDate, compute_entitlement, earned_income_allowance
from services.benefits.domain.income import own_income_items

from .builders import JULY_2026, JUNE_2026, adult, eur, household, other, pay


@pytest.mark.parametrize(
    ("gross", "without_child", "with_minor_child"),
    [
        (0, "0", "0"),
        (50, "50", "50"),  # the basic amount never exceeds the pay
        (100, "100", "100"),
        (520, "184", "184"),  # 100 + 20 % of 420
        (1000, "328", "328"),  # + 30 % of 480
        (1200, "348", "348"),  # + 10 % of 200
        (1500, "348", "378"),  # the 10 % band ends at 1,500 with a minor child
        (2000, "348", "378"),
    ],
)
def test_allowance_follows_the_bands_of_section_11b(gross: int, without_child: str, with_minor_child: str) -> None:
    """§ 11b Abs. 2 S. 1 and Abs. 3 SGB II."""
    assert earned_income_allowance(eur(gross), JUNE_2026) == eur(without_child)
    assert earned_income_allowance(eur(gross), JUNE_2026, with_minor_child=True) == eur(with_minor_child)


@pytest.mark.parametrize(
    ("gross", "allowance"),
    [(0, "0"), (100, "100"), (520, "520"), (603, "603"), (700, "657"), (1000, "747"), (1200, "767")],
)
def test_an_under_25_trainee_keeps_up_to_the_minijob_limit_and_skips_the_20_percent_band(
    gross: int, allowance: str
) -> None:
    """§ 11b Abs. 2b and Abs. 3 S. 3 SGB II: basic amount 603 EUR in 2026, no 20 % band, capped at gross."""
    assert earned_income_allowance(eur(gross), JUNE_2026, trainee=True) == eur(allowance)


@pytest.mark.parametrize(("year", "allowance"), [(2023, "664"), (2024, "682"), (2025, "700"), (2026, "747")])
def test_the_trainee_basic_amount_is_the_minijob_limit_of_the_year(year: int, allowance: str) -> None:
    """§ 11b Abs. 2b SGB II with § 8 Abs. 1a SGB IV: 520/538/556/603 + 30 % of 480 at 1,000 gross."""
    assert earned_income_allowance(eur(1000), date(year, 9, 1), trainee=True) == eur(allowance)


def test_before_july_2023_the_20_percent_band_ran_to_1000() -> None:
    """§ 11b Abs. 3 SGB II i.d.F. bis 30.06.2023: 100 + 20 % of 900 + 10 % of 200."""
    assert earned_income_allowance(eur(1200), date(2023, 6, 1)) == eur(300)
    assert earned_income_allowance(eur(1200), date(2023, 7, 1)) == eur(348)


def test_the_trainee_rule_before_july_2023_is_not_known_and_is_not_guessed() -> None:
    """§ 11b Abs. 2b SGB II exists from 2023-07-01 only."""
    with pytest.raises(NoRuleForDate):
        earned_income_allowance(eur(500), date(2023, 6, 1), trainee=True)


def test_a_trainee_aged_25_gets_the_normal_allowance() -> None:
    """§ 11b Abs. 2b SGB II: "das 25. Lebensjahr noch nicht vollendet"."""
    person = adult(age=25, under_25_in_training=True, earned_income=(pay(600, 480),))
    items = own_income_items(person, household(person), JUNE_2026)
    assert sum(item.amount for item in items) == eur(480) - eur(100) - eur(84) - eur(24)


def test_counted_income_is_net_pay_minus_the_allowance_on_gross() -> None:
    """§ 11 Abs. 1, § 11b Abs. 1 S. 1 Nr. 1, 2, 6 SGB II: 800 net − 328 allowance on 1,000 gross."""
    person = adult(earned_income=(pay(1000, 800),))
    assert sum(item.amount for item in own_income_items(person, household(person), JUNE_2026)) == eur(472)


def test_an_allowance_above_net_pay_does_not_eat_into_other_income() -> None:
    """§ 11b Abs. 1 SGB II: deductions come off the earned income only (net 90 < allowance 100)."""
    person = adult(earned_income=(pay(100, 90),), other_income=(other(200),))
    assert sum(item.amount for item in own_income_items(person, household(person), JUNE_2026)) == eur(200)


def test_pay_counts_in_the_month_it_flows_in() -> None:
    """§ 11 Abs. 2 SGB II (Zuflussprinzip): June's wage paid on 3 July counts in July, not June."""
    person = adult(earned_income=(pay(1000, 800, inflow=date(2026, 7, 3)),))
    h = household(person)
    assert compute_entitlement(h, JUNE_2026).entitlement == eur(1043)
    assert compute_entitlement(h, JULY_2026).entitlement == eur(571)


def test_two_wages_flowing_in_the_same_month_share_one_allowance() -> None:
    """§ 11b Abs. 3 SGB II: the bands apply to the month's earned income as a whole (328, not 2 × 184)."""
    person = adult(earned_income=(pay(500, 500, inflow=date(2026, 6, 1)), pay(500, 500, inflow=date(2026, 6, 30))))
    assert sum(item.amount for item in own_income_items(person, household(person), JUNE_2026)) == eur(1000 - 328)

"""The statutory figures, as tables from the law, looked up by the date they apply to."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.benefits.domain import Figure, Level, NoRuleForDate
from services.benefits.domain.rules.child_benefit import CHILD_BENEFIT
from services.benefits.domain.rules.figure import Provision
from services.benefits.domain.rules.income import MINIJOB_LIMIT
from services.benefits.domain.rules.procedure import APPROVAL_PERIOD, RECOVERY_THRESHOLD
from services.benefits.domain.rules.standard_need import CHILD_SUPPLEMENT, STANDARD_NEED

REGELBEDARF = {
    2023: (502, 451, 402, 420, 348, 318),
    2024: (563, 506, 451, 471, 390, 357),
    2025: (563, 506, 451, 471, 390, 357),
    2026: (563, 506, 451, 471, 390, 357),
}


@pytest.mark.parametrize(
    ("year", "level", "amount"),
    [
        (year, level, amount)
        for year, amounts in REGELBEDARF.items()
        for level, amount in zip(Level, amounts, strict=True)
    ],
)
def test_standard_need_per_level_and_year_follows_section_20(year: int, level: Level, amount: int) -> None:
    """§ 20 Abs. 1a, 2, 4 and § 23 Nr. 1 SGB II with the RBSFV of the year."""
    for month in (1, 6, 7, 12):
        assert STANDARD_NEED.value_at(date(year, month, 1))[level] == Decimal(amount)


def test_each_standard_need_figure_names_its_paragraph() -> None:
    """§ 20 Abs. 1a SGB II: the figure comes from the RBSFV of the year."""
    assert STANDARD_NEED.at(date(2024, 3, 1)).source == "§ 20 Abs. 1a SGB II i.V.m. RBSFV 2024"


@pytest.mark.parametrize(
    ("on", "amount"),
    [(date(2023, 1, 1), 20), (date(2024, 12, 1), 20), (date(2025, 1, 1), 25), (date(2026, 12, 1), 25)],
)
def test_child_supplement_is_20_until_2024_and_25_from_2025_under_section_72(on: date, amount: int) -> None:
    """§ 72 Abs. 1 SGB II (Sofortzuschlag)."""
    assert CHILD_SUPPLEMENT.value_at(on) == amount


@pytest.mark.parametrize(("year", "amount"), [(2023, 250), (2024, 250), (2025, 255), (2026, 259)])
def test_child_benefit_per_year_is_the_kindergeld_of_that_year(year: int, amount: int) -> None:
    """Kindergeld counted under § 11 Abs. 1 S. 5 SGB II (amount from § 66 EStG)."""
    assert CHILD_BENEFIT.value_at(date(year, 6, 1)) == amount


@pytest.mark.parametrize(("year", "amount"), [(2023, 520), (2024, 538), (2025, 556), (2026, 603)])
def test_minijob_limit_per_year_is_the_section_8_sgb_iv_figure(year: int, amount: int) -> None:
    """§ 11b Abs. 2b SGB II refers to § 8 Abs. 1a SGB IV."""
    assert MINIJOB_LIMIT.value_at(date(year, 6, 1)) == amount


def test_approval_period_lengths_are_twelve_and_six_months_under_section_41() -> None:
    """§ 41 Abs. 3 SGB II."""
    lengths = APPROVAL_PERIOD.value_at(date(2026, 7, 1))
    assert (lengths.regular_months, lengths.shortened_months) == (12, 6)


def test_recovery_threshold_is_50_eur_under_section_40() -> None:
    """§ 40 Abs. 1 S. 3 SGB II."""
    assert RECOVERY_THRESHOLD.value_at(date(2026, 8, 1)) == 50


@pytest.mark.parametrize("rule", [STANDARD_NEED, CHILD_BENEFIT, MINIJOB_LIMIT])
def test_a_year_without_published_figures_raises_no_rule_for_date(rule: Provision[object]) -> None:
    """§ 20 Abs. 1a SGB II: each year's figures must be published; we never guess them."""
    with pytest.raises(NoRuleForDate) as error:
        rule.at(date(2027, 1, 1))
    assert error.value.on == date(2027, 1, 1)
    assert rule.name in str(error.value) and "2027-01-01" in str(error.value)


def test_a_date_before_the_tables_raises_no_rule_for_date() -> None:
    """§ 20 Abs. 1a SGB II: figures before 2023 are not in the tables."""
    with pytest.raises(NoRuleForDate):
        STANDARD_NEED.at(date(2022, 12, 31))


def test_a_figure_applies_on_its_first_and_last_day_only() -> None:
    """Validity ranges are inclusive at both ends (rule tables keyed by validity date)."""
    figure = Figure(1, date(2026, 1, 1), date(2026, 6, 30), "test")
    assert figure.applies_on(date(2026, 1, 1)) and figure.applies_on(date(2026, 6, 30))
    assert not figure.applies_on(date(2025, 12, 31)) and not figure.applies_on(date(2026, 7, 1))

"""The breakdowns: office, sex (§ 3 S. 3 "geschlechtsspezifisch"), programme and target group select people."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

from services.reporting.domain.facts import NeedyMonth
from services.reporting.domain.figures import compute_figures
from tests.unit.reporting.builders import MARCH_2026, Town, by_key, months_before

M = MARCH_2026
TWELVE = months_before(M, 12)


def _town() -> Town:
    """Plön: 3 women (one integrates), 1 man (integrates); Preetz: 4 men in the u25 programme, none integrates."""
    town = Town()
    women = town.elb(3, TWELVE, office="plon", sex="female", groups=frozenset({"single_parent"}))
    man = town.elb(1, TWELVE, office="plon", sex="male")
    town.elb(4, TWELVE, office="preetz", sex="male", programme="u25", groups=frozenset({"youth_under_25"}))
    town.starts_job(women[0], date(2025, 6, 1))
    town.starts_job(man[0], date(2025, 7, 1))
    return town


def test_k2_by_office_reads_only_that_office_s_people() -> None:
    """§ 5 Abs. 1 for Plön: 2 integrations ÷ 4 = 50 %; for Preetz 0 ÷ 4."""
    district = _town().district()
    assert by_key(compute_figures(district, M, office_id="plon"))["K2"].value == Decimal("50.0")
    preetz = by_key(compute_figures(district, M, office_id="preetz"))["K2"]
    assert (preetz.numerator, preetz.denominator) == (Decimal(0), Decimal(4))


def test_k2_by_sex_is_shown_for_women_and_men_apart() -> None:
    """§ 3 S. 3 with § 5 Abs. 1: women 1 ÷ 3 = 33.3 %; men 1 ÷ 5 = 20 %."""
    district = _town().district()
    women = by_key(compute_figures(district, M, sex="female"))["K2"]
    men = by_key(compute_figures(district, M, sex="male"))["K2"]
    assert (women.numerator, women.denominator, women.value) == (Decimal(1), Decimal(3), Decimal("33.3"))
    assert (men.numerator, men.denominator, men.value) == (Decimal(1), Decimal(5), Decimal("20.0"))


def test_k2_by_programme_and_by_target_group() -> None:
    """§ 5 Abs. 1 for the u25 programme (0 ÷ 4) and for the target group single_parent (1 ÷ 3)."""
    district = _town().district()
    assert by_key(compute_figures(district, M, programme_id="u25"))["K2"].denominator == Decimal(4)
    single = by_key(compute_figures(district, M, target_group="single_parent"))["K2"]
    assert (single.numerator, single.denominator) == (Decimal(1), Decimal(3))


def test_facts_of_a_client_nobody_registered_are_left_out() -> None:
    """Without a Person nothing says which office or sex the need belongs to: 8 people, not 9."""
    town = _town()
    town.needy += [NeedyMonth(uuid4(), uuid4(), M)]
    assert by_key(compute_figures(town.district(), M))["K1E2"].numerator == Decimal(8)


def test_a_day_inside_the_month_means_that_month() -> None:
    """The Bezugsmonat is a month: 15 March 2026 gives the figures of March 2026."""
    district = _town().district()
    assert compute_figures(district, date(2026, 3, 15)) == compute_figures(district, M)

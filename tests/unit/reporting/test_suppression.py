"""Small groups of a breakdown are shown as "*" (the BA statistics' rule: counts of 1 or 2, and what reveals them)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.reporting.domain.figures import compute_figures
from services.reporting.domain.quotient import Figure, Part
from services.reporting.domain.suppression import Suppressed, reveals_few, suppress
from tests.unit.reporting.builders import MARCH_2026, Town, months_before

M = MARCH_2026


def _figure(key: str, numerator: int, denominator: int, *parts: tuple[int, int]) -> Figure:
    shown = tuple(Part(M, Decimal(n), Decimal(d)) for n, d in parts)
    return Figure(key, key, "§", M, Decimal(numerator), Decimal(denominator), None, parts=shown)


def _hidden(groups: list[tuple[str, list[Figure]]]) -> dict[str, set[str]]:
    return {value: {f.key for f in figures if isinstance(f, Suppressed)} for value, figures in suppress(groups)}


def test_a_numerator_of_one_or_two_is_suppressed_and_zero_is_shown() -> None:
    assert reveals_few(_figure("K2", 1, 40)) and reveals_few(_figure("K2", 2, 40))
    assert not reveals_few(_figure("K2", 0, 40)) and not reveals_few(_figure("K2", 3, 40))


def test_a_denominator_below_three_is_suppressed_and_an_empty_one_is_not() -> None:
    assert reveals_few(_figure("K2E4", 0, 2)) and not reveals_few(_figure("K2E4", 0, 0))


def test_an_average_of_rates_is_judged_by_the_months_it_shows_not_by_its_month_count() -> None:
    """K1E3's numerator is a sum of rates and its denominator 12 months; one month with 2 entries reveals them."""
    assert not reveals_few(_figure("K1E3", 0, 12, (5, 40), (4, 41)))
    assert reveals_few(_figure("K1E3", 0, 12, (5, 40), (2, 41)))


def test_one_small_group_takes_the_next_smallest_with_it_so_the_total_does_not_give_it_away() -> None:
    """Women 2 of 30, men 10 of 50, diverse 4 of 20: the total minus men and diverse would be the women's 2."""
    groups = [
        ("female", [_figure("K2", 2, 30)]),
        ("male", [_figure("K2", 10, 50)]),
        ("diverse", [_figure("K2", 4, 20)]),
    ]
    assert _hidden(groups) == {"female": {"K2"}, "male": set(), "diverse": {"K2"}}


def test_two_small_groups_need_no_third() -> None:
    groups = [("a", [_figure("K2", 1, 30)]), ("b", [_figure("K2", 2, 30)]), ("c", [_figure("K2", 9, 30)])]
    assert _hidden(groups) == {"a": {"K2"}, "b": {"K2"}, "c": set()}


def test_the_secondary_pick_prefers_a_group_that_counts_somebody() -> None:
    """An empty group hides nothing: the second suppression falls on the smallest group with people."""
    groups = [("a", [_figure("K2", 1, 30)]), ("none", [_figure("K2", 0, 0)]), ("c", [_figure("K2", 9, 60)])]
    assert _hidden(groups) == {"a": {"K2"}, "none": set(), "c": {"K2"}}


def test_a_sum_of_money_is_suppressed_with_the_people_it_is_paid_to() -> None:
    """K1 (euros) follows K1E2: an office with 2 ELB shows neither its ELB change nor its benefit sums."""
    small = [_figure("K1", 900, 800), _figure("K1E1", 500, 500), _figure("K1E2", 2, 2)]
    large = [_figure("K1", 90_000, 80_000), _figure("K1E1", 50_000, 50_000), _figure("K1E2", 200, 190)]
    other = [_figure("K1", 60_000, 60_000), _figure("K1E1", 40_000, 40_000), _figure("K1E2", 150, 150)]
    hidden = _hidden([("small", small), ("large", large), ("other", other)])
    assert hidden["small"] == {"K1", "K1E1", "K1E2"}
    assert hidden["large"] == set() and hidden["other"] == {"K1", "K1E1", "K1E2"}


def test_a_suppressed_figure_keeps_what_it_is_but_no_numbers() -> None:
    ((_, (shown, _other)),) = suppress([("a", [_figure("K2", 1, 30), _figure("K2E1", 5, 30)])])
    assert shown == Suppressed("K2", "K2", "§", M)
    assert not hasattr(shown, "numerator")


def test_the_sex_breakdown_of_a_small_town_suppresses_what_would_name_the_one_integrated_man() -> None:
    """Women: 1 of 3 integrated; the one man: 1 of 1. Both K2 cells are 1s, so both are "*". The man's ELB count
    (K1E2: 1) is "*" as well, and so the women's 3, which the total of 4 minus it would give away."""
    town = Town()
    months = months_before(M, 12)
    women = town.elb(3, months, office="plon", sex="female")
    man = town.elb(1, months, office="plon", sex="male")
    town.starts_job(women[0], date(2025, 6, 1))
    town.starts_job(man[0], date(2025, 7, 1))
    district = town.district()
    groups = [(sex, compute_figures(district, M, sex=sex)) for sex in ("female", "male")]
    shown = dict(suppress(groups))
    assert isinstance(next(f for f in shown["female"] if f.key == "K2"), Suppressed)
    assert isinstance(next(f for f in shown["male"] if f.key == "K2"), Suppressed)
    assert all(isinstance(next(f for f in shown[s] if f.key == "K1E2"), Suppressed) for s in ("female", "male"))

"""Gelsenkirchen's savings counted against the programme's cost, and the caseload against the ratio (§ 44c
Abs. 4 SGB II), on a small synthetic district, month March 2026."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.reporting.domain.months import add_months
from services.reporting.domain.yardsticks import caseload, programme_savings
from tests.unit.reporting.builders import MARCH_2026, Town, months_before

M = MARCH_2026
JOBOFFENSIVE = "joboffensive"


def test_savings_are_the_fall_in_the_households_benefits_over_n_months_after_the_end_against_the_cost() -> None:
    """N = 3, cost 60 € per place and month. A (April … September 2025, 6 months) got 1,000 € in April 2025 and
    nothing after September: saves 3 × 1,000 = 3,000 €. B (July … November 2025, 5 months) got 800 € in July,
    500 € in each of December, January, February: saves 3 × 300 = 900 €. Cost: (6 + 5) × 60 = 660 €.
    3,900 ÷ 660 = 590.9 %."""
    town = Town()
    a, b = town.person(), town.person()
    home_a = town.needy_in(a, months_before(M, 24))
    home_b = town.needy_in(b, months_before(M, 24))
    town.joins(a, JOBOFFENSIVE, date(2025, 4, 1), date(2025, 9, 30))
    town.joins(b, JOBOFFENSIVE, date(2025, 7, 1), date(2025, 11, 30))
    town.paid(date(2025, 4, 1), "600", "400", household=home_a)
    town.paid(date(2025, 7, 1), "500", "300", household=home_b)
    for month in (date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)):
        town.paid(month, "300", "200", household=home_b)
    savings = programme_savings(town.district(), JOBOFFENSIVE, M, cost_per_place_month=Decimal(60), after_months=3)
    assert (savings.numerator, savings.denominator, savings.value) == (Decimal(3900), Decimal(660), Decimal("590.9"))
    assert savings.target == Decimal(100)


def test_a_household_whose_benefits_rise_after_the_programme_saves_a_negative_amount() -> None:
    """N = 2: 400 € at the start, 500 € in each of the two months after the end: −200 € against 2 × 50 €."""
    town = Town()
    a = town.person()
    home = town.needy_in(a, months_before(M, 24))
    town.joins(a, JOBOFFENSIVE, date(2025, 9, 1), date(2025, 10, 31))
    town.paid(date(2025, 9, 1), "400", "0", household=home)
    town.paid(date(2025, 11, 1), "500", "0", household=home)
    town.paid(date(2025, 12, 1), "500", "0", household=home)
    savings = programme_savings(town.district(), JOBOFFENSIVE, M, cost_per_place_month=Decimal(50), after_months=2)
    assert (savings.numerator, savings.denominator, savings.value) == (Decimal(-200), Decimal(100), Decimal(-200))


def test_two_participants_of_one_household_save_its_benefits_once_but_both_places_cost() -> None:
    """One household, 900 € at the start and nothing after: N = 1 saves 900 € once; 2 places × 3 months × 100 €."""
    town = Town()
    a, b = town.person(), town.person()
    home = town.needy_in(a, months_before(M, 24))
    town.needy_in(b, months_before(M, 24), household_id=home)
    for client in (a, b):
        town.joins(client, JOBOFFENSIVE, date(2025, 6, 1), date(2025, 8, 31))
    town.paid(date(2025, 6, 1), "700", "200", household=home)
    savings = programme_savings(town.district(), JOBOFFENSIVE, M, cost_per_place_month=Decimal(100), after_months=1)
    assert (savings.numerator, savings.denominator) == (Decimal(900), Decimal(600))


def test_savings_count_only_ends_whose_n_months_are_over_and_only_that_programme() -> None:
    """N = 3 in March 2026: an end in January 2026 is not countable yet; another programme's never. 0 ÷ 0."""
    town = Town()
    a, b = town.person(), town.person()
    town.needy_in(a, months_before(M, 24))
    town.needy_in(b, months_before(M, 24))
    town.joins(a, JOBOFFENSIVE, date(2025, 10, 1), date(2026, 1, 31))
    town.joins(b, "standard", date(2025, 1, 1), date(2025, 6, 30))
    savings = programme_savings(town.district(), JOBOFFENSIVE, M, cost_per_place_month=Decimal(60), after_months=3)
    assert (savings.numerator, savings.denominator, savings.value) == (Decimal(0), Decimal(0), None)


def test_caseload_is_the_participants_of_the_month_over_case_managers_times_the_ratio() -> None:
    """Joboffensive 1:100 (seed 003) with 1 case manager: 3 participants in March (one ended in February, one
    starts in April, neither counts) ÷ 100 = 3.0 %; 2 case managers at 1:1 → 3 ÷ 2 = 150 %, over the ratio."""
    town = Town()
    clients = town.elb(5, months_before(M, 24))
    for client in clients[:3]:
        town.joins(client, JOBOFFENSIVE, date(2025, 11, 1), None)
    town.joins(clients[3], JOBOFFENSIVE, date(2025, 11, 1), date(2026, 2, 28))
    town.joins(clients[4], JOBOFFENSIVE, add_months(M, 1), None)
    load = caseload(town.district(), JOBOFFENSIVE, M, case_managers=1, clients_per_case_manager=100)
    assert (load.numerator, load.denominator, load.value, load.target) == (
        Decimal(3),
        Decimal(100),
        Decimal("3.0"),
        Decimal(100),
    )
    tight = caseload(town.district(), JOBOFFENSIVE, M, case_managers=2, clients_per_case_manager=1)
    assert tight.value == Decimal(150)


def test_caseload_counts_only_the_office_s_participants() -> None:
    town = Town()
    here = town.person(office="plon")
    there = town.person(office="celle")
    for client in (here, there):
        town.joins(client, JOBOFFENSIVE, date(2026, 1, 1), None)
    load = caseload(town.district(), JOBOFFENSIVE, M, case_managers=1, clients_per_case_manager=100, office_id="celle")
    assert (load.numerator, load.denominator) == (Decimal(1), Decimal(100))

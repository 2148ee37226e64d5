"""The seeds' yardsticks on a small synthetic district, month March 2026."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.reporting.domain.yardsticks import (
    apprenticeship_placement,
    contact_density,
    programme_integrations,
    programme_success,
)
from tests.unit.reporting.builders import MARCH_2026, Town, by_key, months_before

M = MARCH_2026
WETZLAR = "gemeinsam_in_wetzlar"


def test_programme_success_counts_participants_in_insured_work_within_n_months_of_the_end() -> None:
    """Seed 004, N = 3, March 2026: ends of January … December 2025 are countable (their three months are
    over). A ends in May 2025 and is insured in August (the 3rd month after): success. B ends in June 2025 and
    is insured only in October (the 4th): none. C ends in December 2025, insured that month: success. D ends in
    January 2026: its three months are not over, in neither sum. E still participates. 2 ÷ 3 = 66.7 %."""
    town = Town()
    a, b, c, d, e = town.elb(5, months_before(M, 24), programme=WETZLAR)
    town.joins(a, WETZLAR, date(2024, 9, 1), date(2025, 5, 31))
    town.insured_in(a, [date(2025, 8, 1)])
    town.joins(b, WETZLAR, date(2024, 10, 1), date(2025, 6, 30))
    town.insured_in(b, [date(2025, 10, 1)])
    town.joins(c, WETZLAR, date(2025, 4, 1), date(2025, 12, 31))
    town.starts_job(c, date(2025, 12, 15))
    town.joins(d, WETZLAR, date(2025, 5, 1), date(2026, 1, 31))
    town.insured_in(d, [date(2026, 2, 1)])
    town.joins(e, WETZLAR, date(2025, 9, 1), None)
    success = programme_success(town.district(), WETZLAR, M, within_months=3)
    assert (success.numerator, success.denominator, success.value) == (Decimal(2), Decimal(3), Decimal("66.7"))
    assert success.target == Decimal(90)


def test_programme_success_reads_only_that_programme_s_spells() -> None:
    """Another programme's participant in work does not count for Wetzlar: 0 ÷ 1."""
    town = Town()
    a, b = town.elb(2, months_before(M, 24))
    town.joins(a, WETZLAR, date(2025, 1, 1), date(2025, 6, 30))
    town.joins(b, "joboffensive", date(2025, 1, 1), date(2025, 6, 30))
    town.insured_in(b, [date(2025, 7, 1)])
    success = programme_success(town.district(), WETZLAR, M, within_months=3)
    assert (success.numerator, success.denominator) == (Decimal(0), Decimal(1))


def test_programme_integrations_count_only_integrations_during_participation() -> None:
    """§ 5 Abs. 1 per programme: four ELB who join in January 2025; A integrates in its last programme month
    (June 2025, counts), B after leaving (September 2025, not). Participating ELB over April 2025 … March 2026:
    A 3 months, B 5, C and D 12 each: 32 ÷ 12. 1 ÷ (32/12) = 37.5 %. Sustained (§ 5 Abs. 2 Nr. 3): A insured
    July … December: 1 ÷ 1."""
    town = Town()
    a, b, c, d = town.elb(4, months_before(M, 24))
    town.joins(a, "joboffensive", date(2025, 1, 1), date(2025, 6, 20))
    town.joins(b, "joboffensive", date(2025, 1, 1), date(2025, 8, 31))
    town.joins(c, "joboffensive", date(2025, 1, 1), None)
    town.joins(d, "joboffensive", date(2025, 1, 1), None)
    town.starts_job(a, date(2025, 6, 16))
    town.insured_in(a, months_before(date(2025, 12, 1), 6))
    town.starts_job(b, date(2025, 9, 1))
    figures = by_key(programme_integrations(town.district(), "joboffensive", M))
    integrations = figures["programme_integrations"]
    assert integrations.numerator == Decimal(1)
    assert integrations.denominator == Decimal("2.666667")
    assert integrations.value == Decimal("37.5")
    sustained = figures["programme_sustained"]
    assert (sustained.numerator, sustained.denominator, sustained.value) == (Decimal(1), Decimal(1), Decimal("100.0"))


def test_contact_density_weighs_the_month_s_contacts_against_four_per_participant() -> None:
    """Seed 003: three participants in March 2026 with 4, 2 and 0 contacts; a former participant's 5 contacts
    do not count. 6 ÷ (3 × 4) = 50 % of the target."""
    town = Town()
    a, b, c, gone = town.elb(4, [M])
    for client_id in (a, b, c):
        town.joins(client_id, "joboffensive", date(2026, 1, 1), None)
    town.joins(gone, "joboffensive", date(2025, 6, 1), date(2026, 2, 28))
    town.contacted(a, M, 4)
    town.contacted(b, M, 2)
    town.contacted(a, date(2026, 2, 1), 3)
    town.contacted(gone, M, 5)
    density = contact_density(town.district(), "joboffensive", M, target_per_month=4)
    assert (density.numerator, density.denominator, density.value) == (Decimal(6), Decimal(12), Decimal("50.0"))


def test_contact_density_without_participants_has_no_value() -> None:
    density = contact_density(Town().district(), "joboffensive", M, target_per_month=4)
    assert (density.denominator, density.value) == (Decimal(0), None)


def test_apprenticeship_placement_counts_seekers_who_took_up_an_apprenticeship() -> None:
    """Seed 002 (one in three): six young seekers ELB in the twelve months; two start an apprenticeship, one an
    insured job (not an apprenticeship); an older client's apprenticeship does not count. 2 ÷ 6 = 33.3 %."""
    town = Town()
    young = town.elb(6, months_before(M, 12), groups=frozenset({"youth_under_25"}))
    (older,) = town.elb(1, months_before(M, 12))
    town.starts_job(young[0], date(2025, 8, 1), "apprenticeship")
    town.starts_job(young[1], date(2025, 9, 1), "apprenticeship")
    town.starts_job(young[2], date(2025, 9, 1), "insured")
    town.starts_job(older, date(2025, 8, 1), "apprenticeship")
    rate = apprenticeship_placement(town.district(), M, seeker_group="youth_under_25")
    assert (rate.numerator, rate.denominator, rate.value, rate.target) == (
        Decimal(2),
        Decimal(6),
        Decimal("33.3"),
        Decimal("33.3"),
    )

"""§ 5 Kennzahlen-Verordnung (K2 … K2E4) on a small synthetic district, Bezugsmonat March 2026.

"Die vergangenen zwölf Monate" are April 2025 … March 2026.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.reporting.domain.figures import compute_figures
from tests.unit.reporting.builders import MARCH_2026, Town, by_key, months_before

M = MARCH_2026
TWELVE = months_before(M, 12)


def test_k2_sums_twelve_months_of_integrations_over_the_average_stock() -> None:
    """§ 5 Abs. 1: ten ELB throughout; an insured job (June 2025), an apprenticeship (January 2026) and a
    self-employment (March 2026) are 3 integrations; one in March 2025 is outside the window. 3 ÷ 10 = 30 %."""
    town = Town()
    a, b, c, d, *_ = town.elb(10, months_before(M, 13))
    town.starts_job(a, date(2025, 6, 15), "insured")
    town.starts_job(b, date(2026, 1, 1), "apprenticeship")
    town.starts_job(c, date(2026, 3, 31), "self_employed")
    town.starts_job(d, date(2025, 3, 10), "insured")
    k2 = by_key(compute_figures(town.district(), M))["K2"]
    assert (k2.numerator, k2.denominator, k2.value) == (Decimal(3), Decimal(10), Decimal("30.0"))
    assert k2.paragraph == "§ 5 Abs. 1 Kennzahlen-Verordnung"


def test_the_average_stock_is_the_mean_of_the_twelve_monthly_stocks() -> None:
    """§ 5 Abs. 1: six ELB in all twelve months and six in six of them: (72 + 36) ÷ 12 = 9; 3 ÷ 9 = 33.3 %."""
    town = Town()
    steady = town.elb(6, TWELVE)
    town.elb(6, months_before(M, 6))
    for client_id in steady[:3]:
        town.starts_job(client_id, date(2025, 9, 1))
    k2 = by_key(compute_figures(town.district(), M))["K2"]
    assert (k2.numerator, k2.denominator, k2.value) == (Decimal(3), Decimal(9), Decimal("33.3"))


def test_two_job_starts_of_one_person_in_one_month_count_once() -> None:
    """§ 5 Abs. 1 S. 5: "Für jeden Bezugsmonat wird ... nur eine Integration gezählt": 1 ÷ 4 = 25 %."""
    town = Town()
    a, *_ = town.elb(4, TWELVE)
    town.starts_job(a, date(2025, 8, 4), "insured")
    town.starts_job(a, date(2025, 8, 20), "self_employed")
    k2 = by_key(compute_figures(town.district(), M))["K2"]
    assert (k2.numerator, k2.value) == (Decimal(1), Decimal("25.0"))


def test_one_person_s_starts_in_two_months_are_two_integrations() -> None:
    """§ 5 Abs. 1 S. 5 limits integrations per person per month, not per year: 2 ÷ 4 = 50 %."""
    town = Town()
    a, *_ = town.elb(4, TWELVE)
    town.starts_job(a, date(2025, 8, 4))
    town.starts_job(a, date(2025, 11, 3))
    assert by_key(compute_figures(town.district(), M))["K2"].numerator == Decimal(2)


def test_a_minijob_is_no_integration_but_counts_in_its_supplement() -> None:
    """§ 5 Abs. 1 (a minijob is none of the three kinds) and Abs. 2 Nr. 1: K2 = 0 ÷ 5; K2E1 = 1 ÷ 5 = 20 %."""
    town = Town()
    a, *_ = town.elb(5, TWELVE)
    town.starts_job(a, date(2025, 10, 1), "marginal")
    figures = by_key(compute_figures(town.district(), M))
    assert (figures["K2"].numerator, figures["K2"].value) == (Decimal(0), Decimal("0.0"))
    assert (figures["K2E1"].numerator, figures["K2E1"].denominator, figures["K2E1"].value) == (
        Decimal(1),
        Decimal(5),
        Decimal("20.0"),
    )


def test_subsidised_employment_is_no_integration_but_counts_in_its_supplement() -> None:
    """§ 5 Abs. 1 S. 4 and Abs. 2 Nr. 2: öffentlich geförderte Beschäftigung: K2 0 ÷ 5; K2E2 2 ÷ 5 = 40 %."""
    town = Town()
    a, b, *_ = town.elb(5, TWELVE)
    town.starts_job(a, date(2025, 10, 1), "subsidised")
    town.starts_job(b, date(2026, 2, 1), "subsidised")
    figures = by_key(compute_figures(town.district(), M))
    assert figures["K2"].numerator == Decimal(0)
    assert (figures["K2E2"].numerator, figures["K2E2"].value) == (Decimal(2), Decimal("40.0"))


def test_a_job_taken_up_in_a_month_without_need_is_no_integration() -> None:
    """§ 5 Abs. 1 S. 2: only an ELB's start counts; B was needy only until December 2025 and starts in
    February 2026. K2 = 1 (A, needy) ÷ (4·12 + 9) ÷ 12 = 4.75."""
    town = Town()
    a, *_ = town.elb(4, TWELVE)
    b = town.person()
    town.needy_in(b, months_before(M, 9, ending=3))
    town.starts_job(a, date(2025, 7, 1))
    town.starts_job(b, date(2026, 2, 1))
    k2 = by_key(compute_figures(town.district(), M))["K2"]
    assert (k2.numerator, k2.denominator, k2.value) == (Decimal(1), Decimal("4.75"), Decimal("21.1"))


def test_k2e3_counts_integrations_whose_six_following_months_are_over() -> None:
    """§ 5 Abs. 2 Nr. 3, Bezugsmonat March 2026: countable are the insured integrations of October 2024 …
    September 2025 (their six following months are over by March 2026).

    P1 starts September 2025, insured October … March: continuous.
    P2 starts January 2025, insured February … June, not July (the 6th month): a gap, not continuous.
    P3 starts April 2025, insured May … September, and a new insured job starts on 15 October (the 6th month):
       employed in each of the six months, continuous.
    P4 starts October 2025 and is insured every month since: six months not over, in neither sum.
    P5 starts an apprenticeship in June 2025: no integration in the sense of this Ergänzungsgröße.
    2 (P1, P3) ÷ 3 (P1, P2, P3) = 66.7 %.
    """
    town = Town()
    p1, p2, p3, p4, p5 = town.elb(5, months_before(M, 18))
    town.starts_job(p1, date(2025, 9, 1))
    town.insured_in(p1, months_before(M, 6))
    town.starts_job(p2, date(2025, 1, 6))
    town.insured_in(p2, months_before(date(2025, 6, 1), 5))
    town.starts_job(p3, date(2025, 4, 1))
    town.insured_in(p3, months_before(date(2025, 9, 1), 5))
    town.starts_job(p3, date(2025, 10, 15))
    town.starts_job(p4, date(2025, 10, 1))
    town.insured_in(p4, months_before(M, 5))
    town.starts_job(p5, date(2025, 6, 1), "apprenticeship")
    town.insured_in(p5, months_before(M, 9))
    k2e3 = by_key(compute_figures(town.district(), M))["K2E3"]
    assert (k2e3.numerator, k2e3.denominator, k2e3.value) == (Decimal(2), Decimal(3), Decimal("66.7"))


def test_k2e3_has_no_value_while_no_integration_s_six_months_are_over() -> None:
    """§ 5 Abs. 2 Nr. 3: integrations of the last six months are not countable yet: 0 ÷ 0, no value."""
    town = Town()
    a, *_ = town.elb(3, TWELVE)
    town.starts_job(a, date(2025, 12, 1))
    town.insured_in(a, months_before(M, 3))
    k2e3 = by_key(compute_figures(town.district(), M))["K2E3"]
    assert (k2e3.numerator, k2e3.denominator, k2e3.value) == (Decimal(0), Decimal(0), None)


def test_k2e4_is_the_integration_rate_of_single_parents_only() -> None:
    """§ 5 Abs. 2 Nr. 4: two single parents throughout, one integration: 1 ÷ 2 = 50 %; the others' jobs
    and stock count in K2 but not here."""
    town = Town()
    parent, _ = town.elb(2, TWELVE, single_parent=True)
    other, *_ = town.elb(6, TWELVE)
    town.starts_job(parent, date(2025, 5, 1))
    town.starts_job(other, date(2025, 5, 1))
    figures = by_key(compute_figures(town.district(), M))
    assert (figures["K2E4"].numerator, figures["K2E4"].denominator, figures["K2E4"].value) == (
        Decimal(1),
        Decimal(2),
        Decimal("50.0"),
    )
    assert (figures["K2"].numerator, figures["K2"].denominator, figures["K2"].value) == (
        Decimal(2),
        Decimal(8),
        Decimal("25.0"),
    )

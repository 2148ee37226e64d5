"""§ 6 Kennzahlen-Verordnung (K3 … K3E4) on a small synthetic district, Bezugsmonat March 2026.

A Langzeitleistungsbeziehende is an ELB needy in at least 21 of the past 24 months (April 2024 … March 2026).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.reporting.domain.figures import compute_figures
from services.reporting.domain.months import add_months
from tests.unit.reporting.builders import MARCH_2026, Town, by_key, months_before

M = MARCH_2026
YEAR_AGO = date(2025, 3, 1)


def test_needy_in_21_of_24_months_is_long_term_and_20_is_not() -> None:
    """§ 6 Abs. 1 S. 2: A is needy 21 of the 24 months (a gap of three), B 20 (a gap of four); both in March."""
    town = Town()
    a, b = town.person(), town.person()
    last_24 = months_before(M, 24)
    town.needy_in(a, last_24[:5] + last_24[8:])
    town.needy_in(b, last_24[:5] + last_24[9:])
    k3 = by_key(compute_figures(town.district(), M))["K3"]
    assert k3.numerator == Decimal(1)


def test_a_person_not_needy_in_the_bezugsmonat_is_no_long_term_recipient() -> None:
    """§ 6 Abs. 1 S. 2: needy in 23 of the 24 months but not in March 2026 itself — no ELB, so no LZB."""
    town = Town()
    town.needy_in(town.person(), months_before(M, 23, ending=1))
    assert by_key(compute_figures(town.district(), M))["K3"].numerator == Decimal(0)


def test_k3_is_this_march_s_long_term_stock_over_last_march_s() -> None:
    """§ 6 Abs. 1: three needy for 36 months (LZB both years), one needy only since April 2024 (LZB now, not
    a year ago), two who were LZB a year ago and left in 2025. 4 ÷ 5 = 80 %."""
    town = Town()
    town.elb(3, months_before(M, 36))
    town.elb(1, months_before(M, 24))
    town.elb(2, months_before(M, 30, ending=6))
    k3 = by_key(compute_figures(town.district(), M))["K3"]
    assert (k3.numerator, k3.denominator, k3.value, k3.change) == (
        Decimal(4),
        Decimal(5),
        Decimal("80.0"),
        Decimal("-20.0"),
    )


def test_k3e1_counts_integrations_of_people_long_term_in_that_month() -> None:
    """§ 6 Abs. 2 Nr. 1 with § 5 Abs. 1: four LZB throughout the twelve months; A integrates in June 2025
    (LZB then); S, needy only since September 2025, integrates in February 2026 — no LZB, so not here.
    1 ÷ 4 = 25 %."""
    town = Town()
    a, *_ = town.elb(4, months_before(M, 36))
    s = town.person()
    town.needy_in(s, months_before(M, 7))
    town.starts_job(a, date(2025, 6, 2))
    town.starts_job(s, date(2026, 2, 2))
    figures = by_key(compute_figures(town.district(), M))
    assert (figures["K3E1"].numerator, figures["K3E1"].denominator, figures["K3E1"].value) == (
        Decimal(1),
        Decimal(4),
        Decimal("25.0"),
    )
    assert figures["K2"].numerator == Decimal(2)


def test_k3e2_is_the_share_of_long_term_recipients_in_a_measure() -> None:
    """§ 6 Abs. 2 Nr. 2: five LZB in March 2026, two of them in a Maßnahme that month, one in February only,
    and a short-term ELB in a measure (not counted). 2 ÷ 5 = 40 %."""
    town = Town()
    a, b, c, *_ = town.elb(5, months_before(M, 30))
    short = town.person()
    town.needy_in(short, [M])
    town.in_measure(a, M)
    town.in_measure(b, M)
    town.in_measure(c, add_months(M, -1))
    town.in_measure(short, M)
    k3e2 = by_key(compute_figures(town.district(), M))["K3E2"]
    assert (k3e2.numerator, k3e2.denominator, k3e2.value) == (Decimal(2), Decimal(5), Decimal("40.0"))


def test_k3e3_averages_the_monthly_rates_of_people_becoming_long_term() -> None:
    """§ 6 Abs. 2 Nr. 3 with § 4 Abs. 2 Nr. 3: four LZB throughout; N is needy from January 2024 on, so it
    reaches 21 of 24 months in September 2025 and comes into the LZB stock then: 1 of 5 in September,
    0 of 4 or 5 in the other months. (1/5) ÷ 12 = 1.7 %."""
    town = Town()
    town.elb(4, months_before(M, 40))
    town.needy_in(town.person(), months_before(M, 27))
    k3e3 = by_key(compute_figures(town.district(), M))["K3E3"]
    assert (k3e3.numerator, k3e3.denominator, k3e3.value) == (Decimal("0.2"), Decimal(12), Decimal("1.7"))
    assert [p.month for p in k3e3.parts if p.numerator] == [date(2025, 9, 1)]


def test_k3e4_averages_the_monthly_rates_of_long_term_recipients_leaving() -> None:
    """§ 6 Abs. 2 Nr. 4 with § 4 Abs. 2 Nr. 4: four LZB throughout; L leaves benefits after November 2025:
    1 of November's 5 in December. (1/5) ÷ 12 = 1.7 %."""
    town = Town()
    town.elb(4, months_before(M, 40))
    town.needy_in(town.person(), months_before(M, 30, ending=4))
    k3e4 = by_key(compute_figures(town.district(), M))["K3E4"]
    assert (k3e4.numerator, k3e4.value) == (Decimal("0.2"), Decimal("1.7"))
    assert [p.month for p in k3e4.parts if p.numerator] == [date(2025, 12, 1)]

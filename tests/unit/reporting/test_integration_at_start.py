"""§ 5 Abs. 1 Kennzahlen-Verordnung, "eine erwerbsfähige Leistungsberechtigte ... in einem Monat ... aufgenommen":
an integration counts when the person was ELB in the start month or the month before
(`domain.integrations.at_start`, the BA's reading). Bezugsmonat March 2026, "die vergangenen zwölf Monate" April
2025 … March 2026.

Lotse's benefits engine follows the Zuflussprinzip: the first wage, flowing in the start month, can end the need
for that very month, so the person has no needy month for it. These cases are the ones K2 missed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.reporting.domain.figures import compute_figures
from services.reporting.domain.yardsticks import apprenticeship_placement, programme_integrations
from tests.unit.reporting.builders import MARCH_2026, Town, by_key, months_before

M = MARCH_2026
TWELVE = months_before(M, 12)
UNTIL_SEPTEMBER_2025 = months_before(date(2025, 9, 1), 18)  # April 2024 … September 2025


def test_a_first_wage_that_ends_the_need_in_the_start_month_still_counts() -> None:
    """§ 5 Abs. 1: A is needy until September 2025 and starts insured work on 1 October 2025, whose wage ends the
    need from October on: A was ELB in the month before the start, so it is an integration. Three others are
    ELB throughout. Numerator 1; denominator (3 × 12 + 6 (A: April … September)) ÷ 12 = 3.5; 1 ÷ 3.5 = 28.6 %."""
    town = Town()
    town.elb(3, TWELVE)
    (a,) = town.elb(1, UNTIL_SEPTEMBER_2025)
    town.starts_job(a, date(2025, 10, 1))
    k2 = by_key(compute_figures(town.district(), M))["K2"]
    assert (k2.numerator, k2.denominator, k2.value) == (Decimal(1), Decimal("3.5"), Decimal("28.6"))


def test_needy_only_two_months_before_the_start_is_no_integration() -> None:
    """§ 5 Abs. 1: B's need ended with August 2025; B starts insured work in October 2025. B was ELB neither in
    October nor in September: no integration. C, ELB throughout, starts in November: 1. Denominator
    (4 × 12 + 5 (B: April … August)) ÷ 12 = 53/12 = 4.416667; 1 ÷ 4.416667 = 22.6 %."""
    town = Town()
    c, *_ = town.elb(4, TWELVE)
    (b,) = town.elb(1, months_before(date(2025, 8, 1), 17))
    town.starts_job(b, date(2025, 10, 1))
    town.starts_job(c, date(2025, 11, 3))
    k2 = by_key(compute_figures(town.district(), M))["K2"]
    assert (k2.numerator, k2.denominator, k2.value) == (Decimal(1), Decimal("4.416667"), Decimal("22.6"))


def test_two_starts_in_the_month_the_need_ends_count_once() -> None:
    """§ 5 Abs. 1 S. 5 ("nur eine Integration"): A, needy until September 2025, takes up insured work on
    3 October and self-employment on 20 October; D, needy in September and October, starts twice in October too.
    Each counts once although each was ELB in the start month's month before (and D also in the month): 2.
    Denominator (2 × 12 (E, F) + 6 (A) + 7 (D: April … October)) ÷ 12 = 37/12 = 3.083333; 2 ÷ 37/12 = 64.9 %."""
    town = Town()
    town.elb(2, TWELVE)
    (a,) = town.elb(1, UNTIL_SEPTEMBER_2025)
    (d,) = town.elb(1, months_before(date(2025, 10, 1), 7))
    for client_id in (a, d):
        town.starts_job(client_id, date(2025, 10, 3), "insured")
        town.starts_job(client_id, date(2025, 10, 20), "self_employed")
    k2 = by_key(compute_figures(town.district(), M))["K2"]
    assert (k2.numerator, k2.denominator, k2.value) == (Decimal(2), Decimal("3.083333"), Decimal("64.9"))


def test_a_minijob_is_no_integration_and_its_entry_needs_need_in_its_month() -> None:
    """§ 5 Abs. 1 (a minijob is none of the three kinds) and Abs. 2 Nr. 1: A, needy until September 2025, starts a
    minijob in October: no integration, and no entry of an ELB in October (the entries keep the literal reading:
    a minijob does not end the need). G, ELB throughout, starts one in November: K2E1 1. K2 0 ÷ 3.5;
    K2E1 1 ÷ (3 × 12 + 6) ÷ 12 = 1 ÷ 3.5 = 28.6 %."""
    town = Town()
    g, *_ = town.elb(3, TWELVE)
    (a,) = town.elb(1, UNTIL_SEPTEMBER_2025)
    town.starts_job(a, date(2025, 10, 1), "marginal")
    town.starts_job(g, date(2025, 11, 1), "marginal")
    figures = by_key(compute_figures(town.district(), M))
    assert (figures["K2"].numerator, figures["K2"].denominator) == (Decimal(0), Decimal("3.5"))
    assert (figures["K2E1"].numerator, figures["K2E1"].value) == (Decimal(1), Decimal("28.6"))


def test_k2e3_judges_an_integration_that_ended_the_need_and_a_start_in_its_sixth_month() -> None:
    """§ 5 Abs. 2 Nr. 3, Bezugsmonat March 2026: judged are the insured integrations of October 2024 …
    September 2025. P1 is needy until August 2025 and starts insured work on 1 September 2025 (the wage ends
    the need): an integration. P1 is insured October 2025 … February 2026, and a new insured job starts on
    10 March 2026, the 6th month after: "in jedem der sechs ... Monate" employed, continuous. P2 is needy until
    March 2025, starts on 1 April 2025, is insured May … September, but not October (the 6th month): not
    continuous. K2E3 = 1 (P1) ÷ 2 (P1, P2) = 50 %. K2 counts both starts, April and September 2025."""
    town = Town()
    (p1,) = town.elb(1, months_before(date(2025, 8, 1), 18))
    (p2,) = town.elb(1, months_before(date(2025, 3, 1), 18))
    town.starts_job(p1, date(2025, 9, 1))
    town.insured_in(p1, months_before(date(2026, 2, 1), 5))
    town.starts_job(p1, date(2026, 3, 10))
    town.starts_job(p2, date(2025, 4, 1))
    town.insured_in(p2, months_before(date(2025, 9, 1), 5))
    figures = by_key(compute_figures(town.district(), M))
    k2e3 = figures["K2E3"]
    assert (k2e3.numerator, k2e3.denominator, k2e3.value) == (Decimal(1), Decimal(2), Decimal("50.0"))
    # P1's second start (March 2026) is no integration: P1 was ELB neither in March nor in February 2026.
    assert figures["K2"].numerator == Decimal(2)


def test_a_long_term_recipient_whose_first_wage_ends_the_need_counts_in_k3e1() -> None:
    """§ 6 Abs. 2 Nr. 1 ("entsprechend § 5 Absatz 1"): L is needy April 2024 … September 2025 and before, so LZB in
    September 2025 (21 of 24), and starts insured work in October 2025, ending the need: an LZB integration.
    K3E1 numerator 1; K2 numerator 1."""
    town = Town()
    (lzb,) = town.elb(1, months_before(date(2025, 9, 1), 24))
    town.elb(2, TWELVE)
    town.starts_job(lzb, date(2025, 10, 1))
    figures = by_key(compute_figures(town.district(), M))
    assert (figures["K3E1"].numerator, figures["K2"].numerator) == (Decimal(1), Decimal(1))


def test_a_participant_whose_first_wage_ends_the_need_counts_for_the_programme() -> None:
    """§ 5 Abs. 1 per programme: A and B join the Joboffensive in January 2025; A is needy until September 2025
    and starts insured work on 1 October 2025, still participating: an integration of the programme. B is ELB
    and participates throughout. Participating ELB over April 2025 … March 2026: A 6, B 12: 18 ÷ 12 = 1.5;
    1 ÷ 1.5 = 66.7 %."""
    town = Town()
    (a,) = town.elb(1, UNTIL_SEPTEMBER_2025)
    (b,) = town.elb(1, months_before(M, 24))
    town.joins(a, "joboffensive", date(2025, 1, 1), date(2025, 10, 31))
    town.joins(b, "joboffensive", date(2025, 1, 1), None)
    town.starts_job(a, date(2025, 10, 1))
    integrations = by_key(programme_integrations(town.district(), "joboffensive", M))["programme_integrations"]
    assert (integrations.numerator, integrations.denominator, integrations.value) == (
        Decimal(1),
        Decimal("1.5"),
        Decimal("66.7"),
    )


def test_an_apprenticeship_that_ends_the_need_counts_as_a_placement() -> None:
    """Seed 002 (Gütersloh) with § 5's rule: Y, a young seeker needy until August 2025, starts an apprenticeship
    on 1 September 2025 (the training allowance ends the need); two other young seekers are ELB throughout and
    are not placed. 1 ÷ 3 = 33.3 %."""
    town = Town()
    young = frozenset({"youth_under_25"})
    (y,) = town.elb(1, months_before(date(2025, 8, 1), 12), groups=young)
    town.elb(2, TWELVE, groups=young)
    town.starts_job(y, date(2025, 9, 1), "apprenticeship")
    rate = apprenticeship_placement(town.district(), M, seeker_group="youth_under_25")
    assert (rate.numerator, rate.denominator, rate.value) == (Decimal(1), Decimal(3), Decimal("33.3"))


def test_an_apprenticeship_placement_after_need_only_before_the_window_stays_a_share() -> None:
    """Seed 002: Z was needy until March 2025 only, the month before the twelve, and starts an apprenticeship in
    April 2025: placed by § 5's rule, and so counted among the seekers too (else 1 ÷ 0). 1 ÷ 1 = 100 %."""
    town = Town()
    (z,) = town.elb(1, months_before(date(2025, 3, 1), 6), groups=frozenset({"youth_under_25"}))
    town.starts_job(z, date(2025, 4, 1), "apprenticeship")
    rate = apprenticeship_placement(town.district(), M, seeker_group="youth_under_25")
    assert (rate.numerator, rate.denominator) == (Decimal(1), Decimal(1))

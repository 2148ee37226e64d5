"""§ 4 Kennzahlen-Verordnung (K1 … K1E4) on a small synthetic district, Bezugsmonat March 2026."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID, uuid4

from services.reporting.domain.figures import compute_figures
from tests.unit.reporting.builders import MARCH_2026, Town, by_key, months_before

M = MARCH_2026
YEAR_AGO = date(2025, 3, 1)


def test_k1_is_this_march_s_subsistence_over_last_march_s() -> None:
    """§ 4 Abs. 1: Summe der Leistungen zum Lebensunterhalt im Bezugsmonat ÷ im Bezugsmonat des Vorjahres."""
    town = Town()
    town.paid(M, "1000", "600")
    town.paid(M, "500", "300")
    town.paid(date(2026, 2, 1), "9999", "9999")  # another month: not in either sum
    town.paid(YEAR_AGO, "2000", "1000")
    k1 = by_key(compute_figures(town.district(), M))["K1"]
    assert (k1.numerator, k1.denominator) == (Decimal("1500"), Decimal("2000"))  # 1000 + 500 ÷ 2000
    assert k1.value == Decimal("75.0")
    assert k1.change == Decimal("-25.0")
    assert k1.paragraph == "§ 4 Abs. 1 Kennzahlen-Verordnung"


def test_k1e1_sums_housing_and_heating_only() -> None:
    """§ 4 Abs. 2 Nr. 1: Summe der Leistungen für Unterkunft und Heizung, Bezugsmonat ÷ Vorjahresmonat."""
    town = Town()
    town.paid(M, "1000", "600")
    town.paid(M, "500", "300")
    town.paid(YEAR_AGO, "2000", "1000")
    k1e1 = by_key(compute_figures(town.district(), M))["K1E1"]
    assert (k1e1.numerator, k1e1.denominator, k1e1.value) == (Decimal(900), Decimal(1000), Decimal("90.0"))


def test_k1_by_office_sums_only_that_office_s_households() -> None:
    """§ 4 Abs. 1, one office: 700 ÷ 1400."""
    town = Town()
    town.paid(M, "700", "0", office="plon")
    town.paid(M, "300", "0", office="preetz")
    town.paid(YEAR_AGO, "1400", "0", office="plon")
    k1 = by_key(compute_figures(town.district(), M, office_id="plon"))["K1"]
    assert (k1.numerator, k1.denominator, k1.value) == (Decimal(700), Decimal(1400), Decimal("50.0"))


def _family(town: Town) -> tuple[UUID, UUID]:
    """One household of Plön in both Marches: a mother (Joboffensive), a father (no programme) and a child that
    intake never registered; their parts of the household's benefits by need shares (§ 9 Abs. 2 S. 3 SGB II)."""
    household = uuid4()
    mother = town.person(sex="female", programme="joboffensive")
    father = town.person(sex="male")
    town.share(mother, M, "400", "250", household)
    town.share(father, M, "350", "250", household)
    town.paid(M, "950", "600", household=household)  # 400 + 350 + the child's 200; 250 + 250 + 100
    town.share(mother, YEAR_AGO, "500", "250", household)
    town.share(father, YEAR_AGO, "500", "250", household)
    town.paid(YEAR_AGO, "1000", "500", household=household)
    return mother, father


def test_k1_by_sex_sums_each_member_s_share_for_their_sex() -> None:
    """§ 3 S. 3 ("geschlechtsspezifisch") with § 4 Abs. 1: the women's Lebensunterhalt 400 ÷ 500 = 80 %, the men's
    350 ÷ 500 = 70 %; K1E1 (§ 4 Abs. 2 Nr. 1) the women's Unterkunft 250 ÷ 250. The whole stays the household's
    950 ÷ 1000; the unregistered child's 200 is in no sex."""
    town = Town()
    _family(town)
    women = by_key(compute_figures(town.district(), M, sex="female"))
    men = by_key(compute_figures(town.district(), M, sex="male"))
    whole = by_key(compute_figures(town.district(), M))
    assert (women["K1"].numerator, women["K1"].denominator, women["K1"].value) == (400, 500, Decimal("80.0"))
    assert (men["K1"].numerator, men["K1"].denominator, men["K1"].value) == (350, 500, Decimal("70.0"))
    assert (women["K1E1"].numerator, women["K1E1"].denominator, women["K1E1"].value) == (250, 250, Decimal("100.0"))
    assert (whole["K1"].numerator, whole["K1"].denominator) == (950, 1000)
    assert by_key(compute_figures(town.district(), M, sex="diverse"))["K1"].denominator == 0


def test_k1_by_programme_sums_the_participants_shares() -> None:
    """§ 4 Abs. 1 among the Joboffensive's people: the mother's 400 ÷ 500; of those in no programme the father's."""
    town = Town()
    _family(town)
    k1 = by_key(compute_figures(town.district(), M, programme_id="joboffensive"))["K1"]
    assert (k1.numerator, k1.denominator, k1.value) == (400, 500, Decimal("80.0"))


def test_k1_by_sex_leaves_out_months_decided_before_the_shares_were_published() -> None:
    """A needy month without a published share (an older decision's event) counts for no group's K1 sum; the
    household's K1 still counts it, and so does K1E2 (§ 4 Abs. 2 Nr. 2 counts people, not euros)."""
    town = Town()
    client = town.person(sex="female")
    household = town.needy_in(client, [YEAR_AGO])
    town.share(client, M, "300", "200", household)
    town.paid(YEAR_AGO, "600", "200", household=household)
    town.paid(M, "300", "200", household=household)
    women = by_key(compute_figures(town.district(), M, sex="female"))
    assert (women["K1"].numerator, women["K1"].denominator, women["K1"].value) == (300, 0, None)
    assert (women["K1E2"].numerator, women["K1E2"].denominator) == (1, 1)


def test_k1_without_last_year_s_payments_has_no_value() -> None:
    """A denominator of 0 gives no quotient."""
    town = Town()
    town.paid(M, "700", "100")
    k1 = by_key(compute_figures(town.district(), M))["K1"]
    assert (k1.denominator, k1.value, k1.change) == (Decimal(0), None, None)


def test_k1e2_counts_the_elb_this_march_against_last_march() -> None:
    """§ 4 Abs. 2 Nr. 2: Zahl der ELB im Bezugsmonat (3) ÷ im Bezugsmonat des Vorjahres (4)."""
    town = Town()
    town.elb(3, [YEAR_AGO, M])
    town.elb(1, [YEAR_AGO])
    town.elb(2, [date(2026, 2, 1)])  # needy only in another month
    k1e2 = by_key(compute_figures(town.district(), M))["K1E2"]
    assert (k1e2.numerator, k1e2.denominator, k1e2.value, k1e2.change) == (
        Decimal(3),
        Decimal(4),
        Decimal("75.0"),
        Decimal("-25.0"),
    )


def test_k1e3_averages_the_twelve_monthly_entry_rates() -> None:
    """§ 4 Abs. 2 Nr. 3: Zugänge im Monat ÷ ELB im Monat, averaged over April 2025 … March 2026.

    Four people are needy throughout; A comes in January 2026 (1 of 5), B in March 2026 (1 of 6); the other
    ten months have rate 0 of 4. Average = (1/5 + 1/6) ÷ 12 = 11/360 = 3.06 %.
    """
    town = Town()
    town.elb(4, months_before(M, 14))
    town.needy_in(town.person(), months_before(M, 3))
    town.needy_in(town.person(), [M])
    k1e3 = by_key(compute_figures(town.district(), M))["K1E3"]
    assert k1e3.numerator == Decimal("0.366667")  # 1/5 + 1/6 = 11/30
    assert k1e3.denominator == Decimal(12)
    assert k1e3.value == Decimal("3.1")
    assert [(p.month, int(p.numerator), int(p.denominator)) for p in k1e3.parts][-3:] == [
        (date(2026, 1, 1), 1, 5),
        (date(2026, 2, 1), 0, 5),
        (date(2026, 3, 1), 1, 6),
    ]


def test_k1e4_divides_each_month_s_exits_by_the_previous_month_s_stock() -> None:
    """§ 4 Abs. 2 Nr. 4: Abgänge im Monat ÷ ELB im Vormonat, averaged over twelve months.

    Four people are needy throughout; C is needy up to June 2025 and leaves in July: 1 of June's 5.
    D is needy up to February 2026 and leaves in March: 1 of February's 5. (1/5 + 1/5) ÷ 12 = 3.3 %.
    """
    town = Town()
    town.elb(4, months_before(M, 14))
    town.needy_in(town.person(), months_before(M, 5, ending=9))  # Feb … June 2025
    town.needy_in(town.person(), months_before(M, 3, ending=1))  # Dec 2025 … Feb 2026
    k1e4 = by_key(compute_figures(town.district(), M))["K1E4"]
    assert (k1e4.numerator, k1e4.denominator, k1e4.value) == (Decimal("0.4"), Decimal(12), Decimal("3.3"))


def test_a_month_with_nobody_needy_is_left_out_of_the_average_rate() -> None:
    """§ 4 Abs. 2 Nr. 3: a month with no ELB has no rate. Two people come in January 2026 (2 of 2), then
    February and March have 0 of 2; April … December 2025 have no ELB. (1 + 0 + 0) ÷ 3 = 33.3 %."""
    town = Town()
    town.elb(2, months_before(M, 3))
    k1e3 = by_key(compute_figures(town.district(), M))["K1E3"]
    assert (k1e3.numerator, k1e3.denominator, k1e3.value) == (Decimal(1), Decimal(3), Decimal("33.3"))


def test_an_empty_district_has_figures_without_values() -> None:
    """Every denominator is 0: no figure claims a quotient."""
    figures = compute_figures(Town().district(), M)
    assert " ".join(f.key for f in figures) == "K1 K1E1 K1E2 K1E3 K1E4 K2 K2E1 K2E2 K2E3 K2E4 K3 K3E1 K3E2 K3E3 K3E4"
    assert all(f.value is None for f in figures)

"""Vacancies with early and late shifts, pay that follows the minimum wage, plausible net pay."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from simulator.labour_market import TEMPLATES, employers_for, minimum_wage, monthly_pay, net_pay, vacancies_for


def test_some_jobs_start_at_six_and_others_from_eight():
    starts = {t.daily_start for t in TEMPLATES}
    assert time(6, 0) in starts
    assert any(s >= time(8, 0) for s in starts)


def test_the_minimum_wage_applies_from_its_date():
    assert minimum_wage(date(2025, 12, 1)) == Decimal("12.82")
    assert minimum_wage(date(2026, 1, 1)) == Decimal("13.90")


def test_thirty_hours_at_the_minimum_wage_make_about_1800_euros_in_2026():
    laundry = next(t for t in TEMPLATES if t.occupation == "laundry")  # 25 h at the minimum wage
    assert monthly_pay(laundry, date(2026, 3, 1)) == Decimal("1505.83")


@pytest.mark.parametrize("gross", ["700", "1505.83", "2400", "3200"])
def test_net_pay_lies_between_sixty_and_hundred_percent_of_gross(gross):
    g = Decimal(gross)
    assert g * Decimal("0.6") < net_pay(g, date(2026, 3, 1)) <= g


def test_a_minijob_is_paid_gross_for_net():
    assert net_pay(Decimal("500"), date(2026, 3, 1)) == Decimal("500")


def test_vacancies_add_up_to_the_openings_and_belong_to_the_office_employers():
    employers = employers_for("lutjenburg")
    plans = vacancies_for(1, "lutjenburg", 0, 25, employers)
    assert sum(p.positions for p in plans) == 25
    assert {p.employer_key for p in plans} <= {e.key for e in employers}
    assert vacancies_for(1, "lutjenburg", 0, 25, employers) == plans


def test_employer_keys_are_ascii_so_they_fit_into_idempotency_keys():
    assert all(e.key.isascii() for office in ("lutjenburg", "plon") for e in employers_for(office))
    assert any("baeckerei" in e.key for e in employers_for("plon"))


def test_about_a_third_of_the_partner_companies_openings_are_hidden_and_none_of_the_others():
    from simulator.labour_market import HIDDEN_SHARE, employers_for, vacancies_for

    employers = employers_for("lutjenburg")
    partners = {e.key for e in employers if e.partner_company}
    plans = [p for month in range(12) for p in vacancies_for(7, "lutjenburg", month, 40, employers)]
    at_partners = [p for p in plans if p.employer_key in partners]
    assert not any(p.hidden for p in plans if p.employer_key not in partners)
    share = sum(p.hidden for p in at_partners) / len(at_partners)
    assert abs(share - HIDDEN_SHARE) < 0.1
    assert [p.hidden for p in vacancies_for(7, "lutjenburg", 3, 40, employers)] == [
        p.hidden for p in vacancies_for(7, "lutjenburg", 3, 40, employers)
    ]

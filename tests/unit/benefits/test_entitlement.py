"""Need, income and entitlement of whole households for a month (§§ 9, 11, 19, 22, 72 SGB II)."""

from __future__ import annotations

from datetime import date

import pytest

from services.benefits.domain import (
    EntitlementResult,
    Housing,
    ItemKind,
    NoRuleForDate,
    compute_entitlement,
)

from .builders import JUNE_2026, adult, child, eur, household, other, partner, pay

NEED_KINDS = {
    ItemKind.STANDARD_NEED,
    ItemKind.ADDITIONAL_NEED,
    ItemKind.ADDITIONAL_NEED_CAP,
    ItemKind.RENT,
    ItemKind.HEATING,
}
INCOME_KINDS = {
    ItemKind.EARNED_INCOME_NET,
    ItemKind.EARNED_INCOME_ALLOWANCE,
    ItemKind.OTHER_INCOME,
    ItemKind.CHILD_BENEFIT,
    ItemKind.CHILD_BENEFIT_SURPLUS,
}


def _family() -> EntitlementResult:
    """Couple, children of 10 and 4, 1,500 net of 2,000 gross, rent 800 + heating 120 (230 per head)."""
    housing = Housing(eur(800), eur(120), eur(900), in_grace_period=False)
    earner = adult(earned_income=(pay(2000, 1500),))
    kids = (child("ten", 10, receives_child_benefit=True), child("four", 4, receives_child_benefit=True))
    return compute_entitlement(household(earner, partner(), *kids, housing=housing), JUNE_2026)


def test_a_single_adult_without_income_gets_standard_need_plus_housing() -> None:
    """§ 19 Abs. 1 S. 3, § 20, § 22 SGB II: 563 + 400 + 80."""
    result = compute_entitlement(household(adult()), JUNE_2026)
    assert (result.entitlement, result.payment, result.income_covers_need) == (eur(1043), eur(1043), False)


def test_earned_income_reduces_the_entitlement_by_the_counted_income() -> None:
    """§ 11, § 11b, § 19 Abs. 3 SGB II: 1,043 − (800 − 328)."""
    assert compute_entitlement(household(adult(earned_income=(pay(1000, 800),))), JUNE_2026).entitlement == eur(571)


def test_entitlement_ends_when_income_covers_the_need() -> None:
    """§ 9 Abs. 1, § 19 Abs. 3 SGB II: 2,100 net − 348 allowance covers 1,043."""
    result = compute_entitlement(household(adult(earned_income=(pay(3000, 2100),))), JUNE_2026)
    assert (result.entitlement, result.income_covers_need) == (eur(0), True)
    assert result.items_for(None)[2].note == "Einkommen deckt den Bedarf, kein Anspruch"


def test_the_uncovered_need_is_shared_by_need_shares() -> None:
    """§ 9 Abs. 2 S. 3 SGB II: 1,039 uncovered × (736, 736, 361, 328) ÷ 2,161, each rounded (§ 41 Abs. 2)."""
    result = _family()
    shares = [person.entitlement for person in result.persons]
    assert shares == [eur("353.87"), eur("353.87"), eur("173.57"), eur("157.70")]
    assert result.entitlement == eur("1039.01")


def test_children_first_use_their_kindergeld_and_get_the_child_supplement() -> None:
    """§ 11 Abs. 1 S. 5, § 72 Abs. 1 SGB II: 620 − 259 and 587 − 259 remain; 25 EUR each on top."""
    result = _family()
    assert [result.person(kid).counted_income for kid in ("ten", "four")] == [eur(259), eur(259)]
    assert result.child_supplement == eur(50) and result.payment == eur("1089.01")


def test_the_housing_part_is_what_is_left_after_income_covers_living_costs_first() -> None:
    """§ 19 Abs. 3 S. 2 SGB II: income covers §§ 20, 21 first, then § 22."""
    result = _family()
    assert [person.housing_part for person in result.persons] == [
        eur(230),
        eur(230),
        eur("173.57"),
        eur("157.70"),
    ]


def test_kindergeld_the_child_does_not_need_counts_as_the_parents_income() -> None:
    """§ 11 Abs. 1 S. 5 SGB II: child (751 need, 600 own income) needs 151 of 259; 108 go to the parent."""
    kid = child("kid", 20, receives_child_benefit=True, other_income=(other(600),))
    h = household(adult(), kid, housing=Housing(eur(600), eur(0), eur(700), False))
    result = compute_entitlement(h, JUNE_2026)
    assert result.person("kid").counted_income == eur(751)
    assert (result.person("adult").counted_income, result.person("adult").entitlement) == (eur(108), eur(755))


def test_a_child_not_needy_only_because_of_kindergeld_still_gets_the_child_supplement() -> None:
    """§ 72 Abs. 1 S. 2 Nr. 2 SGB II."""
    kid = child("kid", 20, receives_child_benefit=True, other_income=(other(600),))
    h = household(adult(), kid, housing=Housing(eur(600), eur(0), eur(700), False))
    person = compute_entitlement(h, JUNE_2026).person("kid")
    assert (person.entitlement, person.child_supplement) == (eur(0), eur(25))


def test_a_childs_own_income_beyond_its_need_is_not_counted_for_the_parent() -> None:
    """§ 9 Abs. 2 S. 2 SGB II works one way: parents' income counts for children, not the reverse."""
    kid = child("kid", 20, other_income=(other(2000),))
    h = household(adult(), kid, housing=Housing(eur(600), eur(0), eur(700), False))
    result = compute_entitlement(h, JUNE_2026)
    assert (result.person("adult").entitlement, result.person("kid").child_supplement) == (eur(863), eur(0))


def test_no_child_supplement_when_the_household_is_not_needy_even_without_kindergeld() -> None:
    """§ 72 Abs. 1 SGB II requires a claim (or one lost only to Kindergeld)."""
    parent = adult(single_parent=True, earned_income=(pay(5000, 3500),))
    result = compute_entitlement(household(parent, child("kid", 4, receives_child_benefit=True)), JUNE_2026)
    assert (result.payment, result.income_covers_need) == (eur(0), True)


def test_the_child_supplement_was_20_eur_in_2024() -> None:
    """§ 72 Abs. 1 SGB II a.F."""
    result = compute_entitlement(household(adult(), child("kid", 8)), date(2024, 6, 1))
    assert result.person("kid").child_supplement == eur(20)


def test_each_step_is_explained_with_its_paragraph_and_adds_up() -> None:
    """For the clerk: need items add up to the need, income items to the counted income (§ 19, § 11)."""
    result = _family()
    assert all("§" in item.paragraph for item in result.explanation)
    for person in result.persons:
        items = result.items_for(person.person_id)
        assert sum(i.amount for i in items if i.kind in NEED_KINDS) == person.need
        assert sum(i.amount for i in items if i.kind in INCOME_KINDS) == person.counted_income


def test_housing_is_split_and_rounded_half_up_to_cents() -> None:
    """§ 41 Abs. 2 SGB II: 1,000.01 ÷ 2 = 500.005 → 500.01 (not banker's 500.00)."""
    h = household(adult(), child("kid", 8), housing=Housing(eur("1000.01"), eur(0), eur(1200), False))
    rents = [i.amount for i in compute_entitlement(h, JUNE_2026).explanation if i.kind is ItemKind.RENT]
    assert rents == [eur("500.01"), eur("500.01")]


def test_a_month_without_published_standard_needs_raises_no_rule_for_date() -> None:
    """§ 20 Abs. 1a SGB II: no Regelbedarf for 2027 is known yet, so nothing is computed."""
    with pytest.raises(NoRuleForDate, match="standard_need"):
        compute_entitlement(household(adult()), date(2027, 1, 15))

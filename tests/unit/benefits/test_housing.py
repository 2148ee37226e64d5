"""Housing and heating (§ 22 Abs. 1 SGB II) inside and outside the Karenzzeit, before and after 2026-07-01."""

from __future__ import annotations

from datetime import date

import pytest

from services.benefits.domain import Housing, ItemKind, compute_entitlement
from services.benefits.domain.housing import accepted_heating, accepted_rent, housing_is_appropriate

from .builders import JULY_2026, JUNE_2026, adult, child, eur, household


def _flat(rent: int, *, grace: bool = False, **flags: object) -> Housing:
    return Housing(eur(rent), eur(80), eur(600), in_grace_period=grace, **flags)  # type: ignore[arg-type]


@pytest.mark.parametrize("month", [JUNE_2026, JULY_2026])
def test_appropriate_rent_is_paid_in_full(month: date) -> None:
    """§ 22 Abs. 1 S. 1 SGB II."""
    assert accepted_rent(_flat(500), month).amount == eur(500)


@pytest.mark.parametrize("month", [JUNE_2026, JULY_2026])
def test_outside_the_karenzzeit_only_the_appropriate_rent_is_accepted(month: date) -> None:
    """§ 22 Abs. 1 S. 1 SGB II (no cost-reduction period running)."""
    assert accepted_rent(_flat(1000), month).amount == eur(600)


@pytest.mark.parametrize(("month", "accepted"), [(JUNE_2026, 1000), (JULY_2026, 900)])
def test_in_the_karenzzeit_rent_above_one_and_a_half_times_appropriate_is_cut_from_july_2026(
    month: date, accepted: int
) -> None:
    """§ 22 Abs. 1 S. 3 SGB II a.F. (actual rent) vs. S. 6 n.F. (at most 1.5 × 600 = 900)."""
    rent = accepted_rent(_flat(1000, grace=True), month)
    assert rent.amount == eur(accepted)
    assert rent.paragraph == ("§ 22 Abs. 1 S. 2–3 SGB II" if month == JUNE_2026 else "§ 22 Abs. 1 S. 6 SGB II")


def test_in_the_karenzzeit_rent_below_the_ceiling_is_still_paid_in_full_after_the_reform() -> None:
    """§ 22 Abs. 1 S. 3, 6 SGB II n.F.: 850 ≤ 900."""
    assert accepted_rent(_flat(850, grace=True), JULY_2026).amount == eur(850)


def test_a_clerk_may_accept_a_higher_rent_in_the_karenzzeit_after_the_reform() -> None:
    """§ 22 Abs. 1 S. 7 SGB II n.F.: unavoidable costs or households with children."""
    rent = accepted_rent(_flat(1000, grace=True, grace_period_exception=True), JULY_2026)
    assert (rent.amount, rent.paragraph) == (eur(1000), "§ 22 Abs. 1 S. 7 SGB II")


@pytest.mark.parametrize(
    ("month", "accepted", "paragraph"),
    [(JUNE_2026, 1000, "§ 22 Abs. 1 S. 7 SGB II a.F."), (JULY_2026, 900, "§ 22 Abs. 1 S. 6 SGB II")],
)
def test_during_the_cost_reduction_period_the_excess_rent_is_accepted_up_to_the_ceiling(
    month: date, accepted: int, paragraph: str
) -> None:
    """§ 22 Abs. 1 S. 7 a.F. / S. 9 n.F. SGB II, with the S. 6 ceiling of 1.5 × from July 2026."""
    rent = accepted_rent(_flat(1000, in_cost_reduction_period=True), month)
    assert (rent.amount, rent.paragraph) == (eur(accepted), paragraph)


def test_the_karenzzeit_never_covers_excessive_heating() -> None:
    """§ 22 Abs. 1 S. 2 SGB II: the Karenzzeit is for the Unterkunft only."""
    housing = Housing(eur(500), eur(150), eur(600), in_grace_period=True, appropriate_heating=eur(100))
    assert accepted_heating(housing, JUNE_2026).amount == eur(100)


def test_excessive_heating_is_paid_while_the_costs_are_being_lowered() -> None:
    """§ 22 Abs. 1 S. 7 a.F. / S. 9 n.F. SGB II."""
    housing = Housing(eur(500), eur(150), eur(600), False, appropriate_heating=eur(100), in_cost_reduction_period=True)
    assert accepted_heating(housing, JULY_2026).amount == eur(150)


def test_housing_costs_are_split_per_head_including_people_outside_the_household() -> None:
    """Kopfteilprinzip (BSG) under § 22 Abs. 1 SGB II: 900 + 90 over 3 occupants."""
    housing = Housing(eur(900), eur(90), eur(1000), False, other_occupants=1)
    h = household(adult(), child("kid", 8), housing=housing)
    rents = [item.amount for item in compute_entitlement(h, JUNE_2026).explanation if item.kind is ItemKind.RENT]
    assert rents == [eur(300), eur(300)]


def test_housing_is_not_appropriate_when_rent_or_heating_exceed_the_district_figures() -> None:
    """§ 41 Abs. 3 S. 2 Nr. 2 SGB II uses the appropriateness of § 22 Abs. 1 S. 1."""
    assert housing_is_appropriate(_flat(600))
    assert not housing_is_appropriate(_flat(601, grace=True))
    assert not housing_is_appropriate(Housing(eur(500), eur(150), eur(600), False, appropriate_heating=eur(100)))


def test_june_and_july_2026_differ_by_the_rent_cut_in_the_karenzzeit() -> None:
    """§ 22 Abs. 1 S. 6 SGB II n.F. from 2026-07-01: 1,200 rent, 600 appropriate → 900 from July."""
    h = household(adult(), housing=Housing(eur(1200), eur(80), eur(600), in_grace_period=True))
    june, july = compute_entitlement(h, JUNE_2026), compute_entitlement(h, JULY_2026)
    assert (june.entitlement, july.entitlement) == (eur(1843), eur(1543))

"""Assets (§ 12 SGB II) before and after 2026-07-01, at the edges, and the transition of § 65a Abs. 1."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from services.benefits.domain import Household, ItemKind, Member, Role, compute_entitlement
from services.benefits.domain.asset_items import Asset, AssetKind, AssetTerms, HomeType
from services.benefits.domain.result import EntitlementResult

from .builders import JULY_2026, JUNE_2026, adult, child, eur, flat, household, partner

AUGUST_2026 = date(2026, 8, 1)
MAY_2025 = date(2025, 5, 1)
CENT = Decimal("0.01")


def cash(amount: Decimal | str | int, description: str = "savings account") -> Asset:
    return Asset(AssetKind.CASH, eur(amount) if not isinstance(amount, Decimal) else amount, description)


def owning(member: Member, *assets: Asset) -> Member:
    return replace(member, assets=assets)


def computed(
    *members: Member, month: date, period_start: date, first_benefits: date | None = None, **housing: object
) -> EntitlementResult:
    terms = AssetTerms(period_start, first_benefits or date(2023, 1, 1))
    built = Household(tuple(members), replace(flat(), **housing), terms)  # type: ignore[arg-type]
    return compute_entitlement(built, month)


def lines(result: EntitlementResult, kind: ItemKind) -> list[tuple[str | None, Decimal, str]]:
    return [(item.person_id, item.amount, item.paragraph) for item in result.explanation if item.kind is kind]


def excess(result: EntitlementResult) -> Decimal:
    ((_, amount, _),) = lines(result, ItemKind.ASSET_EXCESS)
    return amount


def born_in(month: date, age: int, day: int) -> date:
    """Birth date whose `age`-th birthday falls on `day` of `month`."""
    return date(month.year - age, month.month, day)


# ---- until 2026-06-30 (§ 12 a.F.) -----------------------------------------------------------------------


@pytest.mark.parametrize(("savings", "barred"), [("15000.00", False), ("15000.01", True)])
def test_old_law_allows_15000_per_person_outside_the_karenzzeit(savings: str, barred: bool) -> None:
    """§ 12 Abs. 2 S. 1 SGB II a.F.: 15,000 EUR per person of the household; above it, no entitlement (§ 9 Abs. 1)."""
    result = computed(owning(adult(), cash(savings)), month=JUNE_2026, period_start=MAY_2025, first_benefits=MAY_2025)
    assert (result.entitlement == 0, result.assets_exceed) == (barred, barred)
    assert lines(result, ItemKind.ASSET_ALLOWANCE) == [("adult", eur(15000), "§ 12 Abs. 2 S. 1 SGB II a.F.")]
    assert excess(result) == (CENT if barred else 0)


@pytest.mark.parametrize(("savings", "barred"), [("30000.00", False), ("30000.01", True)])
def test_old_law_passes_the_partners_unused_allowance_to_the_adult(savings: str, barred: bool) -> None:
    """§ 12 Abs. 2 S. 2 SGB II a.F.: the partner's unused 15,000 goes to the adult whose savings exceed their own."""
    members = owning(adult(), cash(savings)), partner()
    result = computed(*members, month=JUNE_2026, period_start=MAY_2025, first_benefits=MAY_2025)
    assert result.assets_exceed is barred
    assert lines(result, ItemKind.ASSET_ALLOWANCE_TRANSFER) == [("adult", eur(15000), "§ 12 Abs. 2 S. 2 SGB II a.F.")]
    (transfer,) = (item for item in result.explanation if item.kind is ItemKind.ASSET_ALLOWANCE_TRANSFER)
    assert transfer.note == "nicht ausgeschöpfter Freibetrag von partner 15.000,00\u00a0€"


def test_allowances_are_not_transferred_while_every_member_stays_within_their_own() -> None:
    """§ 12 Abs. 2 S. 2 SGB II a.F.: only a member whose assets exceed their own allowance receives."""
    members = owning(adult(), cash(9000)), owning(partner(), cash(14000))
    result = computed(*members, month=JUNE_2026, period_start=MAY_2025, first_benefits=MAY_2025)
    assert lines(result, ItemKind.ASSET_ALLOWANCE_TRANSFER) == [] and not result.assets_exceed


@pytest.mark.parametrize(("savings", "barred"), [("40000.00", False), ("40000.01", True)])
def test_in_the_old_karenzzeit_only_considerable_assets_above_40000_count(savings: str, barred: bool) -> None:
    """§ 12 Abs. 3 S. 2, Abs. 4 S. 1 SGB II a.F.: in the first year (here its 12th month), 40,000 for the applicant."""
    start = date(2025, 7, 1)
    result = computed(owning(adult(), cash(savings)), month=JUNE_2026, period_start=start, first_benefits=start)
    assert result.assets_exceed is barred
    assert lines(result, ItemKind.ASSET_ALLOWANCE) == [("adult", eur(40000), "§ 12 Abs. 4 S. 1 SGB II a.F.")]


@pytest.mark.parametrize(("savings", "barred"), [("70000.00", False), ("70000.01", True)])
def test_in_the_old_karenzzeit_a_family_of_three_keeps_40000_plus_15000_each_pooled(savings: str, barred: bool) -> None:
    """§ 12 Abs. 4 S. 1 SGB II a.F. (Hs. 2 with Abs. 2 S. 2): 40,000 + 15,000 + 15,000, all on the partner."""
    members = adult(), owning(partner(), cash(savings)), child("kid", 8)
    result = computed(*members, month=JUNE_2026, period_start=JUNE_2026, first_benefits=JUNE_2026)
    assert result.assets_exceed is barred
    received = [amount for person, amount, _ in lines(result, ItemKind.ASSET_ALLOWANCE_TRANSFER) if person == "partner"]
    assert sum(received) == eur(55000)


def test_the_old_karenzzeit_ends_after_twelve_months() -> None:
    """§ 12 Abs. 3 S. 1 SGB II a.F.: one year from the first month of benefits; then 15,000 again."""
    kept = computed(
        owning(adult(), cash(20000)), month=JUNE_2026, period_start=JUNE_2026, first_benefits=date(2025, 7, 1)
    )
    over = computed(owning(adult(), cash(20000)), month=JUNE_2026, period_start=JUNE_2026, first_benefits=MAY_2025)
    assert (kept.assets_exceed, over.assets_exceed) == (False, True)


def test_months_before_2023_do_not_count_towards_the_asset_karenzzeit() -> None:
    """§ 65 Abs. 3 SGB II a.F.: benefits before 2023-01-01 leave the Karenzzeit untouched."""
    result = computed(
        owning(adult(), cash(20000)),
        month=date(2023, 12, 1),
        period_start=date(2023, 6, 1),
        first_benefits=date(2020, 1, 1),
    )
    assert not result.assets_exceed


def test_in_the_old_karenzzeit_the_home_is_left_out_whatever_its_size() -> None:
    """§ 12 Abs. 4 S. 2 SGB II a.F.; after the Karenzzeit a 160 m² house counts (§ 12 Abs. 1 S. 2 Nr. 5)."""
    home = Asset(AssetKind.HOME, eur(250000), "house", living_area_m2=160, home_type=HomeType.HOUSE)
    inside = computed(owning(adult(), home), month=JUNE_2026, period_start=JUNE_2026, first_benefits=JUNE_2026)
    after = computed(owning(adult(), home), month=JUNE_2026, period_start=MAY_2025, first_benefits=MAY_2025)
    assert lines(inside, ItemKind.ASSET_EXEMPT) == [("adult", eur(250000), "§ 12 Abs. 4 S. 2 SGB II a.F.")]
    assert (inside.assets_exceed, after.assets_exceed) == (False, True)


# ---- from 2026-07-01 (§ 12 n.F.) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "birthday", "allowance"),
    [
        (30, 1, 10000),  # the 30th birthday on the 1st of August: the 31st year of life begins, 10,000 in August
        (30, 31, 10000),  # on the 31st: still from the start of August (§ 12 Abs. 2 S. 2)
        (31, 1, 10000),
        (40, 31, 12500),
        (50, 31, 20000),
        (64, 1, 20000),
    ],
)
def test_new_law_raises_the_allowance_from_the_start_of_the_month_of_the_birthday(
    age: int, birthday: int, allowance: int
) -> None:
    """§ 12 Abs. 2 S. 1–2 SGB II: 5,000 / 10,000 (31st year of life) / 12,500 (41st) / 20,000 (51st)."""
    member = Member("adult", Role.ADULT, born_in(AUGUST_2026, age, birthday))
    for savings, barred in ((allowance, False), (eur(allowance) + CENT, True)):
        result = computed(owning(member, cash(eur(savings))), month=AUGUST_2026, period_start=AUGUST_2026)
        assert lines(result, ItemKind.ASSET_ALLOWANCE)[0][1:] == (eur(allowance), "§ 12 Abs. 2 S. 1–2 SGB II")
        assert result.assets_exceed is barred


@pytest.mark.parametrize(("age", "allowance"), [(30, 5000), (40, 10000), (50, 12500)])
def test_new_law_keeps_the_lower_allowance_in_the_month_before_the_birthday(age: int, allowance: int) -> None:
    """§ 12 Abs. 2 S. 2 SGB II: the birthday on 1 September raises nothing in August."""
    member = Member("adult", Role.ADULT, born_in(date(2026, 9, 1), age, 1))
    result = computed(owning(member, cash(1)), month=AUGUST_2026, period_start=AUGUST_2026)
    assert lines(result, ItemKind.ASSET_ALLOWANCE)[0][1] == eur(allowance)


def test_new_law_gives_children_5000_each_and_transfers_them_to_a_parent() -> None:
    """§ 12 Abs. 2 S. 1, 3 SGB II: a 45-year-old single parent with two children keeps 12,500 + 5,000 + 5,000."""
    members = owning(adult(age=45), cash(22500)), child("a", 12), child("b", 4)
    result = computed(*members, month=AUGUST_2026, period_start=AUGUST_2026, first_benefits=AUGUST_2026)
    assert not result.assets_exceed
    assert lines(result, ItemKind.ASSET_ALLOWANCE_TRANSFER) == [("adult", eur(10000), "§ 12 Abs. 2 S. 3 SGB II")]
    over = computed(
        owning(adult(age=45), cash("22500.01")),
        child("a", 12),
        child("b", 4),
        month=AUGUST_2026,
        period_start=AUGUST_2026,
    )
    assert over.assets_exceed


def test_new_law_has_no_asset_karenzzeit() -> None:
    """§ 12 SGB II n.F.: 20,000 for a 40-year-old in the first month of benefits exceed the 12,500 allowance."""
    result = computed(
        owning(adult(age=40), cash(20000)), month=AUGUST_2026, period_start=AUGUST_2026, first_benefits=AUGUST_2026
    )
    assert result.assets_exceed and result.payment == 0


@pytest.mark.parametrize(
    ("in_grace_period", "area", "counted"), [(True, 300, False), (False, 140, False), (False, 141, True)]
)
def test_new_law_frees_the_home_in_the_housing_karenzzeit_and_else_within_140_m2(
    in_grace_period: bool, area: int, counted: bool
) -> None:
    """§ 12 Abs. 1 S. 3 with § 22 Abs. 1 S. 2, and § 12 Abs. 1 S. 2 Nr. 5 SGB II (house 140 m²)."""
    home = Asset(AssetKind.HOME, eur(200000), living_area_m2=area, home_type=HomeType.HOUSE)
    result = computed(
        owning(adult(), home), month=AUGUST_2026, period_start=AUGUST_2026, in_grace_period=in_grace_period
    )
    assert result.assets_exceed is counted


# ---- the transition (§ 65a Abs. 1) ----------------------------------------------------------------------


def test_an_approval_period_that_began_in_june_2026_keeps_the_old_law_in_august_2026() -> None:
    """§ 65a Abs. 1 SGB II: for a period begun before 2026-07-01, § 12 a.F. applies — 15,000, not 5,000 at 25."""
    saver = owning(adult(age=25), cash(15000))
    old = computed(saver, month=AUGUST_2026, period_start=JUNE_2026, first_benefits=date(2024, 1, 1))
    new = computed(saver, month=AUGUST_2026, period_start=AUGUST_2026, first_benefits=date(2024, 1, 1))
    assert (old.assets_exceed, new.assets_exceed) == (False, True)
    ((_, _, paragraph),) = lines(old, ItemKind.ASSETS)
    basis = next(item for item in old.explanation if item.kind is ItemKind.ASSETS)
    assert paragraph == "§ 65a Abs. 1 SGB II"
    assert (
        "bei Beginn des Bewilligungszeitraums (06/2026)" in basis.note
        and "nicht in der des berechneten Monats (08/2026)" in basis.note
    )


def test_an_approval_period_that_began_in_june_2026_keeps_the_old_karenzzeit_in_august_2026() -> None:
    """§ 65a Abs. 1 with § 12 Abs. 3, 4 SGB II a.F.: first benefits in June 2026, 40,000 not considerable in August."""
    saver = owning(adult(age=25), cash(40000))
    result = computed(saver, month=AUGUST_2026, period_start=JUNE_2026, first_benefits=JUNE_2026)
    assert not result.assets_exceed and result.payment > 0


def test_a_period_that_began_in_july_2026_uses_the_new_law() -> None:
    """§ 65a Abs. 1 a contrario: a period from 2026-07-01 on takes § 12 n.F."""
    result = computed(owning(adult(age=25), cash(5001)), month=JULY_2026, period_start=JULY_2026)
    assert result.assets_exceed
    assert lines(result, ItemKind.ASSETS)[0][2] == "§ 12 Abs. 2 S. 1–2 SGB II"


# ---- exempt categories (§ 12 Abs. 1 S. 2) --------------------------------------------------------------


def test_exempt_assets_are_listed_with_their_number_and_do_not_count() -> None:
    """§ 12 Abs. 1 S. 2 Nr. 1, 2, 3, 7 SGB II: household goods, one appropriate car, pension, hardship."""
    assets = (
        Asset(AssetKind.HOUSEHOLD_GOODS, eur(8000)),
        Asset(AssetKind.CAR, eur(18000), "Golf"),
        Asset(AssetKind.PENSION, eur(30000), "Riester"),
        Asset(AssetKind.OTHER, eur(9000), "heirloom", hardship=True),
    )
    result = computed(owning(adult(), *assets), month=AUGUST_2026, period_start=AUGUST_2026)
    assert [paragraph for _, _, paragraph in lines(result, ItemKind.ASSET_EXEMPT)] == [
        "§ 12 Abs. 1 S. 2 Nr. 1 SGB II",
        "§ 12 Abs. 1 S. 2 Nr. 2 SGB II",
        "§ 12 Abs. 1 S. 2 Nr. 3 SGB II",
        "§ 12 Abs. 1 S. 2 Nr. 7 SGB II",
    ]
    assert lines(result, ItemKind.ASSET_COUNTED) == [] and not result.assets_exceed


def test_only_one_car_per_employable_member_is_exempt() -> None:
    """§ 12 Abs. 1 S. 2 Nr. 2 SGB II: a second car counts, so does one of a 14-year-old or one not appropriate."""
    cars = (Asset(AssetKind.CAR, eur(9000)), Asset(AssetKind.CAR, eur(4000), "second car"))
    teen = owning(child("teen", 14), Asset(AssetKind.CAR, eur(3000)))
    grand = owning(partner(), Asset(AssetKind.CAR, eur(2500), appropriate=False))
    result = computed(owning(adult(), *cars), grand, teen, month=AUGUST_2026, period_start=AUGUST_2026)
    assert [(p, a) for p, a, _ in lines(result, ItemKind.ASSET_COUNTED)] == [
        ("adult", eur(4000)),
        ("partner", eur(2500)),
        ("teen", eur(3000)),
    ]


@pytest.mark.parametrize(
    ("occupants", "area", "counted"), [(4, 130, False), (4, 131, True), (5, 150, False), (6, 171, True)]
)
def test_an_owner_occupied_flat_is_exempt_up_to_130_m2_plus_20_per_occupant_beyond_four(
    occupants: int, area: int, counted: bool
) -> None:
    """§ 12 Abs. 1 S. 2 Nr. 5 SGB II: flat 130 m², + 20 m² for each further person living in it."""
    home = Asset(AssetKind.HOME, eur(300000), living_area_m2=area)
    members = [owning(adult(), home), partner(), *(child(f"c{n}", 5 + n) for n in range(occupants - 2))]
    result = computed(*members, month=AUGUST_2026, period_start=AUGUST_2026, first_benefits=date(2024, 1, 1))
    assert result.assets_exceed is counted


def test_assets_above_the_allowance_bar_the_child_supplement_too_and_are_no_income_exit() -> None:
    """§ 9 Abs. 1, § 72 Abs. 1 SGB II: not needy, so no Sofortzuschlag; the exit is not 'income covers the need'."""
    result = computed(
        owning(adult(), cash(50000)),
        child("kid", 5, receives_child_benefit=True),
        month=AUGUST_2026,
        period_start=AUGUST_2026,
    )
    assert (result.payment, result.child_supplement, result.income_covers_need) == (0, 0, False)
    ((_, amount, paragraph),) = lines(result, ItemKind.ASSET_EXCESS)
    assert (amount, paragraph) == (eur(50000) - eur(12500) - eur(5000), "§ 9 Abs. 1, § 12 SGB II")


def test_a_household_without_assets_gets_no_asset_lines() -> None:
    """Decisions stored before assets were entered recompute to the same explanation."""
    result = compute_entitlement(household(adult()), JUNE_2026)
    assert not any(item.kind.value.startswith("assets") for item in result.explanation)

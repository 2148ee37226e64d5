"""Assets (§ 12 SGB II): what counts, the allowances, and whether assets above them bar the entitlement. No I/O.

The version of § 12 is the one in force when the approval period began (§ 65a Abs. 1): every table is looked
up on `law_on`, the period's start; ages and the Karenzzeit are taken in the month computed.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.benefits.domain.approval import add_months
from services.benefits.domain.asset_items import Asset, AssetKind, AssetTerms, HomeType
from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.grace_period import EARLIEST_START
from services.benefits.domain.levels import age_on
from services.benefits.domain.model import Household, Member, Role
from services.benefits.domain.money import ZERO
from services.benefits.domain.result import total
from services.benefits.domain.rules.assets import (
    ALLOWANCE_TRANSFER,
    ASSET_ALLOWANCE,
    ASSET_GRACE_PERIOD_MONTHS,
    CONSIDERABLE_ASSETS,
    HOME_IN_GRACE_PERIOD,
    OWN_HOME,
    TRANSITION_SOURCE,
)
from services.benefits.domain.rules.calendar import REFORM_2026

EMPLOYABLE_AGE = 15  # § 7 Abs. 1 S. 1 Nr. 1: from the 15th birthday; one car each (§ 12 Abs. 1 S. 2 Nr. 2)
EXCESS_SOURCE = "§ 9 Abs. 1, § 12 SGB II"
Exemption = tuple[str, str]  # paragraph, note


@dataclass(frozen=True)
class AssetCheck:
    items: tuple[LineItem, ...]
    excess: Decimal  # above the allowances: not needy (§ 9 Abs. 1) until it is used up


NO_ASSETS = AssetCheck((), ZERO)


@dataclass(frozen=True)
class _Law:
    """§ 12 as it applies to the month: looked up on the period's start, applied to the month."""

    law_on: date
    on: date
    in_grace_period: bool  # asset Karenzzeit (§ 12 Abs. 3 a.F.): only considerable assets count
    home_free: bool  # the home is not counted whatever its size (in a Karenzzeit)


def _law(household: Household, on: date) -> _Law:
    terms = household.asset_terms or AssetTerms(on, on)
    law_on = terms.approval_period_start.replace(day=1)
    start = max(terms.first_benefit_month.replace(day=1), EARLIEST_START)  # § 65 Abs. 3 a.F.: not before 2023
    in_grace = start <= on < add_months(start, ASSET_GRACE_PERIOD_MONTHS.value_at(law_on))
    home_grace = in_grace if HOME_IN_GRACE_PERIOD.value_at(law_on) == "assets" else household.housing.in_grace_period
    return _Law(law_on, on, in_grace, home_grace)


def _basis_item(household: Household, law: _Law) -> LineItem:
    value = total(asset.value for member in household.members for asset in member.assets)
    note = f"§ 12 as in force when the approval period began ({law.law_on:%Y-%m}) applies"
    if law.law_on != law.on:
        note += f", not the version for the month computed ({law.on:%Y-%m})"
    paragraph = ASSET_ALLOWANCE.at(law.law_on).source
    if law.law_on < REFORM_2026 <= law.on:
        paragraph, note = TRANSITION_SOURCE, note + ": the period began before 2026-07-01, so § 12 a.F. continues"
    if law.in_grace_period:
        note += "; asset Karenzzeit: only considerable assets count (§ 12 Abs. 3 S. 2 a.F.)"
    return LineItem(None, ItemKind.ASSETS, value, paragraph, note)


def _home_limit(household: Household, asset: Asset, law_on: date) -> int:
    limits = OWN_HOME.value_at(law_on)
    base = limits.house if asset.home_type is HomeType.HOUSE else limits.flat
    return base + limits.per_further_occupant * max(0, household.occupants - limits.occupants_included)


def _home(household: Household, asset: Asset, law: _Law) -> Exemption | None:
    if law.home_free:
        return HOME_IN_GRACE_PERIOD.at(law.law_on).source, "owner-occupied home in the Karenzzeit, whatever its size"
    limit, area = _home_limit(household, asset, law.law_on), asset.living_area_m2 or 0
    if area <= limit:
        return OWN_HOME.at(law.law_on).source, f"owner-occupied home, {area} m² within {limit} m²"
    return None


def _car(member: Member, asset: Asset, on: date, car_exempted: bool) -> Exemption | None:
    if asset.appropriate and not car_exempted and age_on(member.birth_date, on) >= EMPLOYABLE_AGE:
        return "§ 12 Abs. 1 S. 2 Nr. 2 SGB II", "one appropriate car of an employable member"
    return None


def _exemption(member: Member, household: Household, asset: Asset, law: _Law, car_exempted: bool) -> Exemption | None:
    if asset.hardship:
        return "§ 12 Abs. 1 S. 2 Nr. 7 SGB II", "using it would be a particular hardship"
    if asset.kind is AssetKind.HOUSEHOLD_GOODS:
        return "§ 12 Abs. 1 S. 2 Nr. 1 SGB II", "appropriate household goods"
    if asset.kind is AssetKind.PENSION:
        return "§ 12 Abs. 1 S. 2 Nr. 3 SGB II", "provision for old age"
    if asset.kind is AssetKind.CAR:
        return _car(member, asset, law.on, car_exempted)
    if asset.kind is AssetKind.HOME:
        return _home(household, asset, law)
    return None


def _counted_note(asset: Asset) -> str:
    reasons = {
        AssetKind.CAR: "a further car, one not declared appropriate, or of a member not employable",
        AssetKind.HOME: "owner-occupied home above the living area of § 12 Abs. 1 S. 2 Nr. 5",
    }
    label = f"{asset.kind.value}: {asset.description}" if asset.description else asset.kind.value
    return f"{label} — {reasons[asset.kind]}" if asset.kind in reasons else label


def _member_items(member: Member, household: Household, law: _Law) -> tuple[list[LineItem], Decimal]:
    items, counted, car_exempted = [], ZERO, False
    for asset in member.assets:
        exemption = _exemption(member, household, asset, law, car_exempted)
        if exemption is None:
            items.append(
                LineItem(
                    member.person_id,
                    ItemKind.ASSET_COUNTED,
                    asset.value,
                    "§ 12 Abs. 1 S. 1 SGB II",
                    _counted_note(asset),
                )
            )
            counted += asset.value
            continue
        car_exempted = car_exempted or asset.kind is AssetKind.CAR
        label = f"{asset.kind.value}: {asset.description}" if asset.description else asset.kind.value
        items.append(
            LineItem(member.person_id, ItemKind.ASSET_EXEMPT, asset.value, exemption[0], f"{label} — {exemption[1]}")
        )
    return items, counted


def _last_day(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _allowance(member: Member, law: _Law) -> LineItem:
    if law.in_grace_period:
        figure = CONSIDERABLE_ASSETS.at(law.law_on)
        applicant = member.role is Role.ADULT
        amount = figure.value.applicant if applicant else figure.value.per_further_member
        note = "considerable-assets amount for the applicant" if applicant else "considerable-assets amount"
        return LineItem(member.person_id, ItemKind.ASSET_ALLOWANCE, amount, figure.source, note)
    table = ASSET_ALLOWANCE.at(law.law_on)
    age = age_on(member.birth_date, _last_day(law.on))  # the higher amount from the month of the birthday
    band = max((band for band in table.value if band.from_age <= age), key=lambda band: band.from_age)
    note = f"per person, age {age} by the end of {law.on:%Y-%m}" if len(table.value) > 1 else "per person"
    return LineItem(member.person_id, ItemKind.ASSET_ALLOWANCE, band.amount, table.source, note)


def _transfers(counted: dict[str, Decimal], allowances: dict[str, Decimal], law: _Law) -> list[LineItem]:
    """Unused allowances go to the members whose assets exceed their own, in the order of the members."""
    source = ALLOWANCE_TRANSFER.at(law.law_on).source
    if law.in_grace_period:
        source += " i.V.m. § 12 Abs. 4 S. 1 Hs. 2 a.F."
    unused = {pid: allowances[pid] - counted[pid] for pid in counted if allowances[pid] > counted[pid]}
    items: list[LineItem] = []
    for receiver, amount in counted.items():
        short = amount - allowances[receiver]
        for donor in list(unused):
            if short <= 0:
                break
            moved = min(short, unused[donor])
            short, unused[donor] = short - moved, unused[donor] - moved
            items.append(
                LineItem(receiver, ItemKind.ASSET_ALLOWANCE_TRANSFER, moved, source, f"unused allowance of {donor}")
            )
            items.append(LineItem(donor, ItemKind.ASSET_ALLOWANCE_TRANSFER, -moved, source, f"passed to {receiver}"))
    return items


def _excess_item(counted: Decimal, allowance: Decimal, law: _Law) -> LineItem:
    excess = max(ZERO, counted - allowance)
    if excess > 0:
        note = f"counted assets {counted} exceed the allowances {allowance}: no entitlement until they are used up"
    elif law.in_grace_period:
        note = f"counted assets {counted} are not considerable (at most {allowance}): in the Karenzzeit none count"
    else:
        note = f"counted assets {counted} within the allowances {allowance}"
    return LineItem(None, ItemKind.ASSET_EXCESS, excess, EXCESS_SOURCE, note)


def asset_check(household: Household, on: date) -> AssetCheck:
    """Lines for every asset, allowance and transfer; the excess bars the entitlement of the whole household."""
    if not any(member.assets for member in household.members):
        return NO_ASSETS
    law = _law(household, on)
    items = [_basis_item(household, law)]
    counted: dict[str, Decimal] = {}
    allowances: dict[str, Decimal] = {}
    for member in household.members:
        lines, counted[member.person_id] = _member_items(member, household, law)
        allowance = _allowance(member, law)
        allowances[member.person_id] = allowance.amount
        items += [*lines, allowance]
    items += _transfers(counted, allowances, law)
    excess = _excess_item(total(counted.values()), total(allowances.values()), law)
    return AssetCheck((*items, excess), excess.amount)

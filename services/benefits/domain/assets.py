"""Assets (§ 12 SGB II): what counts, the allowances, and whether assets above them bar the entitlement. No I/O.

The version of § 12 is the one in force when the approval period began (§ 65a Abs. 1): every table is looked
up on `law_on`, the period's start; ages and the Karenzzeit are taken in the month computed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from services.benefits.domain.approval import add_months
from services.benefits.domain.asset_items import Asset, AssetKind, HomeType
from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.german import euro, month
from services.benefits.domain.grace_period import EARLIEST_START
from services.benefits.domain.levels import age_on
from services.benefits.domain.model import Household, Member, Role
from services.benefits.domain.money import ZERO
from services.benefits.domain.rules.assets import (
    ALLOWANCE_TRANSFER,
    ASSET_ALLOWANCE,
    ASSET_GRACE_PERIOD_MONTHS,
    CONSIDERABLE_ASSETS,
    HOME_IN_GRACE_PERIOD,
    OWN_HOME,
    TRANSITION_SOURCE,
    AgeAllowance,
    HomeLimits,
)
from services.benefits.domain.rules.calendar import REFORM_2026
from services.benefits.domain.rules.figure import Figure

EMPLOYABLE_AGE = 15  # § 7 Abs. 1 S. 1 Nr. 1: from the 15th birthday; one car each (§ 12 Abs. 1 S. 2 Nr. 2)
EXCESS_SOURCE = "§ 9 Abs. 1, § 12 SGB II"
Exemption = tuple[str, str]  # paragraph, note


class AssetCheck(NamedTuple):  # NamedTuples: made once per household computed, where a frozen dataclass costs
    items: tuple[LineItem, ...]
    excess: Decimal  # above the allowances: not needy (§ 9 Abs. 1) until it is used up


NO_ASSETS = AssetCheck((), ZERO)


def _month(on: date) -> str:
    return month(on)


def _first_day(on: date) -> date:
    return on if on.day == 1 else on.replace(day=1)  # replace() with a keyword costs more than the test


class _Law(NamedTuple):
    """§ 12 as it applies to the month: looked up on the period's start, applied to the month."""

    law_on: date
    on: date
    in_grace_period: bool  # asset Karenzzeit (§ 12 Abs. 3 a.F.): only considerable assets count
    housing_grace_period: bool  # § 22 Abs. 1 S. 2: frees the home after the reform (§ 12 Abs. 1 S. 3)
    allowance: Figure[tuple[AgeAllowance, ...]]


def _law(household: Household, on: date) -> _Law:
    terms = household.asset_terms
    law_on = _first_day(terms.approval_period_start) if terms else on
    first = _first_day(terms.first_benefit_month) if terms else on
    start = max(first, EARLIEST_START)  # § 65 Abs. 3 a.F.: not before 2023
    in_grace = start <= on < add_months(start, ASSET_GRACE_PERIOD_MONTHS.value_at(law_on))
    return _Law(law_on, on, in_grace, household.housing.in_grace_period, ASSET_ALLOWANCE.at(law_on))


@lru_cache(maxsize=1024)  # a pure function of a few months: the same handful of lines for every household
def _basis_text(law_on: date, on: date, in_grace_period: bool, source: str) -> tuple[str, str]:
    note = f"§ 12 gilt in der Fassung bei Beginn des Bewilligungszeitraums ({_month(law_on)})"
    if law_on != on:
        note += f", nicht in der des berechneten Monats ({_month(on)})"
    paragraph = source
    if law_on < REFORM_2026 <= on:
        paragraph, note = (
            TRANSITION_SOURCE,
            note + ": der Zeitraum begann vor dem 01.07.2026, daher gilt § 12 a.F. fort",
        )
    if in_grace_period:
        note += "; Karenzzeit für Vermögen: nur erhebliches Vermögen zählt (§ 12 Abs. 3 S. 2 a.F.)"
    return paragraph, note


def _basis_item(household: Household, law: _Law) -> LineItem:
    value = sum([asset.value for member in household.members for asset in member.assets], ZERO)
    paragraph, note = _basis_text(law.law_on, law.on, law.in_grace_period, law.allowance.source)
    return LineItem(None, ItemKind.ASSETS, value, paragraph, note)


def _home_limit(household: Household, asset: Asset, limits: HomeLimits) -> int:
    base = limits.house if asset.home_type is HomeType.HOUSE else limits.flat
    return base + limits.per_further_occupant * max(0, household.occupants - limits.occupants_included)


def _home(household: Household, asset: Asset, law: _Law) -> Exemption | None:
    grace = HOME_IN_GRACE_PERIOD.at(law.law_on)
    if law.in_grace_period if grace.value == "assets" else law.housing_grace_period:
        return grace.source, "selbst genutztes Wohneigentum in der Karenzzeit, unabhängig von seiner Größe"
    limits = OWN_HOME.at(law.law_on)
    limit, area = _home_limit(household, asset, limits.value), asset.living_area_m2 or 0
    if area <= limit:
        return limits.source, f"selbst genutztes Wohneigentum, {area} m² innerhalb von {limit} m²"
    return None


def _car(member: Member, asset: Asset, on: date, car_exempted: bool) -> Exemption | None:
    if asset.appropriate and not car_exempted and age_on(member.birth_date, on) >= EMPLOYABLE_AGE:
        return "§ 12 Abs. 1 S. 2 Nr. 2 SGB II", "ein angemessenes Kraftfahrzeug einer erwerbsfähigen Person"
    return None


EXEMPT_KINDS: dict[AssetKind, Exemption] = {
    AssetKind.HOUSEHOLD_GOODS: ("§ 12 Abs. 1 S. 2 Nr. 1 SGB II", "angemessener Hausrat"),
    AssetKind.PENSION: ("§ 12 Abs. 1 S. 2 Nr. 3 SGB II", "Altersvorsorge"),
}
NOT_EXEMPT_KINDS = frozenset({AssetKind.CASH, AssetKind.SECURITIES, AssetKind.OTHER})


def _exemption(member: Member, household: Household, asset: Asset, law: _Law, car_exempted: bool) -> Exemption | None:
    if asset.hardship:
        return "§ 12 Abs. 1 S. 2 Nr. 7 SGB II", "die Verwertung wäre eine besondere Härte"
    if asset.kind in NOT_EXEMPT_KINDS:
        return None
    exempt_kind = EXEMPT_KINDS.get(asset.kind)
    if exempt_kind is not None:
        return exempt_kind
    if asset.kind is AssetKind.CAR:
        return _car(member, asset, law.on, car_exempted)
    if asset.kind is AssetKind.HOME:
        return _home(household, asset, law)
    return None


COUNTED_REASONS = {
    AssetKind.CAR: (
        " — ein weiteres Kraftfahrzeug, eines, das nicht als angemessen angegeben ist, oder eines nicht "
        "erwerbsfähigen Mitglieds"
    ),
    AssetKind.HOME: " — selbst genutztes Wohneigentum über der Wohnfläche nach § 12 Abs. 1 S. 2 Nr. 5",
}
COUNTED_SOURCE = "§ 12 Abs. 1 S. 1 SGB II"


ASSET_NAMES = {
    AssetKind.CASH: "Bargeld und Guthaben",
    AssetKind.SECURITIES: "Wertpapiere",
    AssetKind.CAR: "Kraftfahrzeug",
    AssetKind.PENSION: "Altersvorsorge",
    AssetKind.HOME: "selbst genutztes Wohneigentum",
    AssetKind.HOUSEHOLD_GOODS: "Hausrat",
    AssetKind.OTHER: "sonstiges Vermögen",
}


def _label(asset: Asset) -> str:
    name = ASSET_NAMES.get(asset.kind, str(asset.kind))
    return f"{name}: {asset.description}" if asset.description else name


def _member_items(member: Member, household: Household, law: _Law) -> tuple[list[LineItem], Decimal]:
    if not member.assets:
        return [], ZERO
    items, counted, car_exempted, person_id = [], ZERO, False, member.person_id
    for asset in member.assets:
        exemption = _exemption(member, household, asset, law, car_exempted)
        if exemption is None:
            note = _label(asset) + COUNTED_REASONS.get(asset.kind, "")
            items.append(LineItem(person_id, ItemKind.ASSET_COUNTED, asset.value, COUNTED_SOURCE, note))
            counted += asset.value
        else:
            car_exempted = car_exempted or asset.kind is AssetKind.CAR
            note = f"{_label(asset)} — {exemption[1]}"
            items.append(LineItem(person_id, ItemKind.ASSET_EXEMPT, asset.value, exemption[0], note))
    return items, counted


def _age_in_month(birth_date: date, on: date) -> int:
    """Age once this month's birthday is reached: the higher allowance holds from the start of that month
    (§ 12 Abs. 2 S. 2), so a 29 February birthday counts in February of every year."""
    return on.year - birth_date.year - (1 if birth_date.month > on.month else 0)


def _allowance(member: Member, law: _Law) -> LineItem:
    if law.in_grace_period:
        figure = CONSIDERABLE_ASSETS.at(law.law_on)
        applicant = member.role is Role.ADULT
        amount = figure.value.applicant if applicant else figure.value.per_further_member
        note = (
            "Betrag des erheblichen Vermögens für die antragstellende Person"
            if applicant
            else "Betrag des erheblichen Vermögens"
        )
        return LineItem(member.person_id, ItemKind.ASSET_ALLOWANCE, amount, figure.source, note)
    bands = law.allowance.value
    if len(bands) == 1:
        return LineItem(member.person_id, ItemKind.ASSET_ALLOWANCE, bands[0].amount, law.allowance.source, "je Person")
    age = max(_age_in_month(member.birth_date, law.on), 0)
    band = max((band for band in bands if band.from_age <= age), key=lambda band: band.from_age)
    note = f"je Person, Alter {age} am Ende des Monats {_month(law.on)}"
    return LineItem(member.person_id, ItemKind.ASSET_ALLOWANCE, band.amount, law.allowance.source, note)


def _transfers(counted: dict[str, Decimal], allowances: dict[str, Decimal], law: _Law) -> list[LineItem]:
    """Unused allowances go to the members whose assets exceed their own, in the order of the members: one line
    per receiving member, naming who gave how much (called only when some member's assets exceed their own)."""
    source = ALLOWANCE_TRANSFER.at(law.law_on).source
    if law.in_grace_period:
        source += " i.V.m. § 12 Abs. 4 S. 1 Hs. 2 a.F."
    unused = {pid: allowances[pid] - counted[pid] for pid in counted if allowances[pid] > counted[pid]}
    items: list[LineItem] = []
    for receiver, amount in counted.items():
        short, given = amount - allowances[receiver], []
        for donor in list(unused):
            if short <= 0:
                break
            moved = min(short, unused[donor])
            short, unused[donor] = short - moved, unused[donor] - moved
            given.append((donor, moved))
        if given:
            received = sum((moved for _, moved in given), ZERO)
            note = "nicht ausgeschöpfter Freibetrag von " + ", ".join(
                f"{donor} {euro(moved)}" for donor, moved in given
            )
            items.append(LineItem(receiver, ItemKind.ASSET_ALLOWANCE_TRANSFER, received, source, note))
    return items


def _excess_item(counted: Decimal, allowance: Decimal, law: _Law) -> LineItem:
    excess = max(ZERO, counted - allowance)
    counted_text = f"zu berücksichtigendes Vermögen {euro(counted)}"
    if excess > 0:
        note = f"{counted_text} übersteigt die Freibeträge {euro(allowance)}: kein Anspruch, bis es verbraucht ist"
    elif law.in_grace_period:
        note = f"{counted_text} ist nicht erheblich (höchstens {euro(allowance)}): in der Karenzzeit zählt keines"
    else:
        note = f"{counted_text} innerhalb der Freibeträge {euro(allowance)}"
    return LineItem(None, ItemKind.ASSET_EXCESS, excess, EXCESS_SOURCE, note)


def asset_check(household: Household, on: date) -> AssetCheck:
    """Lines for every asset, allowance and transfer; the excess bars the entitlement of the whole household."""
    if not any(member.assets for member in household.members):
        return NO_ASSETS
    law = _law(household, on)
    items = [_basis_item(household, law)]
    counted: dict[str, Decimal] = {}
    allowances: dict[str, Decimal] = {}
    someone_short = False
    for member in household.members:
        lines, own = _member_items(member, household, law)
        allowance = _allowance(member, law)
        counted[member.person_id], allowances[member.person_id] = own, allowance.amount
        someone_short = someone_short or own > allowance.amount
        items += lines
        items.append(allowance)
    if someone_short:
        items += _transfers(counted, allowances, law)
    excess = _excess_item(sum(counted.values(), ZERO), sum(allowances.values(), ZERO), law)
    return AssetCheck((*items, excess), excess.amount)

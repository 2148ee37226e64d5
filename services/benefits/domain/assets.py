"""Assets (§ 12 SGB II): what counts, the allowances, and whether assets above them bar the entitlement. No I/O.

The version of § 12 is the one in force when the approval period began (§ 65a Abs. 1): every table is looked
up on `law_on`, the period's start; ages and the Karenzzeit are taken in the month computed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

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
    HomeLimits,
)
from services.benefits.domain.rules.calendar import REFORM_2026
from services.benefits.domain.rules.figure import derived

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


AllowanceTerms = tuple[Decimal, str, str]  # amount, paragraph, note of a member's allowance line


class _Law(NamedTuple):
    """§ 12 as it applies to the month: looked up on the period's start, applied to the month."""

    law_on: date
    on: date
    in_grace_period: bool  # asset Karenzzeit (§ 12 Abs. 3 a.F.): only considerable assets count
    housing_grace_period: bool  # § 22 Abs. 1 S. 2: frees the home after the reform (§ 12 Abs. 1 S. 3)
    basis: tuple[str, str]  # paragraph and note of the line that says which § 12 applies
    # The allowance line of a member, when it does not turn on the member's age: every member's in the
    # Karenzzeit but the applicant's, and everyone's where § 12 has one amount per person (a.F.).
    member_terms: AllowanceTerms | None
    applicant_terms: AllowanceTerms | None
    # By age, where the allowance turns on it: filled as ages come up. A _Law is made once per period start and
    # month (_law_of), so the band and its wording are found once for every member of that age, by an int key.
    by_age: dict[int, AllowanceTerms]


def _month_index(on: date) -> int:
    return on.year * 12 + on.month


def _law(household: Household, on: date) -> _Law:
    terms = household.asset_terms
    if terms is None:
        return _law_by_dates((on, on, on, household.housing.in_grace_period))
    key = (terms.approval_period_start, terms.first_benefit_month, on, household.housing.in_grace_period)
    return _law_by_dates(key)


@derived  # by the two dates of the terms, the month and the housing Karenzzeit: households share a handful
def _law_by_dates(key: tuple[date, date, date, bool]) -> _Law:
    period_start, first_benefit_month, on, housing_grace_period = key
    law_on = _first_day(period_start)
    # The Karenzzeit by month numbers: its start not before 2023 (§ 65 Abs. 3 a.F.), its length as the law
    # in force at the period's start says.
    start = max(_month_index(first_benefit_month), EARLIEST_INDEX)
    months = _month_index(on) - start
    in_grace = 0 <= months < ASSET_GRACE_PERIOD_MONTHS.value_at(law_on)
    return _law_of((law_on, on, in_grace, housing_grace_period))


EARLIEST_INDEX = _month_index(EARLIEST_START)


@derived  # by period start, month and both Karenzzeiten: the same for every household that shares them
def _law_of(key: tuple[date, date, bool, bool]) -> _Law:
    law_on, on, in_grace_period, housing_grace_period = key
    allowance = ASSET_ALLOWANCE.at(law_on)
    basis = _basis_text(law_on, on, in_grace_period, allowance.source)
    member: AllowanceTerms | None
    applicant: AllowanceTerms | None
    if in_grace_period:
        member = _allowance_terms((law_on, on, True, False, 0))
        applicant = _allowance_terms((law_on, on, True, True, 0))
    elif len(allowance.value) == 1:
        member = applicant = _allowance_terms((law_on, on, False, False, 0))
    else:
        member = applicant = None
    return _Law(law_on, on, in_grace_period, housing_grace_period, basis, member, applicant, {})


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
    if asset.kind is AssetKind.CAR:
        return _car(member, asset, law.on, car_exempted)
    if asset.kind is AssetKind.HOME:
        return _home(household, asset, law)
    return EXEMPT_KINDS.get(asset.kind)  # the kinds the kind alone decides (KIND_TERMS skips this call for them)


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


class _KindLine(NamedTuple):
    """An asset line as far as its kind alone decides it, worded once: the exemption's paragraph and note, or the
    counted one's. Per asset only the label and the value remain to fill in."""

    kind: ItemKind
    paragraph: str
    suffix: str  # after the label: " — " and why it is exempt, or why it counts
    counted: bool


class _KindTerms(NamedTuple):
    """What every asset of a kind shares: its name in the line, and the line when the kind alone decides it."""

    name: str
    decided: _KindLine | None  # None: the member, the household or § 12's version decide (a car, the home)
    counted_reason: str


def _decided_line(kind: AssetKind) -> _KindLine | None:
    if kind in NOT_EXEMPT_KINDS:
        return _KindLine(ItemKind.ASSET_COUNTED, COUNTED_SOURCE, COUNTED_REASONS.get(kind, ""), True)
    if kind in EXEMPT_KINDS:
        paragraph, note = EXEMPT_KINDS[kind]
        return _KindLine(ItemKind.ASSET_EXEMPT, paragraph, f" — {note}", False)
    return None


KIND_TERMS = {  # built once: formatting the StrEnum and looking up its tables cost more than the line itself
    kind: _KindTerms(ASSET_NAMES.get(kind, str(kind)), _decided_line(kind), COUNTED_REASONS.get(kind, ""))
    for kind in AssetKind
}
ASSET_COUNTED, ASSET_EXEMPT, ASSET_ALLOWANCE_ITEM = (
    ItemKind.ASSET_COUNTED,
    ItemKind.ASSET_EXEMPT,
    ItemKind.ASSET_ALLOWANCE,
)


def _member_items(member: Member, household: Household, law: _Law, items: list[LineItem]) -> tuple[Decimal, Decimal]:
    """Appends the member's asset lines to `items`; what of them counts, and what they are worth in all.

    The means households' hot loop (bench/benefits_engine.py): the kinds the kind alone decides take a line
    worded in advance; only a car, the home and a hardship go through `_exemption`."""
    counted, worth, car_exempted, person_id, append = ZERO, ZERO, False, member.person_id, items.append
    for asset in member.assets:
        value, terms, description = asset.value, KIND_TERMS[asset.kind], asset.description
        worth += value
        line = terms.decided
        if line is not None and not asset.hardship:  # the line in one string, not the label and then its suffix
            note = f"{terms.name}: {description}{line.suffix}" if description else terms.name + line.suffix
            append(LineItem(person_id, line.kind, value, line.paragraph, note))
            if line.counted:
                counted += value
            continue
        label = f"{terms.name}: {description}" if description else terms.name
        exemption = _exemption(member, household, asset, law, car_exempted)
        if exemption is None:
            append(LineItem(person_id, ASSET_COUNTED, value, COUNTED_SOURCE, label + terms.counted_reason))
            counted += value
        else:
            car_exempted = car_exempted or asset.kind is AssetKind.CAR
            append(LineItem(person_id, ASSET_EXEMPT, value, exemption[0], f"{label} — {exemption[1]}"))
    return counted, worth


def _age_in_month(birth_date: date, on: date) -> int:
    """Age once this month's birthday is reached: the higher allowance holds from the start of that month
    (§ 12 Abs. 2 S. 2), so a 29 February birthday counts in February of every year."""
    return on.year - birth_date.year - (1 if birth_date.month > on.month else 0)


def _allowance(member: Member, law: _Law) -> AllowanceTerms:
    terms = law.applicant_terms if member.role is Role.ADULT else law.member_terms
    if terms is None:  # by age: the band of the member's age in the month computed
        age = max(_age_in_month(member.birth_date, law.on), 0)
        terms = law.by_age.get(age)
        if terms is None:
            terms = law.by_age[age] = _allowance_terms((law.law_on, law.on, False, False, age))
    return terms


@derived  # by month, period start and age: a handful of lines, worded once
def _allowance_terms(key: tuple[date, date, bool, bool, int]) -> AllowanceTerms:
    law_on, on, in_grace_period, applicant, age = key
    if in_grace_period:
        figure = CONSIDERABLE_ASSETS.at(law_on)
        amount = figure.value.applicant if applicant else figure.value.per_further_member
        note = (
            "Betrag des erheblichen Vermögens für die antragstellende Person"
            if applicant
            else "Betrag des erheblichen Vermögens"
        )
        return amount, figure.source, note
    allowance = ASSET_ALLOWANCE.at(law_on)
    bands = allowance.value
    if len(bands) == 1:
        return bands[0].amount, allowance.source, "je Person"
    band = max((band for band in bands if band.from_age <= age), key=lambda band: band.from_age)
    return band.amount, allowance.source, f"je Person, Alter {age} am Ende des Monats {_month(on)}"


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


def _excess_item(counted: Decimal, allowed: list[Decimal], law: _Law) -> LineItem:
    allowance = sum(allowed, ZERO)
    excess = counted - allowance
    if excess < 0:
        excess = ZERO
    # Keyed by the members' table amounts, whose hashes Decimal keeps, not by their sum (a new Decimal per
    # household, hashed afresh): the same few combinations of members every month.
    wording = _excess_wording((tuple(allowed), excess > 0, law.in_grace_period))
    return LineItem(
        None, ItemKind.ASSET_EXCESS, excess, EXCESS_SOURCE, f"zu berücksichtigendes Vermögen {euro(counted)}{wording}"
    )


@derived  # by the members' allowances (table amounts, a handful of combinations per month) and the outcome
def _excess_wording(key: tuple[tuple[Decimal, ...], bool, bool]) -> str:
    allowed, exceeds, in_grace_period = key
    allowance = sum(allowed, ZERO)
    if exceeds:
        return f" übersteigt die Freibeträge {euro(allowance)}: kein Anspruch, bis es verbraucht ist"
    if in_grace_period:
        return f" ist nicht erheblich (höchstens {euro(allowance)}): in der Karenzzeit zählt keines"
    return f" innerhalb der Freibeträge {euro(allowance)}"


def asset_check(household: Household, on: date) -> AssetCheck:
    """Lines for every asset, allowance and transfer; the excess bars the entitlement of the whole household."""
    members = household.members
    for member in members:
        if member.assets:
            break
    else:
        return NO_ASSETS
    law = _law(household, on)
    items: list[LineItem] = []
    counted, allowed, worth, someone_short = [], [], ZERO, False
    for member in members:
        own = ZERO
        if member.assets:
            own, member_worth = _member_items(member, household, law, items)
            worth += member_worth
        amount, paragraph, note = _allowance(member, law)
        counted.append(own)
        allowed.append(amount)
        if own > amount:
            someone_short = True
        items.append(LineItem(member.person_id, ASSET_ALLOWANCE_ITEM, amount, paragraph, note))
    if someone_short:
        ids = [member.person_id for member in members]
        items += _transfers(dict(zip(ids, counted, strict=True)), dict(zip(ids, allowed, strict=True)), law)
    excess = _excess_item(sum(counted, ZERO), allowed, law)
    basis = law.basis
    return AssetCheck((LineItem(None, ItemKind.ASSETS, worth, basis[0], basis[1]), *items, excess), excess.amount)

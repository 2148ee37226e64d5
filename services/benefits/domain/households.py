"""A household as the benefits clerk entered it, and from that (plus the pay that flows) the engine's household.

No I/O. Checks name the field that is wrong, in the same dotted form as request validation
(`members.1.birth_date`), so the clerk's form can point at it.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from services.benefits.domain.asset_items import Asset, AssetTerms
from services.benefits.domain.employments import Pay
from services.benefits.domain.entered_incomes import EnteredIncome, check_income, month_incomes, superseded_costs
from services.benefits.domain.grace_period import in_grace_period
from services.benefits.domain.levels import ADULT_AGE, CHILD_AGE_LIMIT, age_on
from services.benefits.domain.model import EarnedIncome, Household, Housing, Member, OtherIncome, Role
from services.platform.auth.staff import Role as StaffRole
from services.platform.errors import RuleViolation

# Who sees a household's special-category data (a member's disability, GDPR Art. 9): the benefits clerks
# of its office, who compute and decide with it.
SPECIAL_CATEGORY_READERS = frozenset({StaffRole.BENEFITS_CLERK})


@dataclass(frozen=True)
class EnteredOtherIncome:
    amount: Decimal
    description: str = "other income"


@dataclass(frozen=True)
class EnteredMember:
    role: Role
    birth_date: date
    client_id: UUID | None = None
    pregnant: bool = False
    disabled_with_participation: bool = False  # health data (GDPR Art. 9): stored sealed
    in_training_under_25: bool = False
    has_minor_child_elsewhere: bool = False
    receives_child_benefit: bool | None = None  # None: yes for children under 18
    other_incomes: tuple[EnteredOtherIncome, ...] = ()  # already net, every month (before incomes by kind)
    incomes: tuple[EnteredIncome, ...] = ()  # by kind, with inflow months and proof
    assets: tuple[Asset, ...] = ()


@dataclass(frozen=True)
class EnteredHousing:
    rent: Decimal
    heating: Decimal
    appropriate_rent: Decimal
    appropriate_heating: Decimal | None = None
    decentral_hot_water: bool = False
    grace_period_start: date | None = None  # None: the month of the household's first grant
    grace_period_exception: bool = False
    in_cost_reduction_period: bool = False
    other_occupants: int = 0


@dataclass(frozen=True)
class EnteredHousehold:
    """The clerk's inputs; registered clients' pay comes from placement, other income the clerk enters."""

    members: tuple[EnteredMember, ...]
    housing: EnteredHousing
    provisional: bool = False  # § 41a: 6-month approval period

    @property
    def client_ids(self) -> set[UUID]:
        return {member.client_id for member in self.members if member.client_id is not None}


@dataclass(frozen=True)
class EnterHousehold:
    """The clerk's inputs for a household from `month` on."""

    household_id: UUID
    month: date
    household: EnteredHousehold


@dataclass(frozen=True)
class AssumedPay:
    client_id: UUID
    pay: Pay


@dataclass(frozen=True)
class WhatIf:
    """A computation for `month` under assumed pay, with the entered household or `household`."""

    household_id: UUID
    month: date
    assumed_pays: tuple[AssumedPay, ...] = ()
    include_recorded_income: bool = True
    household: EnteredHousehold | None = None


def person_id(member: EnteredMember, position: int) -> str:
    """The id the explanation lines name: the client id, or `member-<n>` for members not registered."""
    return str(member.client_id) if member.client_id else f"member-{position + 1}"


def _last_day(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _check_roles(household: EnteredHousehold, prefix: str) -> None:
    roles = [member.role for member in household.members]
    if roles.count(Role.ADULT) != 1:
        raise RuleViolation(f"{prefix}members", "a household has exactly one adult (the applicant)")
    if roles.count(Role.PARTNER) > 1:
        raise RuleViolation(f"{prefix}members", "a household has at most one partner (§ 7 Abs. 3 Nr. 3)")


def _check_member(member: EnteredMember, field: str, month: date) -> None:
    if member.birth_date > _last_day(month):
        raise RuleViolation(f"{field}.birth_date", f"lies after {month:%Y-%m}, the month computed")
    age = age_on(member.birth_date, month)
    if member.role is Role.CHILD and age >= CHILD_AGE_LIMIT:
        raise RuleViolation(
            f"{field}.birth_date", f"a child aged {age} is not part of the household (§ 7 Abs. 3 Nr. 4 SGB II)"
        )
    if member.receives_child_benefit and member.role is not Role.CHILD:
        raise RuleViolation(f"{field}.receives_child_benefit", "only children are counted with Kindergeld")


def _check_client(member: EnteredMember, field: str, registered: Collection[UUID], seen: set[UUID]) -> None:
    if member.client_id is None:
        return
    if member.client_id not in registered:
        raise RuleViolation(f"{field}.client_id", "is not a registered client of this household")
    if member.client_id in seen:
        raise RuleViolation(f"{field}.client_id", "names a client who is already a member")
    seen.add(member.client_id)


def check_inputs(household: EnteredHousehold, registered: Collection[UUID], month: date, prefix: str = "") -> None:
    """Raise RuleViolation naming the first field that cannot describe a household in `month`."""
    _check_roles(household, prefix)
    seen: set[UUID] = set()
    for position, member in enumerate(household.members):
        field = f"{prefix}members.{position}"
        _check_client(member, field, registered, seen)
        _check_member(member, field, month)
        for index, income in enumerate(member.incomes):
            check_income(income, f"{field}.incomes.{index}")


def _single_parent(member: EnteredMember, household: EnteredHousehold) -> bool:
    """§ 21 Abs. 3: the adult lives without a partner with the household's children (derived, not entered)."""
    roles = {other.role for other in household.members}
    return member.role is Role.ADULT and Role.PARTNER not in roles and Role.CHILD in roles


def _child_benefit(member: EnteredMember, month: date) -> bool:
    if member.receives_child_benefit is not None:
        return member.receives_child_benefit
    return member.role is Role.CHILD and age_on(member.birth_date, month) < ADULT_AGE


def _member(
    member: EnteredMember,
    position: int,
    household: EnteredHousehold,
    pays: Sequence[Pay],
    month: date,
    since: date | None,
) -> Member:
    earned, receipts = month_incomes(member.incomes, month, since)
    carried = superseded_costs(member.incomes, month, since) if pays else Decimal(0)
    placement_pay = tuple(
        EarnedIncome(pay.gross, pay.net, month, proven_costs=carried if index == 0 else Decimal(0))
        for index, pay in enumerate(pays)
    )
    return Member(
        person_id(member, position),
        member.role,
        member.birth_date,
        pregnant_after_week_12=member.pregnant,
        disability_participation=member.disabled_with_participation,
        single_parent=_single_parent(member, household),
        under_25_in_training=member.in_training_under_25 or any(pay.apprenticeship for pay in pays),
        has_minor_child_elsewhere=member.has_minor_child_elsewhere,
        receives_child_benefit=_child_benefit(member, month),
        earned_income=(*placement_pay, *earned),
        other_income=tuple(OtherIncome(other.amount, month, other.description) for other in member.other_incomes),
        receipts=receipts,
        assets=member.assets,
    )


def _grace_start(housing: EnteredHousing, month: date, first_grant_month: date | None) -> date:
    return housing.grace_period_start or first_grant_month or month


def _housing(housing: EnteredHousing, month: date, first_grant_month: date | None) -> Housing:
    grace_start = _grace_start(housing, month, first_grant_month)
    return Housing(
        housing.rent,
        housing.heating,
        housing.appropriate_rent,
        in_grace_period=in_grace_period(grace_start, month),
        appropriate_heating=housing.appropriate_heating,
        in_cost_reduction_period=housing.in_cost_reduction_period,
        grace_period_exception=housing.grace_period_exception,
        decentral_hot_water=housing.decentral_hot_water,
        other_occupants=housing.other_occupants,
    )


def _asset_terms(
    entered: EnteredHousehold, month: date, approval_period_start: date | None, first_grant_month: date | None
) -> AssetTerms | None:
    """§ 12 by the approval period's start (§ 65a Abs. 1); the asset Karenzzeit starts with the housing one."""
    if not any(member.assets for member in entered.members):
        return None
    return AssetTerms(approval_period_start or month, _grace_start(entered.housing, month, first_grant_month))


def engine_household(
    entered: EnteredHousehold,
    month: date,
    pays: Mapping[UUID, Sequence[Pay]],
    first_grant_month: date | None = None,
    *,
    approval_period_start: date | None = None,
    placement_since: Mapping[UUID, date] | None = None,
) -> Household:
    """The household for `month`; `pays` is the pay flowing in that month per registered client.

    `approval_period_start` is that of the decision in force for the month (None: a new grant starts with
    it); `placement_since` the first month placement recorded pay for each client (see `entered_incomes`).
    """
    since = placement_since or {}
    members = tuple(
        _member(
            member,
            position,
            entered,
            pays.get(member.client_id, ()) if member.client_id else (),
            month,
            since.get(member.client_id) if member.client_id else None,
        )
        for position, member in enumerate(entered.members)
    )
    housing = _housing(entered.housing, month, first_grant_month)
    return Household(members, housing, _asset_terms(entered, month, approval_period_start, first_grant_month))

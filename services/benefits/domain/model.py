"""Inputs of the computation: a household (Bedarfsgemeinschaft, § 7 Abs. 3 SGB II) in a month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.benefits.domain.asset_items import Asset, AssetTerms
from services.benefits.domain.errors import InvalidHousehold
from services.benefits.domain.receipts import Proof, Receipt


class Role(StrEnum):
    ADULT = "adult"  # the employable person the household is built around, § 7 Abs. 3 Nr. 1
    PARTNER = "partner"  # § 7 Abs. 3 Nr. 3
    CHILD = "child"  # unmarried child under 25, § 7 Abs. 3 Nr. 4


def same_month(a: date, b: date) -> bool:
    return (a.year, a.month) == (b.year, b.month)


@dataclass(frozen=True)
class EarnedIncome:
    """Pay from work; it counts in the month it flows in (Zuflussprinzip, § 11 Abs. 2 SGB II)."""

    gross: Decimal
    net: Decimal
    inflow_month: date
    description: str = ""  # empty: pay placement announced; else what the clerk entered
    proof: Proof = Proof.PROVEN
    proven_costs: Decimal = Decimal(0)  # § 11b Abs. 1 S. 1 Nr. 3–5 as proven, for § 11b Abs. 2 S. 2

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.net <= self.gross:
            raise InvalidHousehold(f"net pay {self.net} must lie between 0 and gross pay {self.gross}")
        if self.proven_costs < 0:
            raise InvalidHousehold(f"proven costs {self.proven_costs} must not be negative")


@dataclass(frozen=True)
class OtherIncome:
    """Income that is not pay, already net of § 11b Abs. 1 deductions (e.g. maintenance)."""

    amount: Decimal
    inflow_month: date
    description: str = "other income"

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise InvalidHousehold(f"{self.description} must not be negative")


@dataclass(frozen=True)
class Member:
    person_id: str
    role: Role
    birth_date: date
    pregnant_after_week_12: bool = False  # § 21 Abs. 2
    disability_participation: bool = False  # § 21 Abs. 4: receives participation benefits
    single_parent: bool = False  # § 21 Abs. 3: cares alone for minor children in the household
    under_25_in_training: bool = False  # § 11b Abs. 2b: school, apprenticeship, training, volunteer service
    has_minor_child_elsewhere: bool = False  # § 11b Abs. 3 S. 3: 1,500 band limit for a child outside
    receives_child_benefit: bool = False  # Kindergeld is paid for this child
    earned_income: tuple[EarnedIncome, ...] = ()
    other_income: tuple[OtherIncome, ...] = ()
    receipts: tuple[Receipt, ...] = ()  # income by kind, with the deductions its kind has
    assets: tuple[Asset, ...] = ()

    def earned_in(self, month: date) -> tuple[EarnedIncome, ...]:
        return tuple(pay for pay in self.earned_income if same_month(pay.inflow_month, month))

    def other_in(self, month: date) -> tuple[OtherIncome, ...]:
        return tuple(income for income in self.other_income if same_month(income.inflow_month, month))

    def receipts_in(self, month: date) -> tuple[Receipt, ...]:
        year, number = month.year, month.month  # no call per receipt: most households have several
        # A list first: tuple() of a generator costs a frame switch per receipt.
        return tuple([r for r in self.receipts if r.inflow_month.month == number and r.inflow_month.year == year])


@dataclass(frozen=True)
class Housing:
    """Monthly housing costs of the flat; the appropriate rent is the district's figure."""

    rent: Decimal  # Unterkunft incl. service charges
    heating: Decimal
    appropriate_rent: Decimal  # local figure for this household size (office/district data)
    in_grace_period: bool  # Karenzzeit, first year of benefits, § 22 Abs. 1 S. 2
    appropriate_heating: Decimal | None = None  # None: heating costs were not found excessive
    in_cost_reduction_period: bool = False  # the household was told to lower its costs and still may
    grace_period_exception: bool = False  # clerk accepted a higher rent in the Karenzzeit (§ 22 Abs. 1 S. 7 n.F.)
    decentral_hot_water: bool = False  # hot water made in the flat, § 21 Abs. 7
    other_occupants: int = 0  # people in the flat outside the household; they carry their own head share

    def __post_init__(self) -> None:
        amounts = (self.rent, self.heating, self.appropriate_rent, self.appropriate_heating or Decimal(0))
        if min(amounts) < 0 or self.other_occupants < 0:
            raise InvalidHousehold("housing costs and occupants must not be negative")


@dataclass(frozen=True)
class Household:
    members: tuple[Member, ...]
    housing: Housing
    asset_terms: AssetTerms | None = None  # None: the month computed starts both the period and the benefits

    def __post_init__(self) -> None:
        roles = [member.role for member in self.members]
        if roles.count(Role.ADULT) != 1 or roles.count(Role.PARTNER) > 1:
            raise InvalidHousehold("a household has exactly one adult and at most one partner")
        if len({member.person_id for member in self.members}) != len(self.members):
            raise InvalidHousehold("person ids must be unique")

    @property
    def adult(self) -> Member:
        return next(member for member in self.members if member.role is Role.ADULT)

    @property
    def partner(self) -> Member | None:
        return next((member for member in self.members if member.role is Role.PARTNER), None)

    @property
    def children(self) -> tuple[Member, ...]:
        return tuple(member for member in self.members if member.role is Role.CHILD)

    @property
    def occupants(self) -> int:
        return len(self.members) + self.housing.other_occupants

"""Asset rules (§ 12 SGB II) before and after the 2026-07-01 reform.

Which version applies is looked up by the START OF THE APPROVAL PERIOD, not by the month computed:
§ 65a Abs. 1 n.F. keeps § 12 a.F. for approval periods that began before 2026-07-01. So a table's
value ending 2026-06-30 means "for periods that began by then".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.benefits.domain.rules.figure import Provision
from services.benefits.domain.rules.table_values import BadTableValue, TableValue

TRANSITION_SOURCE = "§ 65a Abs. 1 SGB II"
"""For approval periods that began before 2026-07-01, § 12 as in force until 2026-06-30 applies."""


@dataclass(frozen=True)
class AgeAllowance:
    """`amount` for each person from the start of the month in which they reach `from_age`."""

    from_age: int
    amount: Decimal


def _age_allowances(value: TableValue) -> tuple[AgeAllowance, ...]:
    def allowance(item: TableValue) -> AgeAllowance:
        fields = item.fields("from_age", "amount")
        return AgeAllowance(fields["from_age"].integer(), fields["amount"].money())

    return tuple(allowance(item) for item in value.items())


ASSET_ALLOWANCE: Provision[tuple[AgeAllowance, ...]] = Provision(
    "asset_allowance", "assets.allowance_per_person (§ 12 Abs. 2)", _age_allowances
)

ASSET_GRACE_PERIOD_MONTHS: Provision[int] = Provision(
    "asset_grace_period_months", "assets.grace_period_months (§ 12 Abs. 3)", TableValue.integer
)


@dataclass(frozen=True)
class ConsiderableAssets:
    """§ 12 Abs. 4 S. 1 a.F.: in the Karenzzeit only assets above these amounts count, and then they are the
    allowances instead of Abs. 2's (S. 4); unused amounts pass between members (Hs. 2 with Abs. 2 S. 2)."""

    applicant: Decimal
    per_further_member: Decimal


def _considerable(value: TableValue) -> ConsiderableAssets:
    fields = value.fields("applicant", "per_further_member")
    return ConsiderableAssets(fields["applicant"].money(), fields["per_further_member"].money())


CONSIDERABLE_ASSETS: Provision[ConsiderableAssets] = Provision(
    "considerable_assets", "assets.considerable (§ 12 Abs. 4)", _considerable
)


@dataclass(frozen=True)
class HomeLimits:
    """An owner-occupied home is exempt up to these living areas (m²), more for larger households."""

    house: int
    flat: int
    occupants_included: int
    per_further_occupant: int


def _home_limits(value: TableValue) -> HomeLimits:
    fields = value.fields("house", "flat", "occupants_included", "per_further_occupant")
    return HomeLimits(*(fields[name].integer() for name in fields))


def _grace_period_kind(value: TableValue) -> str:
    kind = value.text()
    if kind not in ("assets", "housing"):
        raise BadTableValue(value.path, f"{kind!r} is neither assets nor housing")
    return kind


OWN_HOME: Provision[HomeLimits] = Provision("own_home", "assets.own_home (§ 12 Abs. 1 S. 2 Nr. 5)", _home_limits)

HOME_IN_GRACE_PERIOD: Provision[str] = Provision(
    # Which Karenzzeit frees the home whatever its size: before the reform the asset Karenzzeit (the
    # considerable-assets test leaves the home out, § 12 Abs. 4 S. 2 a.F.), after it the housing one.
    "home_in_grace_period",
    "assets.own_home_in_grace_period (§ 12)",
    _grace_period_kind,
)

ALLOWANCE_TRANSFER: Provision[bool] = Provision(
    # Unused allowances of the other members pass to a member whose assets exceed their own.
    "allowance_transfer",
    "assets.allowance_transfer (§ 12 Abs. 2)",
    TableValue.flag,
)

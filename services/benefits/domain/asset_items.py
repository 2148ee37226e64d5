"""What a household owns, as the engine gets it (§ 12 SGB II). No logic here; the test is in `assets`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.benefits.domain.errors import InvalidHousehold


class AssetKind(StrEnum):
    CASH = "cash"  # cash, current and savings accounts
    SECURITIES = "securities"  # shares, funds, bonds
    CAR = "car"  # one appropriate car per employable member is exempt (§ 12 Abs. 1 S. 2 Nr. 2)
    PENSION = "pension"  # provision for old age (§ 12 Abs. 1 S. 2 Nr. 3)
    HOME = "home"  # owner-occupied house or flat (§ 12 Abs. 1 S. 2 Nr. 5)
    HOUSEHOLD_GOODS = "household_goods"  # appropriate household goods (§ 12 Abs. 1 S. 2 Nr. 1)
    OTHER = "other"


class HomeType(StrEnum):
    HOUSE = "house"  # Hausgrundstück
    FLAT = "flat"  # Eigentumswohnung


@dataclass(frozen=True)
class Asset:
    """One asset of a member at its market value (Verkehrswert, § 12 Abs. 5 a.F. / Abs. 3 n.F.)."""

    kind: AssetKind
    value: Decimal
    description: str = ""
    living_area_m2: int | None = None  # the home only
    home_type: HomeType = HomeType.FLAT
    appropriate: bool = True  # a car: declared appropriate in the application (Nr. 2 Hs. 2)
    hardship: bool = False  # using it would be a particular hardship (Nr. 7), as the clerk found

    def __post_init__(self) -> None:
        if self.value < 0:
            raise InvalidHousehold("an asset's value must not be negative")
        if self.kind is AssetKind.HOME and self.living_area_m2 is None:
            raise InvalidHousehold("an owner-occupied home needs its living area (§ 12 Abs. 1 S. 2 Nr. 5)")


@dataclass(frozen=True)
class AssetTerms:
    """The dates § 12 turns on, besides the month computed."""

    approval_period_start: date  # which § 12 applies (§ 65a Abs. 1): the period's start, not the month
    first_benefit_month: date  # start of the asset Karenzzeit (§ 12 Abs. 3 a.F.)

"""Earned-income deductions (§ 11b SGB II) and the Minijob limit (§ 8 Abs. 1a SGB IV)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.benefits.domain.rules.figure import Provision
from services.benefits.domain.rules.table_values import TableValue


@dataclass(frozen=True)
class Band:
    """`percent` of the part of gross pay above `lower` and not above `upper`."""

    lower: Decimal
    upper: Decimal
    percent: Decimal


@dataclass(frozen=True)
class AllowanceBands:
    basic_amount: Decimal  # § 11b Abs. 2 S. 1, replaces Abs. 1 Nr. 3–5
    bands: tuple[Band, ...]  # § 11b Abs. 3 S. 2
    top_with_minor_child: Decimal  # § 11b Abs. 3 S. 3 (a.F.) / S. 3: 1,500 instead of 1,200


def _band(value: TableValue) -> Band:
    fields = value.fields("lower", "upper", "percent")
    return Band(fields["lower"].money(), fields["upper"].money(), fields["percent"].percent())


def _allowance_bands(value: TableValue) -> AllowanceBands:
    fields = value.fields("basic_amount", "bands", "top_with_minor_child")
    bands = tuple(_band(band) for band in fields["bands"].items())
    return AllowanceBands(fields["basic_amount"].money(), bands, fields["top_with_minor_child"].money())


EARNED_INCOME_ALLOWANCE: Provision[AllowanceBands] = Provision(
    "earned_income_allowance", "earned_income_allowance (§ 11b)", _allowance_bands
)

TRAINEE_SKIPS_FIRST_BAND: Provision[bool] = Provision(
    "trainee_skips_first_band", "earned_income_allowance.under_25_trainee (§ 11b Abs. 2b)", TableValue.flag
)

MINIJOB_LIMIT: Provision[Decimal] = Provision("minijob_limit", "minijob_limit (§ 8 Abs. 1a SGB IV)", TableValue.money)

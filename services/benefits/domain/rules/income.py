"""Income deductions: earned income (§ 11b SGB II), the Minijob limit (§ 8 Abs. 1a SGB IV), the flat insurance
allowance (§ 6 Bürgergeld-V), training grants (§ 11b Abs. 2b), Elterngeld (§ 10 BEEG) and pensions with
Grundrente years (§ 11b Abs. 2a)."""

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

PROVEN_COSTS_THRESHOLD: Provision[Decimal] = Provision(
    # § 11b Abs. 2 S. 2: above this gross pay a month, proven Abs. 1 Nr. 3–5 costs above the basic amount replace it.
    "proven_costs_threshold",
    "earned_income_allowance.proven_costs_above (§ 11b Abs. 2 S. 2)",
    TableValue.money,
)

MINIJOB_LIMIT: Provision[Decimal] = Provision("minijob_limit", "minijob_limit (§ 8 Abs. 1a SGB IV)", TableValue.money)

INSURANCE_ALLOWANCE: Provision[Decimal] = Provision(
    # § 11b Abs. 1 S. 1 Nr. 3 SGB II as a flat amount for adults; the basic amount of Abs. 2 (or 2b) replaces
    # it for a person with earned income, so it comes off their other income only without pay that month.
    "insurance_allowance",
    "other_income.insurance_allowance (§ 11b Abs. 1 S. 1 Nr. 3)",
    TableValue.money,
)

TRAINING_GRANT_DEDUCTION: Provision[Decimal] = Provision(
    # BAföG, Berufsausbildungsbeihilfe and like grants count (§ 11a Abs. 3 S. 2 Nr. 3–4); for Abs. 1 Nr. 3–5
    # at least this much comes off them unless the basic amount already came off pay (§ 11b Abs. 2b S. 4–5).
    "training_grant_deduction",
    "training_grant.minimum_deduction (§ 11b Abs. 2b S. 4)",
    TableValue.money,
)


@dataclass(frozen=True)
class ParentalAllowanceExemption:
    """Elterngeld counts in SGB II (§ 10 Abs. 5 S. 1 BEEG) except as much as the earnings before the birth it
    was computed from, up to `basic` a month (S. 2); half of that with ElterngeldPlus (§ 10 Abs. 4 BEEG)."""

    basic: Decimal
    plus: Decimal


def _parental_allowance_exemption(value: TableValue) -> ParentalAllowanceExemption:
    fields = value.fields("basic", "plus")
    return ParentalAllowanceExemption(fields["basic"].money(), fields["plus"].money())


PARENTAL_ALLOWANCE_EXEMPTION: Provision[ParentalAllowanceExemption] = Provision(
    "parental_allowance_exemption", "parental_allowance.exempt (§ 10 Abs. 5 BEEG)", _parental_allowance_exemption
)


@dataclass(frozen=True)
class GrundrenteAllowance:
    """§ 11b Abs. 2a SGB II with § 82a Abs. 1 SGB XII: `free` euros of the pension plus `percent` of the rest,
    at most `cap_percent_of_level_1` percent of Regelbedarfsstufe 1."""

    free: Decimal
    percent: Decimal
    cap_percent_of_level_1: Decimal


def _grundrente_allowance(value: TableValue) -> GrundrenteAllowance:
    fields = value.fields("free", "percent", "cap_percent_of_level_1")
    return GrundrenteAllowance(
        fields["free"].money(), fields["percent"].percent(), fields["cap_percent_of_level_1"].percent()
    )


GRUNDRENTE_ALLOWANCE: Provision[GrundrenteAllowance] = Provision(
    "grundrente_allowance", "grundrente_allowance (§ 11b Abs. 2a SGB II, § 82a SGB XII)", _grundrente_allowance
)

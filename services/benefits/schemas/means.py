"""HTTP bodies of a member's means: income by kind (§ 11 SGB II) and assets by category (§ 12 SGB II)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from contracts.events import Euros
from services.benefits.domain.asset_items import AssetKind, HomeType
from services.benefits.domain.receipts import IncomeKind, Proof
from services.platform.http.fields import StaffDate, Text

Note = Annotated[Text, StringConstraints(strip_whitespace=True, max_length=100)]


class IncomeIn(BaseModel):
    """Monthly income of the member by kind, flowing in each month from `inflow_from` to `inflow_until`.

    A registered client's job that placement records counts from placement's first pay month on; a job entered
    here for that client then no longer counts, unless `separate_job` says it is a second job."""

    model_config = ConfigDict(extra="forbid")
    kind: IncomeKind = Field(
        description="employment, self_employment, unemployment_benefit (SGB III), pension, maintenance, "
        "advance_maintenance (UVG), parental_allowance (Elterngeld), student_grant (BAföG, BAB), "
        "maternity_benefit (not counted, § 11a Abs. 1 Nr. 6), inheritance (one-off inheritance, legacy or "
        "compulsory portion: not counted, § 11a Abs. 1 Nr. 7; inflow_until = inflow_from), other"
    )
    amount: Euros = Field(
        description="a month's gross pay (employment), profit: takings less business expenses (self_employment), "
        "or the amount paid out"
    )
    net: Euros | None = Field(
        None, description="employment and self_employment only: after taxes and compulsory contributions"
    )
    deductions: Euros = Field(
        Decimal(0),
        description="other kinds: taxes, compulsory contributions and costs as proven (§ 11b Abs. 1 S. 1 Nr. 1–5)",
    )
    inflow_from: StaffDate = Field(description="first day of the first month it flows in (§ 11 Abs. 2)")
    inflow_until: StaffDate | None = Field(None, description="first day of the last month it flows in; null: ongoing")
    proof: Proof = Field(description="declared (proof outstanding) or proven")
    description: Note = ""
    separate_job: bool = Field(False, description="employment: a job besides the one placement recorded")
    earnings_before_birth: Euros | None = Field(
        None, description="parental_allowance: the monthly earnings before the birth it was computed from"
    )
    parental_allowance_plus: bool = Field(False, description="parental_allowance: ElterngeldPlus")
    back_payment: bool = Field(
        False,
        description="a back payment (Nachzahlung) for earlier months, flowing in once in inflow_from (no "
        "inflow_until); of any kind, back pay too (with its gross and net). It counts there in full unless that "
        "ends the entitlement; then one sixth counts in each of six months from inflow_from on (§ 11 Abs. 3 "
        "SGB II), as decided once when entered",
    )
    spread: bool | None = Field(
        None,
        description="back_payment: as decided when it was first entered (true: spread over six months; null: not "
        "decidable yet, counted in full). Shown, never set: a value sent back is replaced by the stored decision",
    )
    spread_counted: Euros | None = Field(
        None,
        description="back pay (employment, self_employment) spread: what it added to the member's counted pay in "
        "the inflow month after taxes, contributions and its share of the § 11b Abs. 2, 3 allowances, which come "
        "off first (§ 11b Abs. 1 S. 2); one sixth of it counts in each of the six months. Shown, never set",
    )
    grundrente_years_proven: bool = Field(
        False,
        description="pension only: the pension insurer's (or a professional scheme's) notice proves at least 33 "
        "years of Grundrentenzeiten or comparable times, so the allowance of § 11b Abs. 2a SGB II with § 82a "
        "SGB XII comes off; without that proof none does (§ 69 SGB II)",
    )
    proven_costs: Euros = Field(
        Decimal(0),
        description="employment and self_employment only: the month's proven insurance, subsidised pension "
        "contributions and necessary costs of the work (§ 11b Abs. 1 S. 1 Nr. 3–5). With gross pay above 400 EUR "
        "they replace the basic amount of 100 EUR where they exceed it (§ 11b Abs. 2 S. 2)",
    )

    pension_provision: Euros = Field(
        Decimal(0),
        description="self_employment only: the month's contributions to old-age provision of a person exempt from "
        "compulsory pension insurance (§ 11b Abs. 1 S. 1 Nr. 3 b SGB II). Compulsory contributions (e.g. KSK, "
        "craftspeople) are in `net`. Counted with proven_costs for § 11b Abs. 2 S. 2",
    )
    health_insurance: Euros = Field(
        Decimal(0),
        description="self_employment only: the month's health and care insurance of a person not compulsorily "
        "insured, as far as § 26 SGB II does not subsidise it (§ 11b Abs. 1 S. 1 Nr. 3 a). Counted with "
        "proven_costs for § 11b Abs. 2 S. 2",
    )

    @model_validator(mode="after")
    def _months(self) -> IncomeIn:
        for month in (self.inflow_from, self.inflow_until):
            if month is not None and month.day != 1:
                raise ValueError("inflow months are given by their first day")
        return self


class AssetIn(BaseModel):
    """One asset of the member at its market value (Verkehrswert); exempt categories are entered too."""

    model_config = ConfigDict(extra="forbid")
    kind: AssetKind = Field(
        description="cash (and accounts), securities, car, pension (provision for old age), home "
        "(owner-occupied), household_goods, other"
    )
    value: Euros
    description: Note = ""
    living_area_m2: int | None = Field(None, ge=1, le=2000, description="home only: living area")
    home_type: HomeType = Field(HomeType.FLAT, description="home only: house or flat")
    appropriate: bool = Field(True, description="car: declared appropriate in the application")
    hardship: bool = Field(False, description="using it would be a particular hardship (§ 12 Abs. 1 S. 2 Nr. 7)")

    @model_validator(mode="after")
    def _home_area(self) -> AssetIn:
        if self.kind is AssetKind.HOME and self.living_area_m2 is None:
            raise ValueError("an owner-occupied home needs living_area_m2 (§ 12 Abs. 1 S. 2 Nr. 5)")
        return self

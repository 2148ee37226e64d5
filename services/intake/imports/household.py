"""The benefits household of a migrated record, in the shape of benefits' `PUT /households/{household_id}` body.

Intake checks the shape the record's report can name field by field (the month, each member's role and birth
date, the housing costs, the list sizes — the same bounds as benefits' `HouseholdIn`); benefits' own rules (one
adult, at most one partner, income and asset kinds, § 22 limits) decide again when the journey's worker enters it,
and a refusal there reaches the import's report as the `household` part with benefits' reasons. Incomes, assets
and other incomes pass through as benefits takes them: their kinds are benefits' vocabulary, not intake's.

A member names its own legacy record by `legacy_id` (the record itself, or another record of the same
`household_key`); intake puts that member's client id in when it hands the household to the worker.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from services.platform.http.fields import StaffDate

Euros = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]  # as benefits' (contracts.events.Euros)
LegacyRef = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[ -~]+$")]
PassedOn = dict[str, Any]  # checked by benefits, whose kinds they are


def _first_of_month(value: date) -> date:
    if value.day != 1:
        raise ValueError("must be the first day of a month")
    return value


class MemberImportIn(BaseModel):
    """One member of the Bedarfsgemeinschaft (§ 7 Abs. 3 SGB II)."""

    model_config = ConfigDict(extra="forbid")
    legacy_id: LegacyRef | None = Field(None, description="the member's own legacy record, if they have one")
    role: Literal["adult", "partner", "child"] = Field(description="adult (the applicant), partner, or child")
    birth_date: StaffDate
    pregnant: bool = False
    disabled_with_participation: bool = False
    in_training_under_25: bool = False
    has_minor_child_elsewhere: bool = False
    receives_child_benefit: bool | None = None
    other_incomes: list[PassedOn] = Field(default_factory=list, max_length=10)
    incomes: list[PassedOn] = Field(default_factory=list, max_length=20, description="as benefits' IncomeIn")
    assets: list[PassedOn] = Field(default_factory=list, max_length=30, description="as benefits' AssetIn")


class HousingImportIn(BaseModel):
    """Monthly housing costs (§ 22 SGB II) and the district's appropriateness limit."""

    model_config = ConfigDict(extra="forbid")
    rent: Euros
    heating: Euros
    appropriate_rent: Euros
    appropriate_heating: Euros | None = None
    decentral_hot_water: bool = False
    grace_period_start: Annotated[StaffDate, AfterValidator(_first_of_month)] | None = None
    grace_period_exception: bool = False
    in_cost_reduction_period: bool = False
    other_occupants: int = Field(0, ge=0, le=20)


class HouseholdImportIn(BaseModel):
    """The household's inputs from `month` on, entered at benefits as a clerk's `PUT /households/{id}` would."""

    model_config = ConfigDict(extra="forbid")
    month: Annotated[StaffDate, AfterValidator(_first_of_month)] = Field(description="first day of the month")
    members: list[MemberImportIn] = Field(min_length=1, max_length=20)
    housing: HousingImportIn
    provisional: bool = Field(False, description="a provisional decision (§ 41a)")

    def sealed_value(self) -> dict[str, Any]:
        """What intake seals under the person's key: the body as given (legacy ids still unresolved)."""
        return self.model_dump(mode="json")


def put_body(sealed: dict[str, Any], client_ids: dict[str, str]) -> dict[str, Any]:
    """The `PUT /households/{id}` body: each member's legacy id replaced by their client id (none if unknown)."""
    members = []
    for member in sealed["members"]:
        entered = {k: v for k, v in member.items() if k != "legacy_id"}
        entered["client_id"] = client_ids.get(member.get("legacy_id") or "")
        members.append(entered)
    return {**sealed, "members": members}

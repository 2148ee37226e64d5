"""HTTP bodies of households: the household as a benefits clerk enters it, what-if questions, the household view."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, model_validator

from contracts.events import Euros
from services.benefits.domain.employments import Pay
from services.benefits.domain.households import AssumedPay, EnteredHousehold, EnterHousehold, WhatIf
from services.benefits.domain.model import Role
from services.benefits.schemas.decisions import (
    SEALED,
    ComputationOut,
    CurrentEntitlementOut,
    DecisionOut,
    NextEntitlementOut,
)
from services.benefits.schemas.means import AssetIn, IncomeIn
from services.platform.http.fields import StaffDate, Text


def _first_of_month(value: date) -> date:
    if value.day != 1:
        raise ValueError("must be the first day of a month")
    return value


Description = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
StaffMonth = Annotated[StaffDate, AfterValidator(_first_of_month)]  # a month a clerk enters: its first day


class OtherIncomeIn(BaseModel):
    """Monthly income that is not pay, already net of § 11b Abs. 1 deductions (e.g. maintenance)."""

    model_config = ConfigDict(extra="forbid")
    amount: Euros
    description: Description = "other income"


class MemberIn(BaseModel):
    """One member of the household (Bedarfsgemeinschaft, § 7 Abs. 3 SGB II)."""

    model_config = ConfigDict(extra="forbid")
    client_id: UUID | None = Field(None, description="set when the member is a registered client of this household")
    role: Role = Field(description="adult (the applicant), partner, or child (unmarried, under 25)")
    birth_date: StaffDate
    pregnant: bool = Field(False, description="pregnant after the 12th week (§ 21 Abs. 2)")
    disabled_with_participation: bool = Field(
        False, description="disabled and receiving participation benefits (§ 21 Abs. 4)"
    )
    in_training_under_25: bool = Field(False, description="school, apprenticeship or training under 25 (§ 11b Abs. 2b)")
    has_minor_child_elsewhere: bool = Field(False, description="has a minor child outside the household (§ 11b Abs. 3)")
    receives_child_benefit: bool | None = Field(
        None, description="Kindergeld is paid for this child; null: yes for children under 18"
    )
    other_incomes: list[OtherIncomeIn] = Field(default_factory=list, max_length=10)
    incomes: list[IncomeIn] = Field(
        default_factory=list, max_length=20, description="income by kind with its deductions (§§ 11–11b SGB II)"
    )
    assets: list[AssetIn] = Field(default_factory=list, max_length=30, description="assets (§ 12 SGB II)")


class HousingIn(BaseModel):
    """Monthly housing costs of the flat (§ 22 SGB II) and the district's appropriateness limit."""

    model_config = ConfigDict(extra="forbid")
    rent: Euros = Field(description="rent including service charges (Unterkunft)")
    heating: Euros
    appropriate_rent: Euros = Field(description="the district's appropriate rent for this household size")
    appropriate_heating: Euros | None = Field(None, description="null: heating costs were not found excessive")
    decentral_hot_water: bool = Field(False, description="hot water is made in the flat (§ 21 Abs. 7)")
    grace_period_start: StaffMonth | None = Field(
        None,
        description="first month of benefits; the Karenzzeit (actual rent) lasts one year from it "
        "(§ 22 Abs. 1 S. 2). Null: the month of the household's first grant",
    )
    grace_period_exception: bool = Field(
        False, description="a higher rent was accepted in the Karenzzeit (§ 22 Abs. 1 S. 7 n.F.)"
    )
    in_cost_reduction_period: bool = Field(False, description="the household was told to lower its costs and still may")
    other_occupants: int = Field(0, ge=0, le=20, description="people in the flat outside the household")


class HouseholdInputs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    members: list[MemberIn] = Field(min_length=1, max_length=20)
    housing: HousingIn
    provisional: bool = Field(False, description="a provisional decision (§ 41a): 6-month approval period")

    def to_domain(self) -> EnteredHousehold:
        return ENTERED.validate_python(self.model_dump(include=set(HouseholdInputs.model_fields)))


ENTERED: TypeAdapter[EnteredHousehold] = TypeAdapter(EnteredHousehold)


class HouseholdIn(HouseholdInputs):
    """The household's inputs from `month` on. Registered clients' pay comes from placement; other members' pay,
    self-employment, other income by kind and assets are entered per member."""

    month: StaffMonth = Field(description="first day of the month from which these inputs apply")

    def to_command(self, household_id: UUID) -> EnterHousehold:
        return EnterHousehold(household_id, self.month, self.to_domain())


class EarnedIncomeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    client_id: UUID
    gross: Euros
    net: Euros
    apprenticeship: bool = False

    @model_validator(mode="after")
    def _net_within_gross(self) -> EarnedIncomeIn:
        if self.net > self.gross:
            raise ValueError("net pay must not exceed gross pay")
        return self


class WhatIfIn(BaseModel):
    """A computation for `month`: the entered household (or `household`) with these earned incomes."""

    model_config = ConfigDict(extra="forbid")
    month: StaffMonth
    earned_incomes: list[EarnedIncomeIn] = Field(
        default_factory=list,
        max_length=20,
        description="pay in `month`; replaces the recorded pay of the clients named here",
    )
    include_recorded_income: bool = Field(True, description="count pay recorded from placement's events")
    household: HouseholdInputs | None = Field(None, description="other inputs than the entered ones")

    def to_command(self, household_id: UUID) -> WhatIf:
        assumed = tuple(AssumedPay(i.client_id, Pay(i.gross, i.net, i.apprenticeship)) for i in self.earned_incomes)
        return WhatIf(
            household_id,
            self.month,
            assumed,
            self.include_recorded_income,
            self.household.to_domain() if self.household else None,
        )


class EarnedIncomeOut(BaseModel):
    employment_id: UUID
    client_id: UUID
    gross_monthly_pay: Decimal
    net_monthly_pay: Decimal
    first_inflow: date
    ended_on: date | None
    last_inflow: date | None = None
    apprenticeship: bool = False


class PendingDecisionOut(BaseModel):
    """A decision the service could not make for want of figures; made by itself once the rule tables have them."""

    month: date = Field(description="the first month the fact affects")
    cause: str = Field(description="household_change (a clerk's entry), employment_started, …")
    missing_rule: str = Field(description="the rule table figure that is missing")
    missing_on: date
    recorded_at: datetime


class HouseholdOut(BaseModel):
    household_id: UUID
    office_id: str
    member_client_ids: list[UUID] = Field(description="registered clients of the household (from intake)")
    inputs: HouseholdInputs | None = Field(
        description=f"as the benefits clerk entered them; null: never entered (`inputs_month` null) or withheld. "
        f"{SEALED}"
    )
    inputs_month: date | None = None
    earned_incomes: list[EarnedIncomeOut]
    current_entitlement: CurrentEntitlementOut | None = Field(
        description="the decision in force for the month asked (GET: `month`, default the current one); a first "
        "grant from a later month when none is in force yet. In the reply to a PUT: the decision just taken"
    )
    next_entitlement: NextEntitlementOut | None = Field(
        None, description="a decision already taken for a later month than `current_entitlement`'s"
    )
    notes: list[str] = Field(default_factory=list)
    pending_decisions: list[PendingDecisionOut] = Field(
        default_factory=list, description="decisions waiting for the figures of their month, oldest first"
    )


class HouseholdPutOut(BaseModel):
    """What is stored in clear: this reply is kept for idempotent retries. The sealed parts (inputs, results,
    explanations) are shown by GET /households/{household_id} and GET /decisions/{decision_id}."""

    decision: DecisionOut | None = Field(description="null when the monthly amount did not change")
    computation: ComputationOut | None = Field(None, description=f"the month's computation. {SEALED}")
    household: HouseholdOut
    pending: PendingDecisionOut | None = Field(
        None, description="set when the entry is kept but not decided: answered as 422 naming `month`"
    )


class WhatIfOut(BaseModel):
    computation: ComputationOut
    current_monthly_amount: Decimal = Field(description="what the decision in force pays for the month")
    difference: Decimal

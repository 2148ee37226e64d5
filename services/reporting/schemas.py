"""The reporting API's query parameters and replies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, computed_field

from services.platform.http.fields import StaffDate
from services.reporting.domain.quotient import in_euros

BreakdownBy = Literal["sex", "programme", "target_group"]
SUPPRESSED = (
    "true: a group of a breakdown too small to show (a count of 1 or 2, or what would give one away); shown as *"
    " without numbers (services/reporting/domain/suppression.py)"
)


def _first_of_month(value: date) -> date:
    if value.day != 1:
        raise ValueError("must be the first day of a month, e.g. 2026-08-01")
    return value


Month = Annotated[StaffDate, AfterValidator(_first_of_month)]


class PartOut(BaseModel):
    month: date
    numerator: Decimal
    denominator: Decimal


class FigureOut(BaseModel):
    key: str = Field(description="K1, K1E1 … K3E4 (§§ 4–6 Kennzahlen-Verordnung)", examples=["K2"])
    name: str = Field(description="the Verordnung's name", examples=["Integrationsquote"])
    paragraph: str = Field(examples=["§ 5 Abs. 1 Kennzahlen-Verordnung"])
    month: date = Field(description="the Bezugsmonat")
    suppressed: bool = Field(False, description=SUPPRESSED)
    numerator: Decimal | None = Field(None, description="Zähler (§ 2 Abs. 1); null when suppressed")
    denominator: Decimal | None = Field(None, description="Nenner (§ 2 Abs. 1); null when suppressed")
    value: Decimal | None = Field(
        None, description="in percent, to 0.1 (§ 3 S. 4); null when the denominator is 0 or when suppressed"
    )
    change: Decimal | None = Field(
        None, description="for a Veränderung (K1, K1E1, K1E2, K3): value − 100, against the month a year before"
    )
    parts: list[PartOut] = Field(
        default_factory=list, description="for an average of monthly rates: each month with its numerator, denominator"
    )

    @computed_field(description="true: numerator and denominator are sums in euros (K1, K1E1, savings), else counts")
    def in_euros(self) -> bool:
        return in_euros(self.key)


class GroupOut(BaseModel):
    value: str | None = Field(
        description="the breakdown's value (e.g. female, a programme id, a target group); null without breakdown"
    )
    figures: list[FigureOut]


class IndicatorsOut(BaseModel):
    month: date
    office_id: str | None = Field(description="the office asked for; null: every office the caller may see")
    breakdown: BreakdownBy | None
    groups: list[GroupOut]


class YardstickOut(BaseModel):
    key: str
    name: str
    paragraph: str = Field(description="where the yardstick comes from (the seed)")
    month: date
    suppressed: bool = Field(False, description=SUPPRESSED)
    numerator: Decimal | None = Field(None, description="null when suppressed")
    denominator: Decimal | None = Field(None, description="null when suppressed")
    value: Decimal | None = Field(None, description="in percent, to 0.1; null when the denominator is 0 or suppressed")
    target: Decimal | None = Field(None, description="the goal in percent, e.g. 90 for Sinn's programme success")


class ProgrammeYardsticksOut(BaseModel):
    programme_id: str
    name: str
    success: YardstickOut
    integrations: YardstickOut
    sustained: YardstickOut
    cohort_success: YardstickOut = Field(
        description="members of the cohorts that ended in the twelve months in work or training (Sinn's 90 %)"
    )


class YardsticksOut(BaseModel):
    month: date
    office_id: str | None
    programmes: list[ProgrammeYardsticksOut]

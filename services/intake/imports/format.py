"""The import format for existing client records: one record per person, as JSON Lines or CSV.

A record carries what the legacy system knows of a person: who they are and where they live (as
`POST /clients` takes it), their household by the legacy system's key, and what coaching, benefits and
placement hold of them (case manager, programme, obstacles, open appointments, the household's inputs,
current employment). The intake part is validated by intake's own request model (`ClientIn`), so a
record is refused with the same fields and reasons as a registration.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from services.intake.domain.imports import MigratedAppointment, MigratedEmployment, MigratedState
from services.intake.domain.model import RegisterClient, Sex, TargetGroup
from services.intake.imports.household import HouseholdImportIn
from services.intake.schemas import AvailabilityIn, ClientIn, PersonIn
from services.platform.http.fields import Postcode, StaffDate, StaffMoment, Text

FORMAT_VERSION = 1
# Household ids follow from the legacy household key, so every member of a legacy household joins the same
# household (Bedarfsgemeinschaft, § 7 Abs. 3 SGB II), in any order and on any re-run.
HOUSEHOLDS = uuid.UUID("6f1c1e0a-3a52-4d1b-9a51-0d6c2b8e7a13")
EMPLOYERS = uuid.UUID("0b7d3c52-52e4-4f37-8c1e-5f0a9d6e2c41")  # likewise for the employers of migrated clients
LegacyId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[ -~]+$")]
Obstacle = Literal["debts", "addiction", "missing_qualification", "childcare", "health", "mobility", "language"]
Euros = Annotated[Decimal, Field(ge=0, max_digits=9, decimal_places=2)]


class AppointmentIn(BaseModel):
    """An open appointment: coaching books it as an individual appointment with the client's case manager, under
    its rules (opening hours, holidays, closures, no double booking); a refusal reaches the office as a task."""

    model_config = ConfigDict(extra="forbid")
    starts_at: StaffMoment
    kind: Annotated[Text, StringConstraints(min_length=1, max_length=50)] = Field(
        "consultation", description="the legacy system's label; not carried (it may name the subject)"
    )
    duration_minutes: int = Field(30, ge=10, le=240)
    channel: Literal["in_person", "phone", "video"] = "in_person"

    def to_domain(self) -> MigratedAppointment:
        return MigratedAppointment(self.starts_at, self.duration_minutes, self.channel)


class HouseholdInputsIn(BaseModel):
    """The benefits household's inputs (Bedarfsgemeinschaft): the housing costs (§ 22) and other income."""

    model_config = ConfigDict(extra="forbid")
    members: int = Field(ge=1, le=20)
    rent: Euros
    heating: Euros
    other_monthly_income: Euros = Decimal("0")


class EmploymentIn(BaseModel):
    """Current employment subject to social insurance, if any: placement records it and the journey starts
    `employed`."""

    model_config = ConfigDict(extra="forbid")
    started_on: StaffDate
    weekly_hours: Decimal = Field(gt=0, le=48, decimal_places=2)
    monthly_gross: Euros
    monthly_net: Euros
    employer_key: LegacyId = Field(description="the legacy employer id: placement keeps one employer per key")

    @model_validator(mode="after")
    def _net_within_gross(self) -> EmploymentIn:
        if self.monthly_net > self.monthly_gross:
            raise ValueError("net pay must not exceed gross pay")
        return self

    def to_domain(self) -> MigratedEmployment:
        employer_id = uuid.uuid5(EMPLOYERS, self.employer_key)
        return MigratedEmployment(
            employer_id, self.employer_key, self.started_on, self.weekly_hours, self.monthly_gross, self.monthly_net
        )


class LegacyRecord(BaseModel):
    """One existing client record, keyed by the legacy system's id (`legacy_id`): importing it again changes
    nothing, importing it corrected registers what was refused."""

    model_config = ConfigDict(extra="forbid")
    legacy_id: LegacyId = Field(description="the record's id in the legacy system; unique within the Jobcenter")
    household_key: LegacyId | None = Field(None, description="the legacy household id: members share it")
    person: PersonIn
    residence_postcode: Postcode
    sex: Sex = Sex.NOT_STATED
    target_groups: list[TargetGroup] = Field(default_factory=list)
    availability: AvailabilityIn = Field(default_factory=AvailabilityIn)
    consent: Literal[True] = Field(description="the client consented to the processing of their social data")
    obstacles: list[Obstacle] = Field(default_factory=list, description="placement obstacles (Vermittlungshemmnisse)")
    case_manager_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._-]{1,64}$")] | None = None
    program_id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]{1,50}$")] | None = None
    appointments: list[AppointmentIn] = Field(default_factory=list, max_length=20)
    benefits: HouseholdInputsIn | None = Field(None, description="superseded by `household`; not carried")
    household: HouseholdImportIn | None = Field(
        None,
        description="the benefits household as `PUT /households/{id}` takes it; kept sealed, entered by the journey",
    )
    employment: EmploymentIn | None = None

    def registration(self) -> ClientIn:
        """The intake part, as `POST /clients` takes it."""
        return ClientIn(
            person=self.person,
            household_id=household_id(self.household_key) if self.household_key else None,
            residence_postcode=self.residence_postcode,
            target_groups=self.target_groups,
            availability=self.availability,
            consent=self.consent,
            sex=self.sex,
        )

    def to_command(self) -> RegisterClient:
        employment = self.employment.to_domain() if self.employment else None
        appointments = tuple(a.to_domain() for a in self.appointments)
        migration = MigratedState(self.case_manager_id, self.program_id, employment, appointments)
        return replace(self.registration().to_command(), migration=migration)


def household_id(household_key: str) -> UUID:
    return uuid.uuid5(HOUSEHOLDS, household_key)


def legacy_id_of(raw: Any) -> str | None:
    """The legacy id of a record that may be invalid, to name it in the report."""
    value = raw.get("legacy_id") if isinstance(raw, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None

"""Intake's HTTP request and response bodies, and their mapping to the domain's commands."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.intake.domain.model import Availability, Person, RegisterClient, TargetGroup
from services.platform.http.fields import LocalTime, Postcode, StaffDate, Text

Name = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class PersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    given_name: Name
    family_name: Name
    birth_date: StaffDate


class AvailabilityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    earliest_daily_start: LocalTime | None = Field(
        None, description="e.g. 08:00 when childcare allows no earlier start (Europe/Berlin)"
    )
    max_weekly_hours: int | None = Field(None, ge=1, le=48)
    max_commute_minutes: int | None = Field(None, ge=0, le=240)


class ClientIn(BaseModel):
    """Registration of a client (Antragsteller) at intake."""

    model_config = ConfigDict(extra="forbid")
    person: PersonIn
    household_id: UUID | None = Field(None, description="join an existing household (Bedarfsgemeinschaft, § 7 Abs. 3)")
    residence_postcode: Postcode
    target_groups: list[TargetGroup] = Field(default_factory=list)
    availability: AvailabilityIn = Field(default_factory=AvailabilityIn)
    consent: Literal[True] = Field(description="the client consented to the processing of their social data")

    def to_command(self) -> RegisterClient:
        return RegisterClient(
            person=Person(self.person.given_name, self.person.family_name, self.person.birth_date),
            household_id=self.household_id,
            residence_postcode=self.residence_postcode,
            target_groups=frozenset(self.target_groups),
            availability=Availability(**self.availability.model_dump()),
        )


class ClientOut(BaseModel):
    client_id: UUID
    household_id: UUID
    office_id: str
    person: PersonIn
    residence_postcode: str
    target_groups: list[TargetGroup] = Field(
        description="health_limitations (GDPR Art. 9) only for case managers of the client's office, never in the "
        "reply to a registration"
    )
    availability: AvailabilityIn
    registered_at: datetime

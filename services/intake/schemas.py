"""Intake's HTTP request and response bodies, and their mapping to the domain's commands."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.intake.domain.duplicates import OnFile
from services.intake.domain.model import Availability, Person, RegisterClient, Sex, TargetGroup
from services.intake.domain.search import Candidate, Hit
from services.platform.http.fields import LocalTime, Postcode, StaffDate, Text

SEX_NOTE = (
    "Geschlecht: erhoben nur für die gesetzliche Statistik (§ 51b SGB II), nach der die Kennzahlen "
    "geschlechtsspezifisch berichtet werden (§ 3 S. 3 Kennzahlen-Verordnung); `not_stated` when not given"
)
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
    sex: Sex = Field(Sex.NOT_STATED, description=SEX_NOTE)
    registered_on: StaffDate | None = Field(
        None,
        description="the day the client registered (Europe/Berlin), for a registration entered later; not in the "
        "future, not before the birth date; default today",
    )

    def to_command(self) -> RegisterClient:
        return RegisterClient(
            person=Person(self.person.given_name, self.person.family_name, self.person.birth_date),
            household_id=self.household_id,
            residence_postcode=self.residence_postcode,
            target_groups=frozenset(self.target_groups),
            availability=Availability(**self.availability.model_dump()),
            sex=self.sex,
            registered_on=self.registered_on,
        )


class ClientOut(BaseModel):
    client_id: UUID
    client_number: str = Field(description="what staff read out and type, e.g. L-000123")
    household_id: UUID
    office_id: str
    person: PersonIn
    residence_postcode: str
    target_groups: list[TargetGroup] = Field(
        description="health_limitations (GDPR Art. 9) only for case managers of the client's office, never in the "
        "reply to a registration"
    )
    availability: AvailabilityIn
    registered_at: datetime = Field(description="when the registration was written")
    registered_on: date = Field(description="the day of the registration (Europe/Berlin)")
    sex: Sex = Field(description=SEX_NOTE)


class ClientSummaryOut(BaseModel):
    """Who a client is, for a list: no target groups, no availability."""

    client_id: UUID
    client_number: str
    given_name: str
    family_name: str
    birth_date: date
    residence_postcode: str
    office_id: str

    @classmethod
    def of(cls, c: Candidate | OnFile) -> ClientSummaryOut:
        return cls(
            client_id=c.client_id,
            client_number=c.client_number,
            given_name=c.given_name,
            family_name=c.family_name,
            birth_date=c.birth_date,
            residence_postcode=c.postcode,
            office_id=c.office_id,
        )


class ClientHitOut(ClientSummaryOut):
    score: int = Field(ge=0, le=100, description="how well the client matches; 100 for every exact criterion")
    match: str = Field(description="why, in short, e.g. `phonetic family name, exact birth date`")

    @classmethod
    def of_hit(cls, hit: Hit) -> ClientHitOut:
        return cls(**ClientSummaryOut.of(hit.candidate).model_dump(), score=hit.score, match=hit.match)


class ClientHitPage(BaseModel):
    items: list[ClientHitOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


class ClientSummaryPage(BaseModel):
    items: list[ClientSummaryOut]
    next_cursor: str | None = Field(None, description="always null: every asked-for client is in the one page")


class SearchAuditOut(BaseModel):
    audit_id: UUID
    occurred_at: datetime
    staff_id: str
    roles: list[str]
    offices: list[str] = Field(description="the offices searched; `*` for all")
    purpose: str = Field(description="the endpoint")
    result_count: int
    criteria: dict[str, Any] = Field(description="what was searched for (stored sealed)")
    shown: list[UUID] = Field(description="the clients the reply named (stored sealed)")


class SearchAuditPage(BaseModel):
    items: list[SearchAuditOut]
    next_cursor: str | None = Field(description="pass as `after` for the next page; null on the last page")

"""HTTP bodies of a client's placement profile (occupations, qualifications, licences, languages, residence,
the apprenticeship search), and their mapping to the domain's command."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.placement.domain.occupations import level_of
from services.placement.domain.profiles import Language, Qualification, SetProfile, Youth
from services.placement.domain.travel import CommuteMode
from services.placement.domain.views import Profile
from services.placement.schemas import KldbCode, Text
from services.platform.http import fields

# Driving licence classes (§ 6 Fahrerlaubnis-Verordnung).
LicenceClass = Literal["AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "L", "T"]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$"), Field(description="ISO 639-1, e.g. de, ar")]
LanguageLevel = Literal["A1", "A2", "B1", "B2", "C1", "C2", "native"]


class QualificationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    occupation: KldbCode = Field(description="KldB 2010 code of the qualification; its fifth digit is the level")
    title: Text | None = Field(None, description="the certificate's wording, e.g. Koch/Köchin (IHK)")


class QualificationOut(QualificationIn):
    level: int = Field(description="requirement level reached: 1 helper, 2 skilled, 3 specialist, 4 expert")


class LanguageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    language: LanguageCode
    level: LanguageLevel = Field(description="CEFR level, or native")


class ApprenticeshipIn(BaseModel):
    """The school → work transition: an apprenticeship seeker (from age 15)."""

    model_config = ConfigDict(extra="forbid")
    birth_date: fields.StaffDate
    school_year: Annotated[int, Field(ge=1, le=13)] | None = Field(None, description="Klassenstufe now")
    expected_leaving_date: fields.StaffDate | None = Field(None, description="expected end of school")
    seeking_since: fields.StaffDate = Field(description="when the search began; the year it counts in")


class ProfileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    target_occupations: Annotated[list[KldbCode], Field(max_length=10)] = []
    qualifications: Annotated[list[QualificationIn], Field(max_length=20)] = []
    driving_licences: Annotated[list[LicenceClass], Field(max_length=16)] = []
    languages: Annotated[list[LanguageIn], Field(max_length=20)] = []
    residence_postcode: fields.Postcode | None = Field(None, description="commutes are estimated from here")
    commute_mode: CommuteMode = CommuteMode.PUBLIC_TRANSPORT
    max_commute_minutes: Annotated[int, Field(ge=5, le=240)] | None = Field(
        None, description="the client's own limit one way; without it, the one from the registration"
    )
    apprenticeship: ApprenticeshipIn | None = Field(None, description="set for an apprenticeship seeker")

    def to_command(self) -> SetProfile:
        youth = self.apprenticeship
        return SetProfile(
            target_occupations=tuple(self.target_occupations),
            qualifications=tuple(Qualification(q.occupation, q.title) for q in self.qualifications),
            driving_licences=frozenset(self.driving_licences),
            languages=tuple(Language(lang.language, lang.level) for lang in self.languages),
            residence_postcode=self.residence_postcode,
            commute_mode=self.commute_mode,
            max_commute_minutes=self.max_commute_minutes,
            apprenticeship=Youth(youth.birth_date, youth.school_year, youth.expected_leaving_date, youth.seeking_since)
            if youth
            else None,
        )


class ProfileOut(ProfileIn):
    client_id: UUID
    office_id: str
    qualifications: list[QualificationOut] = []  # type: ignore[assignment]
    updated_at: datetime

    @classmethod
    def of(cls, view: Profile) -> ProfileOut:
        p = view.profile
        youth = p.apprenticeship
        return cls(
            client_id=view.client_id,
            office_id=view.office_id,
            updated_at=view.updated_at,
            target_occupations=list(p.target_occupations),
            qualifications=[
                QualificationOut(occupation=q.occupation, title=q.title, level=level_of(q.occupation))
                for q in p.qualifications
            ],
            driving_licences=sorted(p.driving_licences),
            languages=[LanguageIn(language=lang.language, level=lang.level) for lang in p.languages],
            residence_postcode=p.residence_postcode,
            commute_mode=p.commute_mode,
            max_commute_minutes=p.max_commute_minutes,
            apprenticeship=ApprenticeshipIn(
                birth_date=youth.birth_date,
                school_year=youth.school_year,
                expected_leaving_date=youth.expected_leaving_date,
                seeking_since=youth.seeking_since,
            )
            if youth
            else None,
        )


class ApprenticeshipRateOut(BaseModel):
    office_id: str
    year: int
    seekers: int = Field(description="apprenticeship seekers whose search began in the year")
    placed: int = Field(description="of them, those who started an apprenticeship since")
    rate: float | None = Field(description="placed ÷ seekers; null without seekers")
    goal: float = Field(description="one in three (Kreis Gütersloh)")
    meets_goal: bool | None

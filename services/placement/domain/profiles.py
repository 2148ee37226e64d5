"""A client's placement profile: target occupations, qualifications, driving licences, languages, where they
live and how they travel, and — for youth moving from school to work — the apprenticeship search. No I/O here.

Occupations and qualifications are KldB 2010 codes; a qualification's level is its code's fifth digit (a
trained cook holds 29302: skilled). Apprenticeship seekers are 15 or older (the school → work transition of the
Kreis Gütersloh's youth goal); the age is checked on the day the profile is recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from services.placement.domain.occupations import Classification
from services.placement.domain.travel import CommuteMode
from services.platform.errors import RuleViolation

MIN_APPRENTICESHIP_AGE = 15
# Classes that allow driving a car (§ 6 Fahrerlaubnis-Verordnung: C, D and their E classes build on B).
CAR_CLASSES = frozenset({"B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE"})


@dataclass(frozen=True)
class Qualification:
    occupation: str  # KldB 2010 code: occupation and level reached
    title: str | None = None  # e.g. the certificate's wording


@dataclass(frozen=True)
class Language:
    language: str  # ISO 639-1
    level: str  # CEFR A1 … C2, or native


@dataclass(frozen=True)
class Youth:
    birth_date: date
    school_year: int | None
    expected_leaving_date: date | None
    seeking_since: date  # when the apprenticeship search began: the year it counts in


@dataclass(frozen=True)
class SetProfile:
    target_occupations: tuple[str, ...]
    qualifications: tuple[Qualification, ...]
    driving_licences: frozenset[str]
    languages: tuple[Language, ...]
    residence_postcode: str | None
    commute_mode: CommuteMode
    max_commute_minutes: int | None
    apprenticeship: Youth | None  # set for an apprenticeship seeker


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _check_codes(kldb: Classification, field: str, codes: Sequence[str]) -> None:
    for index, code in enumerate(codes):
        kldb.require(f"{field}.{index}" if field == "target_occupations" else f"{field}.{index}.occupation", code)


def check_profile(profile: SetProfile, kldb: Classification, today: date) -> None:
    _check_codes(kldb, "target_occupations", profile.target_occupations)
    _check_codes(kldb, "qualifications", [q.occupation for q in profile.qualifications])
    if profile.commute_mode is CommuteMode.CAR and not profile.driving_licences & CAR_CLASSES:
        raise RuleViolation("commute_mode", "commuting by car needs a driving licence of class B or above")
    youth = profile.apprenticeship
    if youth is None:
        return
    if age_on(youth.birth_date, today) < MIN_APPRENTICESHIP_AGE:
        raise RuleViolation(
            "apprenticeship.birth_date", f"an apprenticeship seeker is {MIN_APPRENTICESHIP_AGE} or older"
        )
    if youth.expected_leaving_date is not None and youth.expected_leaving_date < youth.birth_date:
        raise RuleViolation("apprenticeship.expected_leaving_date", "lies before the birth date")

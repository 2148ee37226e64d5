"""Intake's domain: who a client is and where they belong. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import Literal
from uuid import UUID

from services.intake.domain.imports import MigratedState
from services.platform.auth.staff import Role
from services.platform.errors import RuleViolation


class TargetGroup(StrEnum):
    SINGLE_PARENT = "single_parent"
    LONG_TERM_UNEMPLOYED = "long_term_unemployed"  # unemployed ≥ 1 year, § 18 SGB III
    HEALTH_LIMITATIONS = "health_limitations"
    YOUTH_UNDER_25 = "youth_under_25"
    OLDER = "older"
    MIGRANT_OR_REFUGEE = "migrant_or_refugee"
    UNSKILLED = "unskilled"


class Sex(StrEnum):
    """Collected only for the statutory statistics: the § 48a indicators are reported by sex (§ 3 S. 3
    Kennzahlen-Verordnung, § 51b SGB II). Not health data, but personal: never in logs."""

    FEMALE = "female"
    MALE = "male"
    DIVERSE = "diverse"
    NOT_STATED = "not_stated"


# GDPR Art. 9: health is a special category; it never leaves intake in events or search attributes, is stored
# encrypted and is shown only to SPECIAL_CATEGORY_READERS.
SPECIAL_CATEGORY_GROUPS = frozenset({TargetGroup.HEALTH_LIMITATIONS})

# Who sees a client's health-related target group after registration: the case manager (Fallmanager) of the
# client's office, who assesses the client's potential (§ 15 Abs. 1) and agrees the cooperation plan. Coaches work
# from that plan (coaching shows them its health and addiction obstacles), placement officers, benefits clerks,
# operators and the journey worker do not need it, and the intake clerk needs it only while registering.
SPECIAL_CATEGORY_READERS = frozenset({Role.CASE_MANAGER})


AgeBand = Literal["under_25", "25_and_over"]


class IntakeError(RuleViolation):
    pass


@dataclass(frozen=True)
class Availability:
    earliest_daily_start: time | None  # e.g. 08:00 because of childcare (seed 001)
    max_weekly_hours: int | None
    max_commute_minutes: int | None


@dataclass(frozen=True)
class Person:
    given_name: str
    family_name: str
    birth_date: date


@dataclass(frozen=True)
class RegisterClient:
    """A registration as staff enter it; the office follows from the residence postcode."""

    person: Person
    household_id: UUID | None  # join an existing household (Bedarfsgemeinschaft, § 7 Abs. 3)
    residence_postcode: str
    target_groups: frozenset[TargetGroup]
    availability: Availability
    sex: Sex = Sex.NOT_STATED
    migration: MigratedState | None = None  # brought in from a legacy system (services/intake/imports)
    registered_on: date | None = None  # the day staff name (a registration entered later); None: today


@dataclass(frozen=True)
class Client:
    """A registered client as a reader sees them: `target_groups` holds special-category groups only for
    SPECIAL_CATEGORY_READERS."""

    client_id: UUID
    client_number: str  # L-000123, what staff read out and type
    household_id: UUID
    office_id: str
    person: Person
    residence_postcode: str
    target_groups: list[TargetGroup]
    availability: Availability
    registered_at: datetime
    sex: Sex
    registered_on: date  # the day of the registration on the offices' calendar (Europe/Berlin)


@dataclass(frozen=True)
class Registration:
    client_id: UUID
    household_id: UUID
    office_id: str
    birth_date: date
    target_groups: frozenset[TargetGroup]
    availability: Availability
    sex: Sex

    def shareable_target_groups(self) -> list[str]:
        """Target groups that may travel in events: no special-category data."""
        return sorted(g.value for g in self.target_groups - SPECIAL_CATEGORY_GROUPS)

    def special_target_groups(self) -> list[str]:
        """Target groups that are special-category data: stored encrypted, never shared."""
        return sorted(g.value for g in self.target_groups & SPECIAL_CATEGORY_GROUPS)


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def turns_25_on(birth_date: date) -> date:
    """The 25th birthday; for those born on 29 February, 1 March when the year has no 29 February."""
    try:
        return birth_date.replace(year=birth_date.year + 25)
    except ValueError:
        return date(birth_date.year + 25, 3, 1)


def age_band(birth_date: date, day: date) -> tuple[AgeBand, date | None]:
    """What coaching learns of the age (the caseload ratio, § 44c Abs. 4 SGB II): the band, and for clients under 25
    the day it ends. Never the birth date of a client from 25."""
    turns = turns_25_on(birth_date)
    return ("under_25", turns) if day < turns else ("25_and_over", None)


def check_registrable(birth_date: date, today: date) -> None:
    """SGB II serves employable people from age 15 (§ 7 Abs. 1 Nr. 1) up to the retirement age."""
    if birth_date > today:
        raise IntakeError("person.birth_date", "lies in the future")
    if age_on(birth_date, today) < 15:
        raise IntakeError("person.birth_date", "the client must be at least 15 years old (§ 7 Abs. 1 SGB II)")


def registration_day(named: date | None, birth_date: date, today: date) -> date:
    """The day a registration is dated: the one staff name, else today. Like a contact's or a move's day it is
    entered after the fact, never ahead of it; and the client must have been 15 on it (§ 7 Abs. 1 SGB II)."""
    if named is None:
        return today
    if named > today:
        raise IntakeError("registered_on", "lies in the future: a registration is dated the day it happened")
    if named < birth_date:
        raise IntakeError("registered_on", f"lies before the birth date {birth_date.isoformat()}")
    if age_on(birth_date, named) < 15:
        raise IntakeError("registered_on", "the client was not yet 15 years old on that day (§ 7 Abs. 1 SGB II)")
    return named

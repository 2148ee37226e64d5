"""The facts the § 48a indicators are computed from, one small value per thing that happened.

The reporting service maps its read-model rows (built from intake, coaching, benefits and placement
events) into these values; the figure rules read nothing else. Months are always the 1st of the month.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from services.reporting.domain.months import months_between

Sex = Literal["female", "male", "diverse", "not_stated"]

# insured = sozialversicherungspflichtige Beschäftigung; apprenticeship = voll qualifizierende berufliche
# Ausbildung; self_employed = selbständige Erwerbstätigkeit; marginal = geringfügige Beschäftigung
# (minijob); subsidised = öffentlich geförderte Beschäftigung.
EmploymentKind = Literal["insured", "apprenticeship", "self_employed", "marginal", "subsidised"]


@dataclass(frozen=True)
class Profile:
    """What the breakdowns select a person by; people alike in all of it share a profile (`cells`)."""

    office_id: str
    sex: Sex
    programme_id: str | None
    target_groups: frozenset[str]
    single_parent: bool


@dataclass(frozen=True)
class Person:
    """A client as intake registered them (+ the programme coaching assigned their case to)."""

    client_id: UUID
    office_id: str
    sex: Sex
    single_parent: bool  # Alleinerziehende (§ 5 Abs. 2 Nr. 4)
    target_groups: frozenset[str]
    programme_id: str | None

    @property
    def profile(self) -> Profile:
        return Profile(self.office_id, self.sex, self.programme_id, self.target_groups, self.single_parent)


@dataclass(frozen=True)
class NeedyMonth:
    """The person was an erwerbsfähige Leistungsberechtigte (ELB) in that month."""

    client_id: UUID
    household_id: UUID
    month: date
    # The person's part of the household's benefits that month (need shares, § 9 Abs. 2 S. 3 SGB II), split as
    # K1 needs it; None where the decision did not publish it (`need_reduction`: not attributed).
    subsistence: Decimal | None = None
    housing: Decimal | None = None


@dataclass(frozen=True)
class BenefitMonth:
    """A household's benefits for a month, split as § 4 needs them."""

    household_id: UUID
    office_id: str
    month: date
    subsistence: Decimal  # Leistungen zum Lebensunterhalt: §§ 20, 21, 23, 24 Abs. 1 SGB II
    housing: Decimal  # Unterkunft und Heizung (§ 22)


@dataclass(frozen=True)
class EmploymentStart:
    """A person took up employment (placement employment_started)."""

    employment_id: UUID
    client_id: UUID
    start_date: date
    kind: EmploymentKind


@dataclass(frozen=True)
class InsuredMonth:
    """Insured employment throughout that month (placement employment_confirmed)."""

    client_id: UUID
    month: date


@dataclass(frozen=True)
class MeasureMonth:
    """In a Maßnahme der aktiven Arbeitsförderung (§ 2 Abs. 2 Nr. 1) that month."""

    client_id: UUID
    month: date


def measure_months(client_id: UUID, started_on: date, ended_on: date | None, last: date) -> list[MeasureMonth]:
    """The months of a participation in a Maßnahme up to `last`: each month with a day of it, from the start's
    through the end's ("in einer Maßnahme ... im Bezugsmonat", § 6 Abs. 2 Nr. 2, read as on any day of it)."""
    end = last if ended_on is None else min(last, ended_on.replace(day=1))
    return [MeasureMonth(client_id, m) for m in months_between(started_on.replace(day=1), end)]


@dataclass(frozen=True)
class ContactMonth:
    """Contacts recorded with the person in that month (coaching contact_recorded)."""

    client_id: UUID
    month: date
    contacts: int


@dataclass(frozen=True)
class ProgrammeSpell:
    """A person's participation in a programme, for the programme yardsticks.

    From coaching's participation_started / participation_ended: `start` its first day, `end` its last, None
    while it runs; for the programme of a case's latest assignment outside a participation, from the assignment's
    day on, open.
    """

    client_id: UUID
    programme_id: str
    start: date
    end: date | None


@dataclass(frozen=True)
class District:
    """Everything the figures of one query need; already filtered by the caller's visible offices."""

    people: Sequence[Person]
    needy_months: Sequence[NeedyMonth]
    benefit_months: Sequence[BenefitMonth]
    employment_starts: Sequence[EmploymentStart]
    insured_months: Sequence[InsuredMonth]
    measure_months: Sequence[MeasureMonth]
    contacts: Sequence[ContactMonth]
    programme_spells: Sequence[ProgrammeSpell] = ()

"""A small synthetic district, built fact by fact, so each test states only what it is about."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID, uuid4

from services.reporting.domain.facts import (
    BenefitMonth,
    ContactMonth,
    District,
    EmploymentKind,
    EmploymentStart,
    InsuredMonth,
    MeasureMonth,
    NeedyMonth,
    Person,
    ProgrammeSpell,
    Sex,
)
from services.reporting.domain.figures import Figure
from services.reporting.domain.months import add_months, window

MARCH_2026 = date(2026, 3, 1)


def months_before(month: date, count: int, *, ending: int = 0) -> list[date]:
    """`count` consecutive months ending `ending` months before `month`."""
    return window(add_months(month, -ending), count)


@dataclass
class Town:
    people: list[Person] = field(default_factory=list)
    needy: list[NeedyMonth] = field(default_factory=list)
    benefits: list[BenefitMonth] = field(default_factory=list)
    starts: list[EmploymentStart] = field(default_factory=list)
    insured: list[InsuredMonth] = field(default_factory=list)
    measures: list[MeasureMonth] = field(default_factory=list)
    contacts: list[ContactMonth] = field(default_factory=list)
    spells: list[ProgrammeSpell] = field(default_factory=list)

    def person(
        self,
        *,
        office: str = "plon",
        sex: Sex = "female",
        single_parent: bool = False,
        groups: frozenset[str] = frozenset(),
        programme: str | None = None,
    ) -> UUID:
        client_id = uuid4()
        self.people.append(Person(client_id, office, sex, single_parent, groups, programme))
        return client_id

    def needy_in(self, client_id: UUID, months: list[date], household_id: UUID | None = None) -> UUID:
        household = household_id or uuid4()
        self.needy += [NeedyMonth(client_id, household, m) for m in months]
        return household

    def share(self, client_id: UUID, month: date, subsistence: str, housing: str, household_id: UUID) -> None:
        """Needy in `month` with a part of the household's benefits (need shares, § 9 Abs. 2 S. 3 SGB II)."""
        self.needy.append(NeedyMonth(client_id, household_id, month, Decimal(subsistence), Decimal(housing)))

    def elb(self, count: int, months: list[date], **person: object) -> list[UUID]:
        """`count` people needy in each of `months`."""
        clients = [self.person(**person) for _ in range(count)]  # type: ignore[arg-type]
        for client_id in clients:
            self.needy_in(client_id, months)
        return clients

    def paid(
        self, month: date, subsistence: str, housing: str, office: str = "plon", household: UUID | None = None
    ) -> None:
        self.benefits.append(BenefitMonth(household or uuid4(), office, month, Decimal(subsistence), Decimal(housing)))

    def starts_job(self, client_id: UUID, on: date, kind: EmploymentKind = "insured") -> None:
        self.starts.append(EmploymentStart(uuid4(), client_id, on, kind))

    def insured_in(self, client_id: UUID, months: list[date]) -> None:
        self.insured += [InsuredMonth(client_id, m) for m in months]

    def in_measure(self, client_id: UUID, month: date) -> None:
        self.measures.append(MeasureMonth(client_id, month))

    def contacted(self, client_id: UUID, month: date, contacts: int) -> None:
        self.contacts.append(ContactMonth(client_id, month, contacts))

    def joins(self, client_id: UUID, programme: str, start: date, end: date | None) -> None:
        self.spells.append(ProgrammeSpell(client_id, programme, start, end))

    def district(self) -> District:
        return District(
            self.people,
            self.needy,
            self.benefits,
            self.starts,
            self.insured,
            self.measures,
            self.contacts,
            self.spells,
        )


def by_key(figures: list[Figure]) -> dict[str, Figure]:
    return {f.key: f for f in figures}

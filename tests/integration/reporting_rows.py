"""A generated read model for the reporting counting tests: rows as the consumers write them, seeded.

Three offices; people of every sex, three programmes or none, target groups including single parents; needy
months in runs with gaps (so people become and stop being long-term recipients), households shared by two
people, benefit months paid by another office or by none; employment starts of all five kinds, two in a month,
some while not needy, some in the month after a needy run ends or the one after that (the first wage ended the
need: an integration by § 5's reading, `integrations.at_start`, or, two months after, none), with confirmed
months (minijobs' too, which are no insured months); participations in a
Maßnahme (Gemeinsam) and in a programme that is none, ended, open, overlapping, or ended within their first month;
a person with no needy month at all and needy months of a client nobody registered.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from services.reporting.domain.months import add_months, window
from services.reporting.tables import (
    BenefitMonthRow,
    EmploymentMonthRow,
    EmploymentRow,
    NeedyMonthRow,
    ParticipationRow,
    PaymentRow,
    PersonRow,
    ProgrammeRow,
)

OFFICES = ("plon", "preetz", "lutjenburg")
LAST = date(2026, 8, 1)
MONTHS = window(LAST, 48)
KINDS = ("insured", "insured", "apprenticeship", "self_employed", "marginal", "subsidised")
CENT = Decimal("0.01")
GROUPS = ("single_parent", "u25", "refugee")


class Rows:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.shares_rng = random.Random(seed + 1)
        self.wage_rng = random.Random(seed + 2)  # the starts after a run's end: the other rows stay as they were
        self.tables: dict[Any, list[dict[str, Any]]] = {t: [] for t in (PersonRow, ProgrammeRow, NeedyMonthRow,
            BenefitMonthRow, PaymentRow, EmploymentRow, EmploymentMonthRow, ParticipationRow)}  # fmt: skip

    def person(self, household: UUID) -> UUID:
        client, rng = uuid4(), self.rng
        groups = sorted(g for g in GROUPS if rng.random() < 0.25)
        self.tables[PersonRow].append({"client_id": client, "household_id": household,
            "office_id": rng.choice(OFFICES), "sex": rng.choice(("female", "male", "diverse", "not_stated")),
            "target_groups": groups, "registered_at": datetime(2022, 8, 1, tzinfo=UTC)})  # fmt: skip
        if rng.random() < 0.8:
            programme = rng.choice(("standard", "joboffensive", "gemeinsam"))
            self.tables[ProgrammeRow].append({"client_id": client, "programme_id": programme,
                "assigned_at": datetime(2022, 8, 1, tzinfo=UTC)})  # fmt: skip
        return client

    def needy_runs(self) -> list[date]:
        """Runs of needy months with gaps of one to six months, from somewhere in the four years."""
        rng, months = self.rng, list[date]()
        at = rng.randrange(len(MONTHS))
        while at < len(MONTHS):
            run = rng.choice((3, 8, 20, 26, 40))
            months += MONTHS[at : at + run]
            at += run + rng.randrange(1, 7)
        return months

    def household(self) -> None:
        rng, household = self.rng, uuid4()
        members = [self.person(household) for _ in range(1 if rng.random() < 0.8 else 2)]
        months = self.needy_runs()
        for month in months:
            subsistence = Decimal(rng.randrange(30000, 120000)) / 100
            housing = Decimal(rng.randrange(20000, 80000)) / 100
            # Each member's need share (§ 9 Abs. 2 S. 3 SGB II): a household of two splits it, now and then a month
            # was decided before the shares were published (None), or one member's part is unknown.
            halves = ((subsistence / 4).quantize(CENT), (housing / 2).quantize(CENT))
            parts = [(subsistence, housing)] if len(members) == 1 else [halves, halves]
            for client, (own, home) in zip(members, parts, strict=True):
                known = self.shares_rng.random() < 0.9  # its own generator: the other rows stay as they were
                self.tables[NeedyMonthRow].append({"client_id": client, "month": month, "household_id": household,
                    "subsistence": own if known else None, "housing": home if known else None})  # fmt: skip
            self.tables[BenefitMonthRow].append({"household_id": household, "month": month, "subsistence": subsistence,
                "housing": housing, "monthly_entitlement": subsistence + housing, "decision_id": uuid4()})  # fmt: skip
            if rng.random() < 0.7:
                self.tables[PaymentRow].append({"payment_id": uuid4(), "household_id": household,
                    "office_id": rng.choice(OFFICES), "month": month, "amount": subsistence + housing})  # fmt: skip
        for client in members:
            for _ in range(rng.choice((0, 0, 1, 2, 3))):
                self.job(client, rng.choice(months or MONTHS))
            for _ in range(rng.choice((0, 0, 1, 2))):
                self.participation(client, rng.choice(months or MONTHS))
        needy = set(months)
        for end in (m for m in months if add_months(m, 1) not in needy):
            after = add_months(end, self.wage_rng.choice((1, 1, 1, 2)))
            if after <= LAST and after not in needy and self.wage_rng.random() < 0.4:
                self.job(members[0], after, self.wage_rng)

    def job(self, client: UUID, month: date, rng: random.Random | None = None) -> None:
        rng, employment = rng or self.rng, uuid4()
        start = month + timedelta(days=rng.randrange(28))
        self.tables[EmploymentRow].append({"employment_id": employment, "client_id": client, "start_date": start,
            "kind": rng.choice(KINDS), "end_date": None})  # fmt: skip
        for k in range(1, rng.choice((2, 5, 7, 12))):
            if rng.random() < 0.9:  # now and then a month goes unconfirmed
                self.tables[EmploymentMonthRow].append({"employment_id": employment,
                    "month": add_months(month, k), "client_id": client})  # fmt: skip

    def participation(self, client: UUID, month: date) -> None:
        rng = self.rng
        started_on = month + timedelta(days=rng.randrange(28))
        ended_on = rng.choice((None, started_on + timedelta(days=rng.choice((3, 40, 240, 400)))))
        self.tables[ParticipationRow].append({"participation_id": uuid4(), "client_id": client,
            "programme_id": rng.choice(("gemeinsam", "gemeinsam", "joboffensive")), "started_on": started_on,
            "ended_on": ended_on})  # fmt: skip


def generated(people: int = 240, seed: int = 14) -> Rows:
    rows = Rows(seed)
    for _ in range(people):
        rows.household()
    rows.person(uuid4())  # registered, never needy
    rows.tables[NeedyMonthRow].append({"client_id": uuid4(), "month": LAST, "household_id": uuid4(),
        "subsistence": Decimal("100.00"), "housing": Decimal("50.00")})  # nobody's  # fmt: skip
    return rows


async def write(engine: AsyncEngine, rows: Rows) -> None:
    async with engine.begin() as connection:
        for table, values in rows.tables.items():
            if values:
                await connection.execute(insert(table.__table__), values)

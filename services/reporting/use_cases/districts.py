"""Read the district the caller may see out of the read model, as the facts the figures are computed from.

Every fact is tied to a registered person of the visible offices (a join on `people`), so a team lead's district
holds nothing of another office. Rows recorded from different topics meet here, not when they were written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar, cast
from uuid import UUID

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.reporting.domain.facts import (
    BenefitMonth,
    ContactMonth,
    District,
    EmploymentKind,
    EmploymentStart,
    InsuredMonth,
    NeedyMonth,
    Person,
    Sex,
)
from services.reporting.tables import (
    BenefitMonthRow,
    ContactMonthRow,
    EmploymentMonthRow,
    EmploymentRow,
    NeedyMonthRow,
    PaymentRow,
    PersonRow,
    ProgrammeRow,
)

S = TypeVar("S", bound=Select[*tuple[Any, ...]])
SINGLE_PARENT = "single_parent"  # intake's target group for Alleinerziehende (§ 5 Abs. 2 Nr. 4)
# Kinds of employment subject to social insurance: what an employment_confirmed month counts as for K2E3.
INSURED_KINDS = ("insured", "apprenticeship")


async def load_district(session: AsyncSession, offices: frozenset[str] | None) -> District:
    """Everything recorded for the people of `offices` (None: every office)."""
    people = await _people(session, offices)
    return District(
        people=people,
        needy_months=[
            NeedyMonth(r.client_id, r.household_id, r.month) for r in await _of(session, NeedyMonthRow, offices)
        ],
        benefit_months=await _benefit_months(session, offices),
        employment_starts=[
            EmploymentStart(r.employment_id, r.client_id, r.start_date, cast(EmploymentKind, r.kind))
            for r in await _of(session, EmploymentRow, offices)
        ],
        insured_months=await _insured_months(session, offices),
        measure_months=[],  # no Lotse event says yet that a client is in a Maßnahme (§ 2 Abs. 2 Nr. 1)
        contacts=[ContactMonth(r.client_id, r.month, r.contacts) for r in await _of(session, ContactMonthRow, offices)],
    )


def _within(statement: S, offices: frozenset[str] | None) -> S:
    return statement if offices is None else statement.where(col(PersonRow.office_id).in_(sorted(offices)))


async def _of(session: AsyncSession, table: Any, offices: frozenset[str] | None) -> Sequence[Any]:
    """A table's rows of the visible people (its `client_id` joined to `people`)."""
    statement = select(table).join(PersonRow, col(PersonRow.client_id) == table.client_id)
    return (await session.scalars(_within(statement, offices))).all()


async def _people(session: AsyncSession, offices: frozenset[str] | None) -> list[Person]:
    statement = select(PersonRow, col(ProgrammeRow.programme_id)).outerjoin(
        ProgrammeRow, col(ProgrammeRow.client_id) == col(PersonRow.client_id)
    )
    rows = (await session.execute(_within(statement, offices))).all()
    return [
        Person(
            client_id=person.client_id,
            office_id=person.office_id,
            sex=cast(Sex, person.sex),
            single_parent=SINGLE_PARENT in person.target_groups,
            target_groups=frozenset(person.target_groups),
            programme_id=programme_id,
        )
        for person, programme_id in rows
    ]


async def _benefit_months(session: AsyncSession, offices: frozenset[str] | None) -> list[BenefitMonth]:
    """A household belongs to the office that paid it that month, else to the office of its registered people."""
    homes = _within(select(col(PersonRow.household_id), col(PersonRow.office_id)).distinct(), offices).subquery()
    paid = select(col(PaymentRow.household_id), col(PaymentRow.month), col(PaymentRow.office_id)).join(
        homes, homes.c.household_id == col(PaymentRow.household_id)
    )
    payer: dict[tuple[UUID, date], str] = {(h, m): o for h, m, o in (await session.execute(paid)).all()}
    rows = await session.execute(
        select(BenefitMonthRow, homes.c.office_id).join(
            homes, homes.c.household_id == col(BenefitMonthRow.household_id)
        )
    )
    months = {
        (r.household_id, r.month): BenefitMonth(
            r.household_id, payer.get((r.household_id, r.month), home), r.month, r.subsistence, r.housing
        )
        for r, home in rows.all()  # a household with people in two offices: one month, once
    }
    return [m for m in months.values() if offices is None or m.office_id in offices]


async def _insured_months(session: AsyncSession, offices: frozenset[str] | None) -> list[InsuredMonth]:
    statement = (
        select(col(EmploymentMonthRow.client_id), col(EmploymentMonthRow.month))
        .distinct()
        .join(EmploymentRow, col(EmploymentRow.employment_id) == col(EmploymentMonthRow.employment_id))
        .join(PersonRow, col(PersonRow.client_id) == col(EmploymentMonthRow.client_id))
        .where(col(EmploymentRow.kind).in_(INSURED_KINDS))
    )
    return [
        InsuredMonth(client_id, month)
        for client_id, month in (await session.execute(_within(statement, offices))).all()
    ]

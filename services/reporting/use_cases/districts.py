"""Read the district the caller may see out of the read model, as the facts the figures are computed from.

Every fact is tied to a registered person of the visible offices (a join on `people`), so a team lead's district
holds nothing of another office. Rows recorded from different topics meet here, not when they were written.

Read as plain tuples with SQLAlchemy Core, only the columns the facts need and, for a month's figures, only the
months they can depend on (`domain.months.months_read`): an office's facts are tens of thousands of rows, and
building an ORM object of each was most of the query's time, parsing the same few thousand ids into a UUID again
for every row the next largest share (`_Ids` parses each once).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar, cast
from uuid import UUID

from sqlalchemy import Select, String, func, or_, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

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
    Sex,
    measure_months,
)
from services.reporting.domain.months import add_months
from services.reporting.programme_terms import measure_programmes
from services.reporting.tables import (
    BenefitMonthRow,
    ContactMonthRow,
    EmploymentMonthRow,
    EmploymentRow,
    NeedyMonthRow,
    ParticipationRow,
    PaymentRow,
    PersonRow,
    ProgrammeRow,
)

S = TypeVar("S", bound=Select[*tuple[Any, ...]])
SINGLE_PARENT = "single_parent"  # intake's target group for Alleinerziehende (§ 5 Abs. 2 Nr. 4)
# Kinds of employment subject to social insurance: what an employment_confirmed month counts as for K2E3.
INSURED_KINDS = ("insured", "apprenticeship")


async def load_district(
    session: AsyncSession,
    offices: frozenset[str] | None,
    months: tuple[date, date] | None = None,
    *,
    with_contacts: bool = True,
    contact_months: tuple[date, date] | None = None,
    with_jobs: bool = True,
) -> District:
    """Everything recorded for the people of `offices` (None: every office), within `months` (None: all); the
    contacts only `with_contacts` (the § 48a figures do not count them, the yardsticks do), and only of
    `contact_months` if given (the contact density reads one month's); employment starts, insured and measure
    months only `with_jobs` (the programmes' savings read none of them)."""
    ids = _Ids()
    needy_columns = (
        NeedyMonthRow.client_id,
        NeedyMonthRow.household_id,
        NeedyMonthRow.month,
        NeedyMonthRow.subsistence,
        NeedyMonthRow.housing,
    )
    starts = EmploymentRow.employment_id, EmploymentRow.client_id, EmploymentRow.start_date, EmploymentRow.kind
    contacts = ContactMonthRow.client_id, ContactMonthRow.month, ContactMonthRow.contacts
    needy = [
        NeedyMonth(ids(c), ids(h), m, subsistence, housing)
        for c, h, m, subsistence, housing in await _rows(session, offices, months, NeedyMonthRow.month, *needy_columns)
    ]
    return District(
        people=await _people(session, offices, ids),
        needy_months=needy,
        benefit_months=await _benefit_months(session, offices, months, ids),
        employment_starts=[
            EmploymentStart(ids(e), ids(c), d, cast(EmploymentKind, k))
            for e, c, d, k in await _rows(session, offices, months, EmploymentRow.start_date, *starts)
        ]
        if with_jobs
        else [],
        insured_months=await _insured_months(session, offices, months, ids) if with_jobs else [],
        measure_months=await _measure_months(session, offices, months or _needy_span(needy), ids) if with_jobs else [],
        contacts=[
            ContactMonth(ids(c), m, n)
            for c, m, n in await _rows(session, offices, contact_months or months, ContactMonthRow.month, *contacts)
        ]
        if with_contacts
        else [],
    )


class _Ids:
    """The district's ids as text from the database, each parsed into one UUID the first time it is met."""

    def __init__(self) -> None:
        self._known: dict[str, UUID] = {}

    def __call__(self, text: str) -> UUID:
        known = self._known.get(text)
        if known is None:
            known = self._known[text] = UUID(text)
        return known


def _is_id(column: Any) -> bool:
    return bool(column.type.python_type is UUID)


def _selected(column: Any) -> Any:
    """An id column as text (parsed by `_Ids`), any other as it is."""
    return sql_cast(column, String) if _is_id(column) else column


async def _read(session: AsyncSession, statement: Select[Any]) -> Sequence[Any]:
    """The rows as they come, ids as text: the caller parses them (`_Ids`) where it builds its facts."""
    rows: Sequence[Any] = (await session.execute(statement)).all()
    return rows


def _within(statement: S, offices: frozenset[str] | None) -> S:
    return statement if offices is None else statement.where(col(PersonRow.office_id).in_(sorted(offices)))


def _during(statement: S, column: Any, months: tuple[date, date] | None) -> S:
    """Rows of the months from the first through the last, any day of it (an employment starts on a day)."""
    if months is None:
        return statement
    first, last = months
    return statement.where(col(column) >= first, col(column) < add_months(last, 1))


async def _rows(
    session: AsyncSession,
    offices: frozenset[str] | None,
    months: tuple[date, date] | None,
    by: Any,
    *columns: Any,
) -> Sequence[Any]:
    """The columns of a table's rows of the visible people (its `client_id` joined to `people`), `by` in months."""
    table = columns[0].class_
    statement = select(*(_selected(c) for c in columns)).join(
        PersonRow, col(PersonRow.client_id) == col(table.client_id)
    )
    return await _read(session, _during(_within(statement, offices), by, months))


async def _people(session: AsyncSession, offices: frozenset[str] | None, ids: _Ids) -> list[Person]:
    columns = (
        PersonRow.client_id,
        PersonRow.office_id,
        PersonRow.sex,
        PersonRow.target_groups,
        ProgrammeRow.programme_id,
    )
    statement = select(*(_selected(c) for c in columns)).outerjoin(
        ProgrammeRow, col(ProgrammeRow.client_id) == col(PersonRow.client_id)
    )
    return [
        Person(
            client_id=ids(client_id),
            office_id=office_id,
            sex=cast(Sex, sex),
            single_parent=SINGLE_PARENT in target_groups,
            target_groups=frozenset(target_groups),
            programme_id=programme_id,
        )
        for client_id, office_id, sex, target_groups, programme_id in await _read(session, _within(statement, offices))
    ]


def benefit_rows(offices: frozenset[str] | None, months: tuple[date, date] | None) -> Select[Any]:
    """Each household's benefit months with the office they count for: the office that paid it that month, else
    the office of its registered people (the first by name if they are registered in two), so each month once."""
    first_office = select(col(PersonRow.household_id), func.min(PersonRow.office_id).label("office_id"))
    homes = _within(first_office, offices).group_by(col(PersonRow.household_id)).subquery()
    # The paying office by a lookup of the payments' household index per month, in the database.
    paid_by = (
        select(func.min(PaymentRow.office_id))
        .where(
            col(PaymentRow.household_id) == col(BenefitMonthRow.household_id),
            col(PaymentRow.month) == col(BenefitMonthRow.month),
        )
        .scalar_subquery()
    )
    month_row = (
        BenefitMonthRow.household_id,
        BenefitMonthRow.month,
        BenefitMonthRow.subsistence,
        BenefitMonthRow.housing,
    )
    office = func.coalesce(paid_by, homes.c.office_id).label("office_id")
    statement = select(*(_selected(c) for c in month_row), office).join(
        homes, homes.c.household_id == col(BenefitMonthRow.household_id)
    )
    rows = _during(statement, BenefitMonthRow.month, months).subquery()
    return select(rows).where(rows.c.office_id.in_(sorted(offices))) if offices is not None else select(rows)


async def _benefit_months(
    session: AsyncSession, offices: frozenset[str] | None, months: tuple[date, date] | None, ids: _Ids
) -> list[BenefitMonth]:
    return [
        BenefitMonth(ids(household_id), office_id, month, subsistence, housing)
        for household_id, month, subsistence, housing, office_id in await _read(session, benefit_rows(offices, months))
    ]


async def _insured_months(
    session: AsyncSession, offices: frozenset[str] | None, months: tuple[date, date] | None, ids: _Ids
) -> list[InsuredMonth]:
    columns = (EmploymentMonthRow.client_id, EmploymentMonthRow.month)
    statement = (
        select(*(_selected(c) for c in columns))
        .distinct()
        .join(EmploymentRow, col(EmploymentRow.employment_id) == col(EmploymentMonthRow.employment_id))
        .join(PersonRow, col(PersonRow.client_id) == col(EmploymentMonthRow.client_id))
        .where(col(EmploymentRow.kind).in_(INSURED_KINDS))
    )
    statement = _during(_within(statement, offices), EmploymentMonthRow.month, months)
    return [InsuredMonth(ids(client_id), month) for client_id, month in await _read(session, statement)]


def _needy_span(needy: Sequence[NeedyMonth]) -> tuple[date, date] | None:
    """The months the needy rows span: K3E2 counts people in a Maßnahme only in a month they are needy."""
    return (min(n.month for n in needy), max(n.month for n in needy)) if needy else None


async def _measure_months(
    session: AsyncSession, offices: frozenset[str] | None, months: tuple[date, date] | None, ids: _Ids
) -> list[MeasureMonth]:
    """The months `months` of participations in programmes that are Maßnahmen (`programme_terms.measure_programmes`;
    § 2 Abs. 2 Nr. 1 Kennzahlen-Verordnung); nothing without months."""
    if months is None:
        return []
    first, last = months
    columns = (ParticipationRow.client_id, ParticipationRow.started_on, ParticipationRow.ended_on)
    statement = (
        select(*(_selected(c) for c in columns))
        .join(PersonRow, col(PersonRow.client_id) == col(ParticipationRow.client_id))
        .where(
            col(ParticipationRow.programme_id).in_(sorted(measure_programmes())),
            col(ParticipationRow.started_on) < add_months(last, 1),
            or_(col(ParticipationRow.ended_on).is_(None), col(ParticipationRow.ended_on) >= first),
        )
    )
    found = {
        m
        for client, started_on, ended_on in await _read(session, _within(statement, offices))
        for m in measure_months(ids(client), started_on, ended_on, last)
        if m.month >= first
    }
    return sorted(found, key=lambda m: (m.month, str(m.client_id)))

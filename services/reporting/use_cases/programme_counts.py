"""The programme yardsticks' counts (`domain.yardsticks.ProgrammeCounts`) counted by the database, every programme
at once: a few statements over the participations instead of every fact of an office read into Python.

A programme's spells are its participations (coaching's events) and, for a client whose latest assignment is a
programme without a running participation of it, that assignment from its day on (as `case_managers.
programme_spells` reads them). Months are numbers (`sql_months`), so "covers the month" and "within N months of
the end" are integer comparisons on both databases. A participant's integration counts if they were needy in the
start month or the month before (`domain.integrations.at_start`), the stock it is divided by is the participating
ELB of each month. `domain.yardsticks.programme_counts` is the definition;
tests/integration/test_reporting_counting.py holds this counting to it over a generated read model.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import CTE, Integer, and_, case, exists, func, literal, null, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.reporting.domain.integrations import CONTINUOUS_MONTHS
from services.reporting.domain.months import add_months, first_of_month, month_number, window
from services.reporting.domain.yardsticks import YEAR, ProgrammeCounts
from services.reporting.sql_months import month_number as sql_month
from services.reporting.tables import ContactMonthRow, NeedyMonthRow, ParticipationRow, PersonRow, ProgrammeRow
from services.reporting.use_cases.counting import _insured_months, _started

PARTICIPATIONS = ParticipationRow.__table__  # type: ignore[attr-defined]
ASSIGNMENTS = ProgrammeRow.__table__  # type: ignore[attr-defined]
NEEDY = NeedyMonthRow.__table__  # type: ignore[attr-defined]
CONTACTS = ContactMonthRow.__table__  # type: ignore[attr-defined]


async def count_programmes(
    session: AsyncSession, offices: frozenset[str] | None, month: date, *, within_months: int
) -> dict[str, ProgrammeCounts]:
    """Per programme id with a spell among the people of `offices` (None: every office), the counts of `month`."""
    month = first_of_month(month)
    m = month_number(month)
    spells = _spells(offices)
    months = _months(add_months(month, -(CONTINUOUS_MONTHS + YEAR - 1)), month)
    taking_part = (
        select(spells.c.programme_id, spells.c.client_id, months.c.m, months.c.d, months.c.before)
        .distinct()
        .join(months, and_(spells.c.start_m <= months.c.m, or_(spells.c.end_m.is_(None), months.c.m <= spells.c.end_m)))
        .cte("taking_part")
    )
    found: dict[str, dict[str, Any]] = defaultdict(_empty)

    now = select(taking_part).where(taking_part.c.m == m).subquery("now")
    recorded = and_(CONTACTS.c.client_id == now.c.client_id, CONTACTS.c.month == month)
    for pid, participants, contacted in (
        await session.execute(
            select(now.c.programme_id, func.count(), func.sum(CONTACTS.c.contacts))
            .outerjoin(CONTACTS, recorded)
            .group_by(now.c.programme_id)
        )
    ).all():
        found[pid] |= {"participants": participants, "contacts": int(contacted or 0)}

    needy = and_(NEEDY.c.client_id == taking_part.c.client_id, NEEDY.c.month == taking_part.c.d)
    for pid, o, stock in (
        await session.execute(
            select(taking_part.c.programme_id, taking_part.c.m, func.count())
            .join(NEEDY, needy)
            .where(taking_part.c.m > m - YEAR)
            .group_by(taking_part.c.programme_id, taking_part.c.m)
        )
    ).all():
        found[pid]["stock"][_month(o)] = stock

    # A participant's start counts if they were needy in its month or the month before (`domain.integrations.
    # at_start`); an EXISTS, as a join would count a person needy in both months twice.
    needy_at_start = and_(
        NEEDY.c.client_id == taking_part.c.client_id, NEEDY.c.month.between(taking_part.c.before, taking_part.c.d)
    )
    first, last = add_months(month, -(CONTINUOUS_MONTHS + YEAR - 1)), month
    started, insured = _started(first, last), _insured_months(first, last)
    six_after = (
        select(func.count())
        .where(
            insured.c.client_id == started.c.client_id,
            insured.c.o > started.c.o,
            insured.c.o <= started.c.o + CONTINUOUS_MONTHS,
        )
        .scalar_subquery()
    )
    for pid, o, integrations, judged, continuous in (
        await session.execute(
            select(
                taking_part.c.programme_id,
                taking_part.c.m,
                func.sum(started.c.integrated),
                func.sum(started.c.insured),
                func.sum(case((and_(started.c.insured == 1, six_after == CONTINUOUS_MONTHS), 1), else_=0)),
            )
            .where(exists(select(literal(1)).where(needy_at_start)))
            .join(started, and_(started.c.client_id == taking_part.c.client_id, started.c.o == taking_part.c.m))
            .group_by(taking_part.c.programme_id, taking_part.c.m)
        )
    ).all():
        if o > m - YEAR:
            found[pid]["integrations"][_month(o)] = int(integrations)
        if o <= m - CONTINUOUS_MONTHS:
            found[pid]["judged"][_month(o)] = int(judged)
            found[pid]["continuous"][_month(o)] = int(continuous)

    cohort_last = m - within_months
    worked = _insured_months(add_months(month, -(within_months + YEAR - 1)), month)
    in_work = exists(
        select(literal(1)).where(
            worked.c.client_id == spells.c.client_id,
            worked.c.o >= spells.c.end_m,
            worked.c.o <= spells.c.end_m + within_months,
        )
    )
    ended = (
        select(spells.c.programme_id, spells.c.client_id, func.max(case((in_work, 1), else_=0)).label("in_work"))
        .where(spells.c.end_m > cohort_last - YEAR, spells.c.end_m <= cohort_last)
        .group_by(spells.c.programme_id, spells.c.client_id)
        .subquery("ended")
    )
    for pid, people, working in (
        await session.execute(
            select(ended.c.programme_id, func.count(), func.sum(ended.c.in_work)).group_by(ended.c.programme_id)
        )
    ).all():
        found[pid] |= {"ended": people, "in_work": int(working or 0)}
    return {pid: ProgrammeCounts(**counts) for pid, counts in found.items()}


def _empty() -> dict[str, Any]:
    return {"participants": 0, "contacts": 0, "ended": 0, "in_work": 0, "stock": {}, "integrations": {},
            "judged": {}, "continuous": {}}  # fmt: skip


def _spells(offices: frozenset[str] | None) -> CTE:
    people = select(col(PersonRow.client_id))
    if offices is not None:
        people = people.where(col(PersonRow.office_id).in_(sorted(offices)))
    p, a = PARTICIPATIONS, ASSIGNMENTS
    participations = select(
        p.c.client_id,
        p.c.programme_id,
        sql_month(p.c.started_on).label("start_m"),
        sql_month(p.c.ended_on).label("end_m"),
    ).where(p.c.started_on.is_not(None), p.c.client_id.in_(people))
    running = select(literal(1)).where(
        p.c.client_id == a.c.client_id,
        p.c.programme_id == a.c.programme_id,
        p.c.started_on.is_not(None),
        p.c.ended_on.is_(None),
    )
    assignments = select(
        a.c.client_id,
        a.c.programme_id,
        sql_month(func.coalesce(a.c.assigned_on, a.c.assigned_at)).label("start_m"),
        null().cast(Integer),
    ).where(a.c.programme_id.is_not(None), ~exists(running), a.c.client_id.in_(people))
    return union_all(participations, assignments).cte("spells")


def _months(first: date, last: date) -> CTE:
    rows = [
        select(
            literal(month_number(d), Integer).label("m"),
            literal(d).label("d"),
            literal(add_months(d, -1)).label("before"),
        )
        for d in window(last, month_number(last) - month_number(first) + 1)
    ]
    return union_all(*rows).cte("months")


def _month(number: int) -> date:
    return date(number // 12, number % 12 + 1, 1)

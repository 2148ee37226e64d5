"""The programmes' savings against their cost (`domain.yardsticks.programme_savings`) counted by the database,
every programme at once, as the other yardsticks are (`programme_counts.py`): no fact read into Python.

For the spells that ended in the cohort's twelve months (M−N−11 … M−N, N the programme's `after_months`): the
places they occupied (months from the start's through the end's), and per household the fall of its benefits
(Lebensunterhalt + Unterkunft, as `districts.benefit_rows` counts them for the visible offices) over the N months
after the end against the start month's — a household once, for its first spell (`yardsticks.spell_order`), the
household being the one its participant was needy in last at the start. Months are numbers (`sql_months`).
tests/integration/test_reporting_counting.py holds this to the domain's definition on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import CTE, Integer, String, func, literal, select, union_all
from sqlalchemy import cast as sql_cast
from sqlalchemy.ext.asyncio import AsyncSession

from services.reporting.domain.months import first_of_month, month_number
from services.reporting.domain.quotient import Figure
from services.reporting.domain.yardsticks import YEAR, savings_of
from services.reporting.programme_terms import ProgrammeTerms
from services.reporting.sql_months import month_number as sql_month
from services.reporting.tables import NeedyMonthRow
from services.reporting.use_cases.districts import benefit_rows
from services.reporting.use_cases.programme_counts import _spells

NEEDY = NeedyMonthRow.__table__  # type: ignore[attr-defined]
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Savings:
    saved: Decimal  # € of benefits no longer paid
    places: int  # place-months the cohort's spells occupied


async def count_savings(
    session: AsyncSession, offices: frozenset[str] | None, month: date, terms: Mapping[str, ProgrammeTerms]
) -> dict[str, Savings]:
    """Per programme of `terms` with a spell in its cohort among the people of `offices` (None: every office)."""
    month = first_of_month(month)
    found: dict[str, Savings] = {}
    spells = _spells(offices)
    cohorts = _cohorts(month, terms)
    paid = benefit_rows(offices, None).subquery("paid")
    ended = (
        select(spells.c.programme_id, spells.c.client_id, spells.c.start_m, spells.c.end_m, cohorts.c.after)
        .join(cohorts, cohorts.c.programme_id == spells.c.programme_id)
        .where(spells.c.end_m.is_not(None), spells.c.end_m > cohorts.c.last - YEAR, spells.c.end_m <= cohorts.c.last)
        .cte("ended")
    )
    for pid, places in (
        await session.execute(
            select(ended.c.programme_id, func.sum(ended.c.end_m - ended.c.start_m + 1)).group_by(ended.c.programme_id)
        )
    ).all():
        found[pid] = Savings(Decimal(0), int(places))

    household = (
        select(sql_cast(NEEDY.c.household_id, String))
        .where(NEEDY.c.client_id == ended.c.client_id, sql_month(NEEDY.c.month) <= ended.c.start_m)
        .order_by(NEEDY.c.month.desc())
        .limit(1)
        .scalar_subquery()
    )
    placed = select(ended, household.label("household_id")).subquery("placed")
    first = func.row_number().over(
        partition_by=(placed.c.programme_id, placed.c.household_id),
        order_by=(placed.c.start_m, placed.c.end_m, placed.c.client_id),
    )
    ranked = select(placed, first.label("rank")).where(placed.c.household_id.is_not(None)).subquery("ranked")
    counted = select(ranked).where(ranked.c.rank == 1).subquery("counted")

    def paid_in(first_m: object, last_m: object) -> object:
        return (
            select(func.coalesce(func.sum(paid.c.subsistence + paid.c.housing), 0))
            .where(
                paid.c.household_id == counted.c.household_id,
                sql_month(paid.c.month) >= first_m,
                sql_month(paid.c.month) <= last_m,
            )
            .scalar_subquery()
        )

    before = paid_in(counted.c.start_m, counted.c.start_m)
    after = paid_in(counted.c.end_m + 1, counted.c.end_m + counted.c.after)
    fall = counted.c.after * before - after  # Σ over the N months after the end of (start month's − that month's)
    for pid, saved in (
        await session.execute(select(counted.c.programme_id, func.sum(fall)).group_by(counted.c.programme_id))
    ).all():
        found[pid] = Savings(Decimal(saved).quantize(CENT), found[pid].places)  # SQLite sums money as REAL
    return found


def savings_figure(counted: Mapping[str, Savings], terms: ProgrammeTerms, month: date) -> Figure:
    found = counted.get(terms.programme_id, Savings(Decimal(0), 0))
    return savings_of(first_of_month(month), found.saved, found.places, terms.cost_per_place_month)


def _cohorts(month: date, terms: Mapping[str, ProgrammeTerms]) -> CTE:
    """Per programme its cohort's last end month (M − N) and N."""
    m = month_number(month)
    rows = [
        select(
            literal(t.programme_id, String).label("programme_id"),
            literal(m - t.after_months, Integer).label("last"),
            literal(t.after_months, Integer).label("after"),
        )
        for t in terms.values()
    ] or [select(literal("", String).label("programme_id"), literal(0).label("last"), literal(0).label("after"))]
    return union_all(*rows).cte("cohorts")

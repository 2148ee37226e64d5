"""The figures' counts (`domain.cells`) counted by the database: one statement instead of every fact in Python.

A month's figures for an office rest on tens of thousands of needy and benefit months; reading them into Python
was most of a query's time. Here the database counts them per month and profile (office, sex, programme, target
groups), which gives every breakdown of the month at once, in SQLAlchemy Core that SQLite and PostgreSQL both
run. The rules come from the domain's constants (`LONG_TERM_*`, `INTEGRATION_KINDS`, `INSURED`,
`CONTINUOUS_MONTHS`); `domain.cells.count_facts` is their definition, and a test holds this counting to it over
generated facts on both databases (tests/integration/test_reporting_counting.py).

Each person's needy months, and their months in insured employment, are first summed into one integer per
person, bit k standing for month `base` + k (`_Bits`): a person has at most one row per month, so the sum of
their months' bits has exactly those bits set. Then every question of a month is arithmetic on that one row:
needy in m (bit m), Zugang (and not bit m−1), an integration in m counts (bit m or bit m−1,
`domain.integrations.at_start`), Langzeitleistungsbezug (bit m and at least 21 of the 24 bits
ending with m, § 6 Abs. 1 S. 2), continuous employment (the six bits after the integration's month, § 5 Abs. 2
Nr. 3). This reads the needy rows once, in their key's order, where ordering each person's months by a window
function cost SQLite three times as much.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    CTE,
    BigInteger,
    ColumnElement,
    Integer,
    String,
    Subquery,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    true,
    union,
    union_all,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.reporting.domain.cells import NONE, BenefitSums, Counts, MonthCounts
from services.reporting.domain.facts import Profile, Sex
from services.reporting.domain.figures import months_counted, months_summed
from services.reporting.domain.integrations import CONTINUOUS_MONTHS, INSURED, INTEGRATION_KINDS
from services.reporting.domain.months import add_months, month_number
from services.reporting.domain.population import LONG_TERM_MONTHS, LONG_TERM_WINDOW
from services.reporting.programme_terms import measure_programmes
from services.reporting.sql_months import month_number as sql_month
from services.reporting.sql_months import months_set
from services.reporting.tables import (
    EmploymentMonthRow,
    EmploymentRow,
    NeedyMonthRow,
    ParticipationRow,
    PersonRow,
    ProgrammeRow,
)
from services.reporting.use_cases.districts import INSURED_KINDS, SINGLE_PARENT, benefit_rows

NEEDY = NeedyMonthRow.__table__  # type: ignore[attr-defined]
STARTS = EmploymentRow.__table__  # type: ignore[attr-defined]
CONFIRMED = EmploymentMonthRow.__table__  # type: ignore[attr-defined]
PARTICIPATIONS = ParticipationRow.__table__  # type: ignore[attr-defined]
BITS = 62  # months one integer holds (a signed 64-bit integer on both databases)


async def count_months(
    session: AsyncSession, offices: frozenset[str] | None, first: date, last: date, summed: Sequence[date]
) -> Counts:
    """The counts of the months `first` … `last` of the people of `offices` (None: every office), and the benefit
    sums of the months `summed` (K1 reads two months, not all of them)."""
    bits = _Bits(first, last)
    people = _people(offices)
    masks = _masks(people, bits, first, last)
    statement = union_all(_stocks(masks, bits), _starts(masks, bits, first, last))
    cells: dict[tuple[date, Profile], MonthCounts] = {}
    width = 1 + len(PROFILE)
    for row in (await session.execute(statement)).all():
        key = (_month(row[0]), _profile(*row[1:width]))
        counted = MonthCounts(*(int(n) for n in row[width:]))  # int: PostgreSQL gives a sum as a numeric
        if counted != NONE:  # as `count_facts`: a cell only where something was counted
            cells[key] = cells.get(key, NONE) + counted
    profiles = (await session.execute(select(*_profile_of(people)).distinct())).all()
    return Counts(
        first,
        last,
        frozenset(_profile(*p) for p in profiles),
        cells,
        await _benefit_sums(session, offices, summed),
        await _member_shares(session, people, summed),
    )


async def count_figures_of(session: AsyncSession, offices: frozenset[str] | None, months: Sequence[date]) -> Counts:
    """The counts the figures of each of `months` read (`figures_of`), in one statement: a trend's twelve months
    or a report's, as `count_months` counts one month's."""
    first, last = months_counted(min(months))[0], months_counted(max(months))[1]
    summed = sorted({m for month in months for m in months_summed(month)})
    return await count_months(session, offices, first, last, summed)


class _Bits:
    """Months as the bits of one integer per person: bit k is month `base` + k, `base` the 24 months before `first`
    that the long-term rule of `first`'s month before reads; the last bit is six months after `last` (K2E3)."""

    def __init__(self, first: date, last: date) -> None:
        self.base = month_number(first) - LONG_TERM_WINDOW
        self.first, self.last = month_number(first), month_number(last)
        if self.last + CONTINUOUS_MONTHS - self.base >= BITS:
            raise ValueError(f"{first} … {last}: more months than {BITS} bits")

    def of(self, o: Any) -> ColumnElement[int]:
        """The bit of month number `o`, to be summed into a person's integer."""
        return literal(1, BigInteger).bitwise_lshift(o - self.base)

    def summed(self, o: Any, where: Any = None) -> ColumnElement[int]:
        """The months `o` of a group's rows (those `where` holds) as one integer with their bits set."""
        return months_set(self.of(o) if where is None else case((where, self.of(o)), else_=literal(0, BigInteger)))

    def at(self, mask: Any, o: Any, width: int = 1) -> ColumnElement[int]:
        """The `width` bits of `mask` from month `o` on, as a number (width 1: 1 if the month is set, else 0)."""
        return mask.bitwise_rshift(o - self.base).bitwise_and((1 << width) - 1)  # type: ignore[no-any-return]

    def months_set(self, mask: Any, newest: Any) -> ColumnElement[int]:
        """How many of the 24 months ending with `newest` are set (§ 6 Abs. 1 S. 2: "in den vergangenen 24
        Monaten"): the bits counted in parallel, pairs, then nibbles, then bytes summed by a multiplication."""
        w = self.at(mask, newest - (LONG_TERM_WINDOW - 1), LONG_TERM_WINDOW)
        pairs = w - w.bitwise_rshift(_shift(1)).bitwise_and(0x555555)
        nibbles = pairs.bitwise_and(0x333333) + pairs.bitwise_rshift(_shift(2)).bitwise_and(0x333333)
        in_bytes = (nibbles + nibbles.bitwise_rshift(_shift(4))).bitwise_and(0x0F0F0F)
        return (in_bytes * 0x010101).bitwise_rshift(_shift(16)).bitwise_and(0xFF)

    def long_term(self, mask: Any, o: Any) -> ColumnElement[bool]:
        return and_(self.at(mask, o) == 1, self.months_set(mask, o) >= LONG_TERM_MONTHS)

    def months(self, since: int | None = None, name: str = "months") -> Subquery:
        """The month numbers of `first` (or `since`) … `last`, one row each."""
        numbers = range(self.first if since is None else since, self.last + 1)
        return union_all(*(select(literal(o, Integer).label("o")) for o in numbers)).subquery(name)


def _shift(places: int) -> ColumnElement[int]:
    """A shift's width as an INTEGER: PostgreSQL shifts a BIGINT by an INTEGER only."""
    return literal(places, Integer)


def _people(offices: frozenset[str] | None) -> Subquery:
    """Each person of the offices with their profile; target groups as their JSON text, so they can be grouped."""
    statement = select(
        col(PersonRow.client_id),
        col(PersonRow.office_id),
        col(PersonRow.sex),
        col(ProgrammeRow.programme_id),
        sql_cast(col(PersonRow.target_groups), String).label("target_groups"),
    ).outerjoin(ProgrammeRow, col(ProgrammeRow.client_id) == col(PersonRow.client_id))
    if offices is not None:
        statement = statement.where(col(PersonRow.office_id).in_(sorted(offices)))
    return statement.subquery("people")


def _masks(people: Subquery, bits: _Bits, first: date, last: date) -> CTE:
    """Per needy person of `people`, their profile and, as bits: `needy`, their needy months; `insured`, their
    insured months; and `long_term`, the months of `first`'s month before … `last` they were LZB in (each month's
    rule evaluated once here, not once per question that needs it)."""
    since = add_months(first, -LONG_TERM_WINDOW)
    needy = (
        select(NEEDY.c.client_id, bits.summed(sql_month(NEEDY.c.month)).label("needy"))
        .where(NEEDY.c.client_id.in_(select(people.c.client_id)), NEEDY.c.month >= since, NEEDY.c.month <= last)
        .group_by(NEEDY.c.client_id)
        .subquery("needy")
    )
    months = _insured_months(add_months(first, 1), add_months(last, CONTINUOUS_MONTHS))
    insured = select(months.c.client_id, bits.summed(months.c.o).label("insured")).group_by(months.c.client_id)
    insured_bits = insured.subquery("insured_bits")
    measure_bits = _measure_bits(bits)
    both = (
        select(
            people,
            needy.c.needy,
            func.coalesce(insured_bits.c.insured, literal(0, BigInteger)).label("insured"),
            func.coalesce(measure_bits.c.measure, literal(0, BigInteger)).label("measure"),
        )
        .join(needy, needy.c.client_id == people.c.client_id)
        .outerjoin(insured_bits, insured_bits.c.client_id == people.c.client_id)
        .outerjoin(measure_bits, measure_bits.c.client_id == people.c.client_id)
        .cte("needy_and_insured")
        .prefix_with("MATERIALIZED")  # read twice: for the long-term months, then with them
    )
    month_before_first = bits.months(month_number(first) - 1)
    o = month_before_first.c.o
    long_term = (
        select(both.c.client_id, bits.summed(o, where=bits.long_term(both.c.needy, o)).label("long_term"))
        .select_from(both)
        .join(month_before_first, true())
        .group_by(both.c.client_id)
        .subquery("long_term")
    )
    return (
        select(both, long_term.c.long_term)
        .join(long_term, long_term.c.client_id == both.c.client_id)
        .cte("masks")
        .prefix_with("MATERIALIZED")  # read by both halves of the statement
    )


def _measure_bits(bits: _Bits) -> Subquery:
    """Per person, the months `first` … `last` with a day of a participation in a Maßnahme (§ 2 Abs. 2 Nr. 1,
    `domain.facts.measure_months`), as bits; each month once, however many participations cover it."""
    months = bits.months(name="measure_months")
    o = months.c.o
    covered = and_(
        sql_month(PARTICIPATIONS.c.started_on) <= o,
        or_(PARTICIPATIONS.c.ended_on.is_(None), sql_month(PARTICIPATIONS.c.ended_on) >= o),
    )
    pairs = (
        select(PARTICIPATIONS.c.client_id, o)
        .select_from(PARTICIPATIONS)
        .join(months, covered)
        .where(
            PARTICIPATIONS.c.programme_id.in_(sorted(measure_programmes())), PARTICIPATIONS.c.started_on.is_not(None)
        )
        .distinct()
        .subquery("in_measure")
    )
    summed = select(pairs.c.client_id, bits.summed(pairs.c.o).label("measure")).group_by(pairs.c.client_id)
    return summed.subquery("measure_bits")


PROFILE = ("office_id", "sex", "programme_id", "target_groups")


def _profile_of(rows: Any) -> list[Any]:
    return [rows.c[name] for name in PROFILE]


def _counts(**named: Any) -> list[Any]:
    """The columns of `MonthCounts` in its order, 0 for those not `named`."""
    return [named.get(name, literal(0, Integer)) for name in MonthCounts.__dataclass_fields__]


def _number(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _stocks(masks: CTE, bits: _Bits) -> Any:
    """Per month and profile: ELB, Zugänge, LZB and their Zugänge."""
    months = bits.months()
    o, needy, long_term = months.c.o, masks.c.needy, masks.c.long_term
    counted = _counts(
        elb=func.count(),
        elb_entries=_number(bits.at(needy, o - 1) == 0),
        long_term=func.sum(bits.at(long_term, o)),
        long_term_entries=_number(and_(bits.at(long_term, o) == 1, bits.at(long_term, o - 1) == 0)),
        long_term_in_measure=_number(and_(bits.at(long_term, o) == 1, bits.at(masks.c.measure, o) == 1)),
    )
    return (
        select(o, *_profile_of(masks), *counted)
        .select_from(masks)
        .join(months, true())
        .where(bits.at(needy, o) == 1)
        .group_by(o, *_profile_of(masks))
    )


def _starts(masks: CTE, bits: _Bits, first: date, last: date) -> Any:
    """Per month and profile: what the employment starts of people needy in their start month or the month before
    count for (`domain.integrations.at_start`: integrations; the entries into minijobs and subsidised work only of
    those needy in the start month)."""
    started = _started(first, last)
    o, needy = started.c.o, masks.c.needy
    in_start_month = bits.at(needy, o) == 1
    counts_for = bits.at(needy, o - 1, 2) != 0  # needy in o − 1 or o: at_start
    integrated, insured = started.c.integrated == 1, started.c.insured == 1
    six_after = bits.at(masks.c.insured, o + 1, CONTINUOUS_MONTHS) == (1 << CONTINUOUS_MONTHS) - 1
    long_term_at_start = bits.at(masks.c.long_term, o - 1, 2) != 0
    counted = _counts(
        integrations=_number(integrated),
        long_term_integrations=_number(and_(integrated, long_term_at_start)),
        marginal_entries=func.sum(case((in_start_month, started.c.marginal), else_=0)),
        subsidised_entries=func.sum(case((in_start_month, started.c.subsidised), else_=0)),
        insured_integrations=_number(insured),
        continuous=_number(and_(insured, six_after)),
    )
    return (
        select(o, *_profile_of(masks), *counted)
        .select_from(started)
        .join(masks, masks.c.client_id == started.c.client_id)
        .where(counts_for)
        .group_by(o, *_profile_of(masks))
    )


def _started(first: date, last: date) -> Subquery:
    """Per person and month of `first` … `last` with a start: an integration kind (once, § 5 Abs. 1 S. 5), insured
    employment (once), and how many minijobs and subsidised jobs (each, § 5 Abs. 2 Nr. 1, 2)."""
    kind, o = STARTS.c.kind, sql_month(STARTS.c.start_date)

    def any_of(kinds: Iterable[str]) -> Any:
        return func.max(case((kind.in_(sorted(kinds)), 1), else_=0))

    def each(wanted: str) -> Any:
        return func.sum(case((kind == wanted, 1), else_=0))

    return (
        select(
            STARTS.c.client_id,
            o.label("o"),
            any_of(INTEGRATION_KINDS).label("integrated"),
            any_of(INSURED).label("insured"),
            each("marginal").label("marginal"),
            each("subsidised").label("subsidised"),
        )
        .where(STARTS.c.start_date >= first, STARTS.c.start_date < add_months(last, 1))
        .group_by(STARTS.c.client_id, o)
        .subquery("started")
    )


def _insured_months(first: date, last: date) -> Subquery:
    """The months `first` … `last` a person was in insured employment, each once: confirmed months of employments
    subject to social insurance, and the month an insured employment started in (as `Employments` has them)."""
    confirmed = (
        select(CONFIRMED.c.client_id, sql_month(CONFIRMED.c.month).label("o"))
        .join(STARTS, STARTS.c.employment_id == CONFIRMED.c.employment_id)
        .where(STARTS.c.kind.in_(INSURED_KINDS), CONFIRMED.c.month >= first, CONFIRMED.c.month <= last)
    )
    started = select(STARTS.c.client_id, sql_month(STARTS.c.start_date).label("o")).where(
        STARTS.c.kind.in_(sorted(INSURED)), STARTS.c.start_date >= first, STARTS.c.start_date < add_months(last, 1)
    )
    return union(confirmed, started).subquery("insured")


async def _benefit_sums(
    session: AsyncSession, offices: frozenset[str] | None, months: Sequence[date]
) -> dict[tuple[date, str], BenefitSums]:
    if not months:
        return {}
    rows = benefit_rows(offices, (min(months), max(months))).subquery("benefits")
    statement = (
        select(rows.c.month, rows.c.office_id, func.sum(rows.c.subsistence), func.sum(rows.c.housing))
        .where(rows.c.month.in_(sorted(set(months))))
        .group_by(rows.c.month, rows.c.office_id)
    )
    return {
        (month, office): BenefitSums(subsistence, housing)
        for month, office, subsistence, housing in (await session.execute(statement)).all()
    }


async def _member_shares(
    session: AsyncSession, people: Subquery, months: Sequence[date]
) -> dict[tuple[date, Profile], BenefitSums]:
    """The members' parts of their households' benefits (§ 9 Abs. 2 S. 3 SGB II) of `months`, summed per month and
    profile, as `cells._member_shares`; needy months without a published part are not attributed."""
    if not months:
        return {}
    statement = (
        select(NEEDY.c.month, *_profile_of(people), func.sum(NEEDY.c.subsistence), func.sum(NEEDY.c.housing))
        .join(people, people.c.client_id == NEEDY.c.client_id)
        .where(NEEDY.c.month.in_(sorted(set(months))), NEEDY.c.subsistence.is_not(None), NEEDY.c.housing.is_not(None))
        .group_by(NEEDY.c.month, *_profile_of(people))
    )
    width = 1 + len(PROFILE)
    return {
        (row[0], _profile(*row[1:width])): BenefitSums(row[width], row[width + 1])
        for row in (await session.execute(statement)).all()
    }


@cache
def _month(number: int) -> date:
    return date(number // 12, number % 12 + 1, 1)


@cache
def _profile(office_id: str, sex: str, programme_id: str | None, target_groups: str) -> Profile:
    groups = frozenset(cast(list[str], json.loads(target_groups)))
    return Profile(office_id, cast(Sex, sex), programme_id, groups, SINGLE_PARENT in groups)

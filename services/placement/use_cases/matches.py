"""The vacancies matching a client: screened in the database, ranked by the domain's rules.

Three reads over the vacancies the caller may see (`visible_vacancies`), in one transaction:
1. the tallies: per field the hard constraints read, each distinct value and how many vacancies carry it
   (one statement); `screening.screen` judges each value with the rules themselves;
2. the candidates: only vacancies whose every value is allowed, whole rows as tuples (no ORM entities), which
   `matching.match` ranks — the same matches, scores and order as judging every vacancy;
3. one page of the excluded (by vacancy id, after a cursor), each with every reason the rules give.
Loading every vacancy to throw 95 % of them away cost most of the request (issue #12: under 100 ms for 2,000).
"""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache
from typing import Any
from uuid import UUID

from sqlalchemy import Boolean, ColumnElement, and_, cast, false, func, literal_column, not_, null, or_, select, true
from sqlmodel import col

from services.placement.domain.matching import (
    Candidate,
    Commutes,
    Exclusion,
    ExclusionPage,
    Ranked,
    match,
)
from services.placement.domain.screening import Field, Screening, screen
from services.placement.domain.views import ExclusionCount, MatchedVacancy, Matches, Vacancy
from services.placement.tables import (
    OPENING_COLUMNS,
    PlacementProfileRow,
    VacancyRow,
    opening_of,
    to_candidate,
    to_opening,
    to_vacancy,
)
from services.placement.use_cases.clients import get_search
from services.placement.use_cases.hidden_market import visible_in, visible_vacancies
from services.placement.use_cases.lookups import known_profile
from services.platform.auth.staff import StaffUser
from services.platform.unit_of_work import Transaction

# A literal 0, not a parameter: PostgreSQL groups by an expression only when it is the selected one, bit for bit.
_OPEN = col(VacancyRow.open_positions) > literal_column("0")
# The columns holding each field's value (the order of `Field`), and those the tallies select: every field's own
# columns in its row of the union, typed NULLs in the others (so one statement serves every field).
COLUMNS: dict[Field, tuple[Any, ...]] = {
    Field.DAILY_START: (col(VacancyRow.daily_start),),
    Field.WEEKLY_HOURS: (col(VacancyRow.weekly_hours),),
    Field.POSTCODE: (col(VacancyRow.location_postcode),),
    Field.OPEN: (_OPEN,),
    Field.OCCUPATION: (col(VacancyRow.kldb_code), col(VacancyRow.kind)),
}
_FIELDS = list(Field)


@lru_cache(maxsize=256)  # per set of offices a caller sees: building the statement costs more than running it
def tallies_query(offices: frozenset[str] | None) -> Any:
    visible = visible_in(offices)

    def part(index: int, field: Field) -> Any:
        values = [
            c if f is field else cast(null(), Boolean if f is Field.OPEN else c.type)
            for f in _FIELDS
            for c in COLUMNS[f]
        ]
        own = COLUMNS[field]
        return select(literal_column(str(index)), *values, func.count()).where(visible).group_by(*own)

    first, *rest = (part(i, f) for i, f in enumerate(_FIELDS))
    return first.union_all(*rest)


async def tallies(tx: Transaction, offices: frozenset[str] | None) -> dict[Field, dict[Any, int]]:
    """Per field, each value the vacancies visible to staff of `offices` carry and how many carry it."""
    widths = [len(COLUMNS[f]) for f in _FIELDS]
    starts = [sum(widths[:i]) + 1 for i in range(len(_FIELDS))]
    found: dict[Field, dict[Any, int]] = {f: {} for f in _FIELDS}
    for row in await tx.session.execute(tallies_query(offices)):
        index, count = row[0], row[-1]
        values = tuple(row[starts[index] : starts[index] + widths[index]])
        field = _FIELDS[index]
        value: Any = values if field is Field.OCCUPATION else values[0]
        found[field][bool(value) if field is Field.OPEN else value] = count
    return found


def _one_of(column: Any, values: frozenset[Any]) -> ColumnElement[bool]:
    """`column` holds one of `values` (None among them: NULL too); never NULL itself, so NOT works on it."""
    known = [v for v in values if v is not None]
    inside = and_(column.is_not(None), column.in_(known)) if known else false()
    return or_(column.is_(None), inside) if None in values else inside


def allowed_filter(screening: Screening) -> ColumnElement[bool]:
    """Vacancies whose every value the screening allows (fields where every value is allowed need no test)."""
    tests: list[ColumnElement[bool]] = []
    for field in screening.restricted:
        allowed = screening.allowed[field]
        if field is Field.OPEN:
            tests.append(_OPEN if True in allowed else false())
        elif field is Field.OCCUPATION:
            tests.append(_occupation_filter(allowed))
        else:
            tests.append(_one_of(COLUMNS[field][0], allowed))
    return and_(true(), *tests)


def _occupation_filter(allowed: frozenset[Any]) -> ColumnElement[bool]:
    code, kind = COLUMNS[Field.OCCUPATION]
    codes_by_kind: dict[str, set[str | None]] = {}
    for pair in allowed:
        code_value, kind_value = pair
        codes_by_kind.setdefault(kind_value, set()).add(code_value)
    return or_(false(), *(and_(kind == k, _one_of(code, frozenset(c))) for k, c in codes_by_kind.items()))


async def find_matches(
    tx: Transaction, client_id: UUID, by: StaffUser, commutes: Commutes, page: ExclusionPage | None = None
) -> Matches:
    """Every match, best first; the excluded counted by constraint and one page of them with their reasons."""
    page = page or ExclusionPage()
    await get_search(tx, client_id, by)
    client = to_candidate(await known_profile(tx, client_id, by), await tx.session.get(PlacementProfileRow, client_id))
    visible = visible_vacancies(by)
    screening = screen(client, commutes, await tallies(tx, by.visible_offices()))
    allowed = false() if screening.nothing_matches else allowed_filter(screening)
    rows = (
        []
        if screening.nothing_matches
        else list(await tx.session.execute(_whole_rows().where(visible, allowed).order_by(col(VacancyRow.vacancy_id))))
    )
    ranked = match(client, [to_opening(r) for r in rows], commutes).matches
    by_id = {r.vacancy_id: to_vacancy(r) for r in rows}
    return Matches(
        client_id=client_id,
        matches=[_matched(by_id[r.opening.vacancy_id], r) for r in ranked],
        excluded=await _excluded_page(tx, client, commutes, and_(visible, not_(allowed)), page),
        excluded_total=screening.visible - len(ranked),
        excluded_by_constraint=[ExclusionCount(n, c) for n, c in screening.excluded_by_constraint.items()],
    )


def _whole_rows() -> Any:
    return select(*VacancyRow.__table__.columns)  # type: ignore[attr-defined]


async def _excluded_page(
    tx: Transaction, client: Candidate, commutes: Commutes, excluded: ColumnElement[bool], page: ExclusionPage
) -> list[Exclusion]:
    if page.limit == 0:
        return []
    query = select(*OPENING_COLUMNS).where(excluded).order_by(col(VacancyRow.vacancy_id)).limit(page.limit)
    if page.after is not None:
        query = query.where(col(VacancyRow.vacancy_id) > page.after)
    return match(client, [opening_of(r) for r in await tx.session.execute(query)], commutes).excluded


VACANCY_FIELDS = tuple(f.name for f in fields(Vacancy))


def _matched(vacancy: Vacancy, ranked: Ranked) -> MatchedVacancy:
    own = {name: getattr(vacancy, name) for name in VACANCY_FIELDS}
    return MatchedVacancy(**own, score=ranked.score, score_components=ranked.components)

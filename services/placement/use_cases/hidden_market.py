"""Who sees an unpublished vacancy: placement staff of its employer's office, in every way of reading it (list,
get, matches). To anyone else it does not exist (404, never 403, which would tell that it does)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select, true
from sqlmodel import col

from services.placement.tables import EmployerRow, VacancyRow
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.unit_of_work import Transaction


def visible_vacancies(by: StaffUser) -> ColumnElement[bool]:
    """A filter on `vacancies`: published ones, and unpublished ones of an employer of the caller's offices."""
    return visible_in(by.visible_offices())


def visible_in(offices: frozenset[str] | None) -> ColumnElement[bool]:
    """Published vacancies, and unpublished ones of an employer of `offices` (None: every office)."""
    if offices is None:
        return true()
    own = select(col(EmployerRow.employer_id)).where(col(EmployerRow.office_id).in_(offices))
    return or_(col(VacancyRow.published), col(VacancyRow.employer_id).in_(own))


async def is_visible(tx: Transaction, row: VacancyRow, by: StaffUser) -> bool:
    if row.published:
        return True
    employer = await tx.session.get(EmployerRow, row.employer_id)
    return employer is not None and by.may_act_for(employer.office_id)


async def require_visible(tx: Transaction, row: VacancyRow, by: StaffUser) -> None:
    if not await is_visible(tx, row, by):
        raise NotFound("vacancy", row.vacancy_id)

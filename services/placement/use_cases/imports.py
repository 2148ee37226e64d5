"""Importing vacancies published in the BA Jobsuche: record by record, with a report; a re-import of a
`refnr` updates its vacancy instead of adding another."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from services.placement.domain.jobsuche import ImportReport, PublishedVacancy, Rejection
from services.placement.domain.model import check_known_office, open_positions_after_edit
from services.placement.tables import EmployerRow, VacancyRow
from services.platform.auth.staff import StaffUser
from services.platform.errors import RuleViolation
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


async def import_vacancies(
    tx: Transaction,
    office_id: str,
    records: list[PublishedVacancy | Rejection],
    offices: Collection[str],
    by: StaffUser,
) -> ImportReport:
    """Employers are found by name within the office, or added; the vacancies belong to the office's staff."""
    check_known_office(office_id, offices)
    by.require_office(office_id)
    report = ImportReport(office_id, len(records), [], [], [])
    for index, record in enumerate(records):
        if isinstance(record, Rejection):
            report.rejected.append(record)
            continue
        try:
            created = await _upsert(tx, office_id, record, by)
        except RuleViolation as refused:
            report.rejected.append(Rejection(index, record.refnr, ((refused.field, refused.reason),)))
            continue
        (report.created if created else report.updated).append(record.refnr)
    return report


async def _employer(tx: Transaction, office_id: str, vacancy: PublishedVacancy) -> EmployerRow:
    found = (
        await tx.session.scalars(
            select(EmployerRow).where(
                col(EmployerRow.office_id) == office_id, col(EmployerRow.name) == vacancy.employer_name
            )
        )
    ).first()
    if found is not None:
        return found
    row = EmployerRow(
        employer_id=new_id(),
        name=vacancy.employer_name,
        office_id=office_id,
        postcode=vacancy.postcode,
        partner_company=False,
        created_at=datetime.now(UTC),
    )
    tx.session.add(row)
    await tx.session.flush()
    return row


async def _upsert(tx: Transaction, office_id: str, vacancy: PublishedVacancy, by: StaffUser) -> bool:
    """True when the vacancy is new; a known `refnr` is updated in place (its filled positions stay filled)."""
    row = (await tx.session.scalars(select(VacancyRow).where(col(VacancyRow.refnr) == vacancy.refnr))).first()
    if row is not None:
        current = await tx.session.get(EmployerRow, row.employer_id)
        if current is not None and current.office_id != office_id:
            raise RuleViolation("refnr", f"already imported for the office {current.office_id}")
        open_positions = open_positions_after_edit(row.positions, row.open_positions, vacancy.positions)
    employer = await _employer(tx, office_id, vacancy)
    fields: dict[str, Any] = {
        "employer_id": employer.employer_id,
        "title": vacancy.title,
        "occupation": vacancy.job_title,  # KldB job titles are at most 100 characters
        "kldb_code": vacancy.kldb_code,
        "kind": vacancy.kind,
        "location_postcode": vacancy.postcode,
        "subject_to_social_insurance": vacancy.subject_to_social_insurance,
        "entry_date": vacancy.entry_date,
        "positions": vacancy.positions,
    }
    if row is None:
        row = VacancyRow(
            vacancy_id=new_id(),
            refnr=vacancy.refnr,
            open_positions=vacancy.positions,
            created_at=datetime.now(UTC),
            created_by=by.staff_id,
            **fields,
        )
        tx.session.add(row)
        await tx.session.flush()
        return True
    row.open_positions = open_positions
    for name, value in fields.items():
        setattr(row, name, value)
    tx.session.add(row)
    await tx.session.flush()
    return False

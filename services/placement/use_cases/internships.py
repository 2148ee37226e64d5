"""Internships and work trials at an employer (§ 45 SGB III): arranged for a client within a programme, at most
the weeks the law allows, and ended with an outcome. The caller acts for the client's and the employer's office.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import InternshipArrangedV1, InternshipEndedV1
from services.placement.domain.internships import ArrangeInternship, EndInternship, check_end, check_period
from services.placement.domain.relation_views import Internship
from services.placement.employer_tables import InternshipRow, to_internship
from services.placement.use_cases.employer_contacts import employer_for
from services.placement.use_cases.lookups import known_profile
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


async def arrange_internship(tx: Transaction, cmd: ArrangeInternship, by: StaffUser) -> Internship:
    check_period(cmd)
    await employer_for(tx, cmd.employer_id, by, field="employer_id")
    client = await known_profile(tx, cmd.client_id, by)
    row = InternshipRow(
        internship_id=new_id(),
        office_id=client.office_id,
        arranged_at=datetime.now(UTC),
        arranged_by=by.staff_id,
        **asdict(cmd),
    )
    tx.session.add(row)
    await tx.publish(
        InternshipArrangedV1(
            internship_id=row.internship_id,
            client_id=row.client_id,
            employer_id=row.employer_id,
            office_id=row.office_id,
            program_id=row.program_id,
            kind=cmd.kind.value,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
        )
    )
    return to_internship(row)


async def _internship_row(
    tx: Transaction, internship_id: UUID, by: StaffUser, for_update: bool = False
) -> InternshipRow:
    row = await tx.session.get(InternshipRow, internship_id, with_for_update=for_update)
    if row is None:
        raise NotFound("internship", internship_id)
    by.require_office(row.office_id)
    return row


async def get_internship(tx: Transaction, internship_id: UUID, by: StaffUser) -> Internship:
    return to_internship(await _internship_row(tx, internship_id, by))


async def end_internship(tx: Transaction, internship_id: UUID, cmd: EndInternship, by: StaffUser) -> Internship:
    """The same outcome again is a retry (no second event); another outcome after one is a conflict (409)."""
    row = await _internship_row(tx, internship_id, by, for_update=True)
    recorded = to_internship(row).outcome
    if check_end(row.starts_on, row.ends_on, recorded, cmd):
        row.outcome, row.outcome_on = cmd.outcome, cmd.outcome_on
        tx.session.add(row)
        await tx.publish(
            InternshipEndedV1(
                internship_id=row.internship_id,
                client_id=row.client_id,
                employer_id=row.employer_id,
                outcome=cmd.outcome.value,
                outcome_on=cmd.outcome_on,
            )
        )
    return to_internship(row)


async def list_internships(
    tx: Transaction, employer_id: UUID | None, client_id: UUID | None, by: StaffUser
) -> list[Internship]:
    """An employer's internships, or a client's; only those of the caller's offices."""
    query = select(InternshipRow).order_by(col(InternshipRow.starts_on).desc())
    if employer_id is not None:
        await employer_for(tx, employer_id, by)
        query = query.where(col(InternshipRow.employer_id) == employer_id)
    if client_id is not None:
        await known_profile(tx, client_id, by)
        query = query.where(col(InternshipRow.client_id) == client_id)
    offices = by.visible_offices()
    if offices is not None:
        query = query.where(col(InternshipRow.office_id).in_(offices))
    return [to_internship(r) for r in await tx.session.scalars(query)]

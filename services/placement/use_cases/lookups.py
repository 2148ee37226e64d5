"""Look-ups several of placement's use cases share: a client's profile and office, the open job search, an
employment within the caller's offices.

A client's office is unknown until their registration reaches placement (`client_registered.v1` and
`ready_for_placement.v1` travel on different topics): until then there is no office to check.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from services.placement.domain.model import SearchStatus
from services.placement.tables import ClientProfileRow, EmploymentRow, JobSearchRow
from services.platform.auth.staff import StaffUser
from services.platform.errors import Conflict, NotFound
from services.platform.unit_of_work import Transaction


async def profile_of(tx: Transaction, client_id: UUID) -> ClientProfileRow | None:
    return await tx.session.get(ClientProfileRow, client_id)


async def office_of(tx: Transaction, client_id: UUID) -> str | None:
    profile = await profile_of(tx, client_id)
    return profile.office_id if profile is not None else None


async def known_profile(tx: Transaction, client_id: UUID, by: StaffUser) -> ClientProfileRow:
    """The client's constraints; matching without them would be a guess."""
    profile = await profile_of(tx, client_id)
    if profile is None:
        raise Conflict(f"the registration of client {client_id} has not reached placement yet; retry shortly")
    by.require_office(profile.office_id)
    return profile


async def open_search(tx: Transaction, client_id: UUID) -> JobSearchRow | None:
    return (
        await tx.session.scalars(
            select(JobSearchRow)
            .where(col(JobSearchRow.client_id) == client_id, col(JobSearchRow.status) == SearchStatus.OPEN)
            .order_by(col(JobSearchRow.opened_at).desc())
            .limit(1)
        )
    ).first()


async def employment_for(
    tx: Transaction, employment_id: UUID, by: StaffUser, for_update: bool = False
) -> tuple[EmploymentRow, str | None]:
    """The employment and the client's office (when known), if the caller may act for it."""
    employment = await tx.session.get(EmploymentRow, employment_id, with_for_update=for_update)
    if employment is None:
        raise NotFound("employment", employment_id)
    office_id = await office_of(tx, employment.client_id)
    if office_id is not None:  # unknown until the registration arrives
        by.require_office(office_id)
    return employment, office_id

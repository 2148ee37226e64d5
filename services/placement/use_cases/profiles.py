"""A client's placement profile, and the apprenticeship rate of an office's youth."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from uuid import UUID

from sqlalchemy import extract, select
from sqlmodel import col

from services.placement.domain.occupations import Classification
from services.placement.domain.profiles import SetProfile, check_profile
from services.placement.domain.views import Profile
from services.placement.domain.youth import ApprenticeshipRate, is_placed
from services.placement.tables import (
    ClientProfileRow,
    EmploymentRow,
    PlacementProfileRow,
    to_profile_row,
    to_set_profile,
)
from services.placement.use_cases.lookups import known_profile
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.unit_of_work import Transaction


async def set_profile(
    tx: Transaction, client_id: UUID, cmd: SetProfile, kldb: Classification, by: StaffUser, today: date
) -> Profile:
    """Replaces the profile; 409 until the client's registration reached placement (its office is unknown)."""
    registration = await known_profile(tx, client_id, by)
    check_profile(cmd, kldb, today)
    row = await tx.session.merge(to_profile_row(client_id, cmd, datetime.now(UTC), by.staff_id))
    await tx.session.flush()
    return Profile(client_id, registration.office_id, to_set_profile(row), row.updated_at)


async def get_profile(tx: Transaction, client_id: UUID, by: StaffUser) -> Profile:
    registration = await known_profile(tx, client_id, by)
    row = await tx.session.get(PlacementProfileRow, client_id)
    if row is None:
        raise NotFound("placement profile of client", client_id)
    return Profile(client_id, registration.office_id, to_set_profile(row), row.updated_at)


async def apprenticeship_rate(tx: Transaction, office_id: str, year: int) -> ApprenticeshipRate:
    seekers = (
        await tx.session.execute(
            select(col(PlacementProfileRow.client_id), col(PlacementProfileRow.seeking_since))
            .join(ClientProfileRow, col(ClientProfileRow.client_id) == col(PlacementProfileRow.client_id))
            .where(
                col(ClientProfileRow.office_id) == office_id,
                col(PlacementProfileRow.apprenticeship_seeker),
                extract("year", col(PlacementProfileRow.seeking_since)) == year,
            )
        )
    ).all()
    starts: defaultdict[UUID, list[date]] = defaultdict(list)
    ids = [client_id for client_id, _ in seekers]
    for client_id, start in await tx.session.execute(
        select(col(EmploymentRow.client_id), col(EmploymentRow.start_date)).where(
            col(EmploymentRow.client_id).in_(ids), col(EmploymentRow.apprenticeship)
        )
    ):
        starts[client_id].append(start)
    placed = [c for c, since in seekers if since is not None and is_placed(since, starts[c])]
    return ApprenticeshipRate(office_id, year, len(seekers), len(placed))

"""Clients as placement learns of them and their job searches (the vacancies that match them: `matches`).

`ready_for_placement.v1` (coaching's topic) and `client_registered.v1` (intake's topic) travel
on different topics, so readiness may arrive before the registration. Placement opens the
search at once (the journey waits for `job_search_opened.v1`, and blocking coaching's
partition on intake's lag would hold up every other client on it); the search takes the
client's office and availability from the profile whenever that arrives. Until then,
matching and proposals answer 409 "not reached placement yet" instead of guessing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import AvailabilityV1, ClientRegisteredV1, JobSearchOpenedV1, ReadyForPlacementV1
from services.placement.domain.model import SearchStatus
from services.placement.domain.views import Search
from services.placement.tables import ClientProfileRow, JobSearchRow, to_search
from services.placement.use_cases.lookups import office_of, open_search
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


async def record_client_profile(tx: Transaction, event: ClientRegisteredV1) -> None:
    """Keep the client's office and availability; a later registration of the same client replaces them."""
    availability = event.availability or AvailabilityV1()
    await tx.session.merge(
        ClientProfileRow(
            client_id=event.client_id,
            household_id=event.household_id,
            office_id=event.office_id,
            target_groups=sorted(event.target_groups),
            earliest_daily_start=availability.earliest_daily_start,
            max_weekly_hours=availability.max_weekly_hours,
            max_commute_minutes=availability.max_commute_minutes,
            registered_at=event.registered_at,
        )
    )


async def open_job_search(tx: Transaction, event: ReadyForPlacementV1) -> None:
    """Open a search unless one is open already (a client declared ready twice keeps one search)."""
    if await open_search(tx, event.client_id) is not None:
        return
    now = datetime.now(UTC)
    search = JobSearchRow(
        search_id=new_id(),
        client_id=event.client_id,
        status=SearchStatus.OPEN,
        case_worker_id=event.case_worker_id,
        opened_at=now,
    )
    tx.session.add(search)
    await tx.publish(JobSearchOpenedV1(client_id=event.client_id, search_id=search.search_id, opened_at=now))


async def get_search(tx: Transaction, client_id: UUID, by: StaffUser) -> Search:
    """The open search, else the latest one."""
    office_id = await office_of(tx, client_id)
    if office_id is not None:  # unknown until the registration arrives
        by.require_office(office_id)
    search = (
        await open_search(tx, client_id)
        or (
            await tx.session.scalars(
                select(JobSearchRow)
                .where(col(JobSearchRow.client_id) == client_id)
                .order_by(col(JobSearchRow.opened_at).desc())
                .limit(1)
            )
        ).first()
    )
    if search is None:
        raise NotFound("job search of client", client_id)
    return to_search(search, office_id)

"""Clients as placement learns of them, their job searches and the vacancies that match them.

`ready_for_placement.v1` (coaching's topic) and `client_registered.v1` (intake's topic) travel
on different topics, so readiness may arrive before the registration. Placement opens the
search at once (the journey waits for `job_search_opened.v1`, and blocking coaching's
partition on intake's lag would hold up every other client on it); the search takes the
client's office and availability from the profile whenever that arrives. Until then,
matching and proposals answer 409 "not reached placement yet" instead of guessing.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import AvailabilityV1, ClientRegisteredV1, JobSearchOpenedV1, ReadyForPlacementV1
from services.placement.domain.matching import Commutes, ExclusionPage, Ranked, count_by_constraint, match
from services.placement.domain.model import SearchStatus
from services.placement.domain.views import ExclusionCount, MatchedVacancy, Matches, Search, Vacancy
from services.placement.tables import (
    OPENING_COLUMNS,
    ClientProfileRow,
    JobSearchRow,
    PlacementProfileRow,
    VacancyRow,
    opening_of,
    to_candidate,
    to_search,
    to_vacancy,
)
from services.placement.use_cases.hidden_market import visible_vacancies
from services.placement.use_cases.lookups import known_profile, office_of, open_search
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


async def find_matches(
    tx: Transaction, client_id: UUID, by: StaffUser, commutes: Commutes, page: ExclusionPage | None = None
) -> Matches:
    """Every vacancy, split into those meeting all hard constraints and those excluded: every match, the excluded
    counted by constraint and one page of them (by vacancy id) with their reasons."""
    page = page or ExclusionPage()
    await get_search(tx, client_id, by)
    profile = await known_profile(tx, client_id, by)
    placement_profile = await tx.session.get(PlacementProfileRow, client_id)
    # Only the columns matching reads, as tuples: loading 2,000 full rows as entities costs several times more.
    by_id = select(*OPENING_COLUMNS).where(visible_vacancies(by)).order_by(col(VacancyRow.vacancy_id))
    openings = [opening_of(r) for r in await tx.session.execute(by_id)]
    result = match(to_candidate(profile, placement_profile), openings, commutes)
    ids = [r.opening.vacancy_id for r in result.matches]
    rows = {
        v.vacancy_id: v for v in await tx.session.scalars(select(VacancyRow).where(col(VacancyRow.vacancy_id).in_(ids)))
    }
    counts = count_by_constraint(result.excluded)
    return Matches(
        client_id=client_id,
        matches=[_matched(to_vacancy(rows[r.opening.vacancy_id]), r) for r in result.matches],
        excluded=page.of(result.excluded),
        excluded_total=len(result.excluded),
        excluded_by_constraint=[ExclusionCount(name, n) for name, n in counts.items()],
    )


def _matched(vacancy: Vacancy, ranked: Ranked) -> MatchedVacancy:
    own = {f.name: getattr(vacancy, f.name) for f in fields(vacancy)}
    return MatchedVacancy(**own, score=ranked.score, score_components=ranked.components)

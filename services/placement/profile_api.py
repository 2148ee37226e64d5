"""Placement's routes for a client's placement profile and the office's apprenticeship rate."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date, datetime
from typing import Annotated
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Response

from services.placement.api import KldbDep, PlacementStaff
from services.placement.domain.views import Profile
from services.placement.profile_schemas import ApprenticeshipRateOut, ProfileIn, ProfileOut
from services.placement.use_cases import profiles
from services.platform.http.fields import OfficeId
from services.platform.http.idempotency import IdempotencyKey
from services.platform.service_app import RuntimeDep

profile_routes = APIRouter(prefix="/placement-profiles", tags=["profiles"])
youth_routes = APIRouter(prefix="/apprenticeship-rates", tags=["youth"])
ROUTERS = (profile_routes, youth_routes)


async def _profile_reply(result: Awaitable[Profile]) -> ProfileOut:
    return ProfileOut.of(await result)


def _today() -> date:
    """Business dates are Europe/Berlin's (an age turns at midnight there)."""
    return datetime.now(ZoneInfo("Europe/Berlin")).date()


@profile_routes.put("/{client_id}", response_model=ProfileOut, summary="Record a client's placement profile")
async def set_profile(
    client_id: UUID,
    body: ProfileIn,
    runtime: RuntimeDep,
    user: PlacementStaff,
    kldb: KldbDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Replaces the profile. 422 naming the field for a KldB code the classification lacks
    (`target_occupations.0`, `qualifications.0.occupation`), for commuting by car without a class-B licence
    (`commute_mode`), or for an apprenticeship seeker under 15 (`apprenticeship.birth_date`). 409 until the
    client's registration reached placement; 403 outside the caller's offices."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: _profile_reply(profiles.set_profile(tx, client_id, command, kldb, user, _today())),
        200,
    )


@profile_routes.get("/{client_id}", response_model=ProfileOut, summary="A client's placement profile")
async def get_profile(client_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> ProfileOut:
    async with runtime.uow.transaction() as tx:
        return ProfileOut.of(await profiles.get_profile(tx, client_id, user))


@youth_routes.get("", response_model=ApprenticeshipRateOut, summary="An office's apprenticeship rate in a year")
async def apprenticeship_rate(
    office_id: OfficeId,
    year: Annotated[int, Query(ge=2000, le=2100)],
    runtime: RuntimeDep,
    user: PlacementStaff,
) -> ApprenticeshipRateOut:
    """The share of the office's apprenticeship seekers whose search began in `year` and who got an
    apprenticeship since; the Kreis Gütersloh's goal is one in three. 403 outside the caller's offices."""
    user.require_office(office_id)
    async with runtime.uow.transaction() as tx:
        found = await profiles.apprenticeship_rate(tx, office_id, year)
    return ApprenticeshipRateOut(
        office_id=found.office_id,
        year=found.year,
        seekers=found.seekers,
        placed=found.placed,
        rate=found.rate,
        goal=found.goal,
        meets_goal=found.meets_goal,
    )

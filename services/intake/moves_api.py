"""Intake's route for a move: the client's new residence, and with it the responsible office."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Response

from services.intake.api import IntakeStaff, offices
from services.intake.domain.offices import OfficeDirectory
from services.intake.move_schemas import MoveIn, MoveOut
from services.intake.use_cases import moves
from services.platform.http.idempotency import IdempotencyKey
from services.platform.privacy.api import Purpose
from services.platform.service_app import RuntimeDep
from services.platform.unit_of_work import Transaction

router = APIRouter(prefix="/clients", tags=["clients"])
BERLIN = ZoneInfo("Europe/Berlin")


@router.post("/{client_id}/moves", status_code=201, response_model=MoveOut, summary="Record a move")
async def record_move(
    client_id: UUID,
    body: MoveIn,
    runtime: RuntimeDep,
    user: IntakeStaff,
    directory: Annotated[OfficeDirectory, Depends(offices)],
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """The client moved (Umzug): from `moved_on` the office of the new postcode is responsible. Recorded with who,
    when and why (append-only) and announced as `client_moved.v1` (ids and offices, never the address): coaching
    hands the case over, benefits applies the new district's appropriate rent (§ 22 SGB II), the journey follows.
    422: the same postcode, a day in the future or before the registration, a postcode no office serves. 410: a
    merged-away client."""
    command = body.to_command(client_id)
    today = datetime.now(BERLIN).date()

    async def run(tx: Transaction) -> MoveOut:
        return MoveOut.of(await moves.record_move(tx, command, directory, user, purpose, today))

    return await runtime.idempotent.run(idempotency_key, user, body, run)

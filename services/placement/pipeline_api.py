"""Placement's routes for a proposal's pipeline (application → interview → offer, or closed) and for the support
after a hire (the employer's feedback, early warnings). The hire itself is `POST /employments`."""

from __future__ import annotations

from collections.abc import Awaitable
from uuid import UUID

from fastapi import APIRouter, Response

from services.placement.api import PlacementStaff
from services.placement.domain.aftercare import AftercareRecord
from services.placement.pipeline_schemas import AftercareOut, FeedbackIn, RiskIn, StepIn, StepOut
from services.placement.schemas import ProposalOut
from services.placement.use_cases import aftercare, pipeline
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.service_app import RuntimeDep

step_routes = APIRouter(prefix="/proposals", tags=["proposals"])
aftercare_routes = APIRouter(prefix="/employments", tags=["employments"])
ROUTERS = (step_routes, aftercare_routes)


async def _aftercare_reply(result: Awaitable[AftercareRecord]) -> AftercareOut:
    return AftercareOut.of(await result)


@step_routes.post("/{proposal_id}/steps", response_model=ProposalOut, summary="Record a step of the pipeline")
async def take_step(
    proposal_id: UUID, body: StepIn, runtime: RuntimeDep, user: PlacementStaff, idempotency_key: IdempotencyKey = None
) -> Response:
    """application, interview_scheduled, interview_held (with its outcome), offer, or close (rejected/withdrawn
    with a reason code). Emits `application_sent`, `interview_scheduled`, `interview_held`, `offer_made` or
    `proposal_closed.v1`. 409 when the proposal's stage does not allow the step; 422 naming a missing field."""
    step = body.to_step()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(ProposalOut, pipeline.take_step(tx, proposal_id, step, user)),
    )


@step_routes.get("/{proposal_id}/steps", response_model=list[StepOut], summary="A proposal's steps so far")
async def list_steps(proposal_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> list[StepOut]:
    async with runtime.uow.transaction() as tx:
        return [StepOut.of(s) for s in await pipeline.list_steps(tx, proposal_id, user)]


@aftercare_routes.post(
    "/{employment_id}/feedback", status_code=201, response_model=AftercareOut, summary="Record the employer's feedback"
)
async def record_feedback(
    employment_id: UUID,
    body: FeedbackIn,
    runtime: RuntimeDep,
    user: PlacementStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Emits `employer_feedback_recorded.v1`; a negative rating makes the journey raise a job_at_risk task."""
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: _aftercare_reply(
            aftercare.record_feedback(tx, employment_id, body.on, body.rating, body.note, user)
        ),
    )


@aftercare_routes.post(
    "/{employment_id}/risks", status_code=201, response_model=AftercareOut, summary="Warn that the job is at risk"
)
async def report_risk(
    employment_id: UUID, body: RiskIn, runtime: RuntimeDep, user: PlacementStaff, idempotency_key: IdempotencyKey = None
) -> Response:
    """Emits `job_at_risk_reported.v1`: the journey raises a job_at_risk task for the coach."""
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: _aftercare_reply(aftercare.report_risk(tx, employment_id, body.on, body.reason, body.note, user)),
    )


@aftercare_routes.get(
    "/{employment_id}/aftercare", response_model=list[AftercareOut], summary="Feedback and warnings after a hire"
)
async def list_aftercare(employment_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> list[AftercareOut]:
    async with runtime.uow.transaction() as tx:
        return [AftercareOut.of(r) for r in await aftercare.list_records(tx, employment_id, user)]

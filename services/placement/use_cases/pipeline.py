"""A proposal's pipeline: each step moves its stage (domain/pipeline.py) and announces a fact the journey follows.

The hire itself stays `POST /employments` with the proposal's id (use_cases/employments.py): it records the
contract, takes the position and emits `employment_started.v1`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import (
    ApplicationSentV1,
    Event,
    InterviewHeldV1,
    InterviewScheduledV1,
    OfferMadeV1,
    ProposalClosedV1,
)
from services.placement.domain.model import ProposalStatus
from services.placement.domain.pipeline import (
    ClosedAs,
    CloseReason,
    InterviewOutcome,
    PipelineStep,
    RecordedStep,
    Step,
    check_step,
    stage_after,
)
from services.placement.domain.views import Proposal
from services.placement.tables import ProposalRow, ProposalStepRow, to_proposal
from services.placement.use_cases.proposals import proposal_row
from services.platform.auth.staff import StaffUser
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


async def take_step(tx: Transaction, proposal_id: UUID, step: PipelineStep, by: StaffUser) -> Proposal:
    """409 when the proposal's stage does not allow the step, 422 naming what the step lacks."""
    row = await proposal_row(tx, proposal_id, by, for_update=True)
    check_step(step, row.proposed_at.date())
    stage = stage_after(ProposalStatus(row.status), step)
    now = datetime.now(UTC)
    row.status, row.updated_at = stage, now
    tx.session.add(row)
    tx.session.add(_step_row(proposal_id, step, now, by))
    await tx.publish(_fact(row, step))
    return to_proposal(row)


async def list_steps(tx: Transaction, proposal_id: UUID, by: StaffUser) -> list[RecordedStep]:
    await proposal_row(tx, proposal_id, by)
    query = (
        select(ProposalStepRow)
        .where(col(ProposalStepRow.proposal_id) == proposal_id)
        .order_by(col(ProposalStepRow.recorded_at), col(ProposalStepRow.step_id))
    )
    return [_recorded(r) for r in await tx.session.scalars(query)]


def _fact(row: ProposalRow, step: PipelineStep) -> Event:
    ids = {"client_id": row.client_id, "proposal_id": row.proposal_id, "vacancy_id": row.vacancy_id}
    match step.step:
        case Step.APPLICATION:
            return ApplicationSentV1(**ids, sent_on=step.on)
        case Step.INTERVIEW_SCHEDULED:
            return InterviewScheduledV1(**ids, interview_on=step.on)
        case Step.INTERVIEW_HELD:
            assert step.interview_outcome is not None
            return InterviewHeldV1(**ids, held_on=step.on, outcome=step.interview_outcome.value)
        case Step.OFFER:
            return OfferMadeV1(**ids, offered_on=step.on)
        case Step.CLOSE:
            assert step.closed_as is not None and step.reason is not None
            return ProposalClosedV1(**ids, closed_on=step.on, closed_as=step.closed_as.value, reason=step.reason.value)


def _step_row(proposal_id: UUID, step: PipelineStep, at: datetime, by: StaffUser) -> ProposalStepRow:
    return ProposalStepRow(
        step_id=new_id(),
        proposal_id=proposal_id,
        step=step.step,
        on_date=step.on,
        interview_outcome=step.interview_outcome,
        closed_as=step.closed_as,
        reason=step.reason,
        note=step.note,
        recorded_at=at,
        recorded_by=by.staff_id,
    )


def _recorded(row: ProposalStepRow) -> RecordedStep:
    taken = PipelineStep(
        step=Step(row.step),
        on=row.on_date,
        interview_outcome=InterviewOutcome(row.interview_outcome) if row.interview_outcome else None,
        closed_as=ClosedAs(row.closed_as) if row.closed_as else None,
        reason=CloseReason(row.reason) if row.reason else None,
        note=row.note,
    )
    return RecordedStep(row.step_id, row.proposal_id, taken, row.recorded_at, row.recorded_by)

"""Proposals (Vermittlungsvorschläge): a vacancy put to a client, only if it meets every hard constraint."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import ProposalMadeV1
from services.placement.domain.commands import MakeProposal, RecordOutcome
from services.placement.domain.matching import Commutes, exclusion_reasons
from services.placement.domain.model import ProposalStatus, next_proposal_status
from services.placement.domain.pipeline import OPEN
from services.placement.domain.views import Proposal
from services.placement.tables import (
    PlacementProfileRow,
    ProposalRow,
    VacancyRow,
    to_candidate,
    to_opening,
    to_proposal,
)
from services.placement.use_cases.hidden_market import is_visible
from services.placement.use_cases.lookups import known_profile, office_of, open_search
from services.platform.auth.staff import StaffUser
from services.platform.errors import Conflict, NotFound, RuleViolation
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction

_PENDING = (*OPEN, ProposalStatus.ACCEPTED)


async def make_proposal(tx: Transaction, cmd: MakeProposal, by: StaffUser, commutes: Commutes) -> Proposal:
    """Refused with 422 naming `vacancy_id` and every constraint the vacancy breaks. Emits `proposal_made.v1`."""
    profile = await known_profile(tx, cmd.client_id, by)
    vacancy = await tx.session.get(VacancyRow, cmd.vacancy_id)
    if vacancy is None or not await is_visible(tx, vacancy, by):  # another office's unpublished one: unknown here
        raise RuleViolation("vacancy_id", "no such vacancy")
    placement_profile = await tx.session.get(PlacementProfileRow, cmd.client_id)
    reasons = exclusion_reasons(to_candidate(profile, placement_profile), to_opening(vacancy), commutes)
    if reasons:
        raise RuleViolation("vacancy_id", "; ".join(reasons))
    search = await open_search(tx, cmd.client_id)
    if search is None:
        raise Conflict(f"client {cmd.client_id} has no open job search (not declared ready for placement)")
    await _refuse_duplicate(tx, cmd)
    now = datetime.now(UTC)
    row = ProposalRow(
        proposal_id=new_id(),
        client_id=cmd.client_id,
        vacancy_id=cmd.vacancy_id,
        search_id=search.search_id,
        status=ProposalStatus.PROPOSED,
        proposed_at=now,
        proposed_by=by.staff_id,
        updated_at=now,
    )
    tx.session.add(row)
    await tx.publish(
        ProposalMadeV1(client_id=cmd.client_id, proposal_id=row.proposal_id, vacancy_id=cmd.vacancy_id, proposed_at=now)
    )
    return to_proposal(row)


async def _refuse_duplicate(tx: Transaction, cmd: MakeProposal) -> None:
    earlier = (
        await tx.session.scalars(
            select(ProposalRow)
            .where(
                col(ProposalRow.client_id) == cmd.client_id,
                col(ProposalRow.vacancy_id) == cmd.vacancy_id,
                col(ProposalRow.status).in_(_PENDING),
            )
            .limit(1)
        )
    ).first()
    if earlier is not None:
        raise Conflict(f"the vacancy was already proposed to this client (proposal {earlier.proposal_id})")


async def record_outcome(tx: Transaction, proposal_id: UUID, cmd: RecordOutcome, by: StaffUser) -> Proposal:
    """applied → accepted/rejected; recording the same outcome again changes nothing."""
    row = await proposal_row(tx, proposal_id, by)
    status = next_proposal_status(ProposalStatus(row.status), cmd.outcome)
    if status is not None:
        row.status, row.updated_at = status, datetime.now(UTC)
        tx.session.add(row)
    return to_proposal(row)


async def get_proposal(tx: Transaction, proposal_id: UUID, by: StaffUser) -> Proposal:
    return to_proposal(await proposal_row(tx, proposal_id, by))


async def list_proposals(
    tx: Transaction, client_id: UUID, by: StaffUser, after: UUID | None, limit: int
) -> list[Proposal]:
    """A client's proposals with their outcomes, by id."""
    await _require_client_office(tx, client_id, by)
    query = (
        select(ProposalRow)
        .where(col(ProposalRow.client_id) == client_id)
        .order_by(col(ProposalRow.proposal_id))
        .limit(limit)
    )
    if after is not None:
        query = query.where(col(ProposalRow.proposal_id) > after)
    return [to_proposal(r) for r in await tx.session.scalars(query)]


async def _require_client_office(tx: Transaction, client_id: UUID, by: StaffUser) -> None:
    office_id = await office_of(tx, client_id)
    if office_id is not None:  # unknown until the registration arrives
        by.require_office(office_id)


async def proposal_row(tx: Transaction, proposal_id: UUID, by: StaffUser, for_update: bool = False) -> ProposalRow:
    row = await tx.session.get(ProposalRow, proposal_id, with_for_update=for_update)
    if row is None:
        raise NotFound("proposal", proposal_id)
    office_id = await office_of(tx, row.client_id)
    if office_id is not None:  # unknown until the registration arrives
        by.require_office(office_id)
    return row

"""The proposal list of a programme with limited places, and the team lead's confirmation of it.

Three indexed reads per proposal list, never one per case: the office's active cases, the plans of those
cases (the newest counts), and the current participations. The places still free are the office's places
(`offices.json`) less its current participants; a team lead may ask for fewer (`limit`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col

from services.coaching.domain.model import ACTIVE_STATUSES, CaseStatus
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.programmes import Programme, under_25_on
from services.coaching.domain.reference import Reference
from services.coaching.domain.selection import Candidate, Selection, rank_candidates
from services.coaching.tables import CaseRow, CooperationPlanRow, ParticipationRow, obstacle_from_data
from services.coaching.use_cases import participations
from services.platform.auth.staff import StaffUser
from services.platform.errors import Conflict, NotFound, NotPermitted, RuleViolation
from services.platform.unit_of_work import Transaction

EXCLUDED_SHOWN = 200
UNLIMITED_PROPOSALS = 200  # a programme without a number of places: the best 200


@dataclass(frozen=True)
class Proposals:
    program_id: str
    office_id: str
    places: int | None
    taken: int
    selection: Selection


@dataclass(frozen=True)
class EnrolmentResult:
    client_id: UUID
    enrolled: bool
    participation_id: UUID | None = None
    case_worker_id: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Enrolments:
    program_id: str
    office_id: str
    enrolled: int
    refused: int
    results: list[EnrolmentResult]


async def proposals(
    tx: Transaction, program_id: str, office_id: str, limit: int | None, ref: Reference, by: StaffUser
) -> Proposals:
    by.require_office(office_id)
    programme, places = _programme_of(program_id, office_id, ref)
    taken = await _taken(tx, program_id, office_id)
    free = max(places - taken, 0) if places is not None else None
    wanted = min((n for n in (limit, free) if n is not None), default=UNLIMITED_PROPOSALS)
    selection = rank_candidates(await _candidates(tx, office_id), programme, datetime.now(UTC), wanted, EXCLUDED_SHOWN)
    return Proposals(program_id, office_id, places, taken, selection)


async def enrol_confirmed(
    tx: Transaction,
    program_id: str,
    office_id: str,
    client_ids: list[UUID],
    starts_on: date | None,
    ref: Reference,
    by: StaffUser,
) -> Enrolments:
    """Each confirmed client enrolled as a case manager would; a refusal (no room, already enrolled, another office)
    is answered for that client and leaves the others. Every refusal comes before that client's first write."""
    by.require_office(office_id)
    _programme_of(program_id, office_id, ref)
    loads = await participations.office_caseloads(tx, office_id, ref)
    results = [
        await _enrol_one(tx, client_id, program_id, office_id, starts_on, ref, by, loads) for client_id in client_ids
    ]
    enrolled = sum(r.enrolled for r in results)
    return Enrolments(program_id, office_id, enrolled, len(results) - enrolled, results)


async def _enrol_one(
    tx: Transaction,
    client_id: UUID,
    program_id: str,
    office_id: str,
    starts_on: date | None,
    ref: Reference,
    by: StaffUser,
    loads: participations.Caseloads,
) -> EnrolmentResult:
    case = await tx.session.get(CaseRow, client_id)
    if case is None or case.office_id != office_id:
        return EnrolmentResult(client_id, False, reason=f"no case of the client in office {office_id}")
    try:
        change = await participations.enrol(tx, client_id, program_id, starts_on, ref, by, loads)
    except (RuleViolation, Conflict, NotFound, NotPermitted) as refused:
        reason = f"{refused.field}: {refused.reason}" if isinstance(refused, RuleViolation) else str(refused)
        return EnrolmentResult(client_id, False, reason=reason)
    return EnrolmentResult(client_id, True, change.participation.participation_id, change.case_worker_id)


def _programme_of(program_id: str, office_id: str, ref: Reference) -> tuple[Programme, int | None]:
    programme, office = ref.programmes.get(program_id), ref.offices.get(office_id)
    if programme is None:
        raise NotFound("programme", program_id)
    if office is None:
        raise RuleViolation("office_id", "unknown office")
    if office.programmes is not None and program_id not in office.programmes:
        raise RuleViolation("program_id", f"not offered by {office.name}")
    return programme, office.places.get(program_id)


async def _taken(tx: Transaction, program_id: str, office_id: str) -> int:
    count = await tx.session.scalar(
        select(func.count()).where(
            col(ParticipationRow.office_id) == office_id,
            col(ParticipationRow.program_id) == program_id,
            col(ParticipationRow.ended_on).is_(None),
        )
    )
    return int(count or 0)


async def _candidates(tx: Transaction, office_id: str) -> list[Candidate]:
    active = [s.value for s in ACTIVE_STATUSES]
    # Core reads on the session's connection: tuples without the ORM's row processing (20,000 cases, seed 003).
    connection = await tx.session.connection()
    cases = (
        await connection.execute(
            select(
                col(CaseRow.client_id),
                col(CaseRow.status),
                col(CaseRow.target_groups),
                col(CaseRow.age_band),
                col(CaseRow.turns_25_on),
                col(CaseRow.last_contact_at),
                col(CaseRow.opened_at),
            ).where(col(CaseRow.office_id) == office_id, col(CaseRow.status).in_(active))
        )
    ).all()
    plans = await _newest_plans(connection, office_id, active)
    enrolled = dict(
        (
            await connection.execute(
                select(col(ParticipationRow.client_id), col(ParticipationRow.program_id)).where(
                    col(ParticipationRow.office_id) == office_id, col(ParticipationRow.ended_on).is_(None)
                )
            )
        ).all()
    )
    today = datetime.now(BERLIN).date()
    return [
        Candidate(
            client_id=client_id,
            status=CaseStatus(status),
            target_groups=frozenset(groups),
            under_25=under_25_on(band, turns, today),
            obstacles=tuple(obstacle_from_data(o) for o in plans.get(client_id, [])),
            plan_agreed=client_id in plans,
            last_contact_at=last_contact,
            opened_at=opened_at,
            in_programme=enrolled.get(client_id),
        )
        for client_id, status, groups, band, turns, last_contact, opened_at in cases
    ]


async def _newest_plans(
    connection: AsyncConnection, office_id: str, active: list[str]
) -> dict[UUID, list[dict[str, object]]]:
    """The clear obstacles of each active case's newest plan (ordered so the newest comes last and wins)."""
    rows = await connection.execute(
        select(col(CooperationPlanRow.client_id), col(CooperationPlanRow.obstacles))
        .join(CaseRow, col(CaseRow.client_id) == col(CooperationPlanRow.client_id))
        .where(col(CaseRow.office_id) == office_id, col(CaseRow.status).in_(active))
        .order_by(col(CooperationPlanRow.recorded_at), col(CooperationPlanRow.plan_id))
    )
    return {client_id: list(obstacles) for client_id, obstacles in rows.all()}

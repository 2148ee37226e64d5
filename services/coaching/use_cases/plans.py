"""The cooperation plan (Kooperationsplan, § 15 SGB II) and its special-category content.

The plan as agreed — every obstacle with its note, and the goals — is sealed in `sealed_content`; only the
ordinary obstacles' kinds and statuses stay in clear. It is opened only inside the service, for the people in
SPECIAL_CATEGORY_READERS of the client's office, and every sealing and opening lands in the audit trail in the
same transaction. No clear-text flag is derived from it: "needs health support" is itself data concerning health.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from contracts.events import CooperationPlanAgreedV1
from services.coaching import store
from services.coaching.domain.model import (
    CaseStatus,
    Obstacle,
    ObstacleKind,
    ObstacleStatus,
    check_assigned,
    check_obstacles,
    review_due,
    shareable_obstacles,
)
from services.coaching.schemas import CooperationPlanIn, CooperationPlanOut, ObstacleIn
from services.coaching.tables import PLAN_CONTENT, CaseRow, CooperationPlanRow, utc
from services.platform.auth.staff import StaffUser
from services.platform.ids import new_id
from services.platform.privacy.audit import Access
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction


async def agree_plan(tx: Transaction, client_id: UUID, body: CooperationPlanIn, by: StaffUser,
                     vault: SpecialCategories, purpose: str) -> CooperationPlanOut:
    """Agree or review the plan; the same plan again changes nothing. The reply shows only what is stored in
    clear: it is kept for idempotent retries (GET /cases/{client_id} shows the plan to its readers)."""
    case = await store.case_for(tx.session, client_id, by, lock=True)
    case_worker_id = check_assigned(CaseStatus(case.status), case.case_worker_id)
    obstacles = [Obstacle(o.kind, o.status, o.note) for o in body.obstacles]
    check_obstacles(obstacles)
    access = _access(by, case, purpose)
    current = await store.latest_plan(tx.session, client_id)
    if current is not None and await _unchanged(tx, current, body, obstacles, vault, access):
        return plan_out(current, shareable_obstacles(obstacles), goals=None)
    plan_id = new_id()
    row = CooperationPlanRow(
        plan_id=plan_id, client_id=client_id, case_worker_id=case_worker_id, agreed_at=utc(body.agreed_at),
        review_due=review_due(body.agreed_at), recorded_at=datetime.now(UTC),
        obstacles=[_data(o) for o in shareable_obstacles(obstacles)],
        sealed_content=await vault.seal(tx.session, access, plan_id, _content(obstacles, list(body.goals))))
    tx.session.add(row)
    # The event carries ids and dates only: no goals, no obstacles (GDPR Art. 9 for health and addiction).
    await tx.publish(CooperationPlanAgreedV1(client_id=client_id, plan_id=row.plan_id, case_worker_id=case_worker_id,
                                             agreed_at=body.agreed_at, review_due=row.review_due))
    return plan_out(row, shareable_obstacles(obstacles), goals=None)


async def plan_view(tx: Transaction, case: CaseRow, by: StaffUser, vault: SpecialCategories,
                    purpose: str) -> CooperationPlanOut | None:
    """The newest plan: as agreed for its readers (the read is audited), its clear part for everyone else."""
    row = await store.latest_plan(tx.session, case.client_id)
    if row is None:
        return None
    revealed = await vault.reveal(tx.session, _access(by, case, purpose), row.plan_id, row.sealed_content)
    if revealed is None:
        return plan_out(row, [_obstacle(o) for o in row.obstacles], goals=None)
    obstacles, goals = _parsed(revealed)
    return plan_out(row, obstacles, goals)


async def _unchanged(tx: Transaction, current: CooperationPlanRow, body: CooperationPlanIn, obstacles: list[Obstacle],
                     vault: SpecialCategories, access: Access) -> bool:
    clear = (utc(current.agreed_at), [_obstacle(o) for o in current.obstacles])
    if clear != (utc(body.agreed_at), shareable_obstacles(obstacles)):
        return False
    revealed = await vault.reveal(tx.session, access, current.plan_id, current.sealed_content)
    return revealed is not None and _parsed(revealed) == (obstacles, list(body.goals))


def _access(by: StaffUser, case: CaseRow, purpose: str) -> Access:
    return Access(by, case.client_id, case.office_id, PLAN_CONTENT, purpose)


def _obstacle(data: dict[str, Any]) -> Obstacle:
    return Obstacle(ObstacleKind(data["kind"]), ObstacleStatus(data["status"]), data.get("note"))


def _data(obstacle: Obstacle) -> dict[str, Any]:
    return {"kind": obstacle.kind.value, "status": obstacle.status.value, "note": obstacle.note}


def _content(obstacles: list[Obstacle], goals: list[str]) -> dict[str, Any]:
    """What `sealed_content` holds: the plan as agreed."""
    return {"obstacles": [_data(o) for o in obstacles], "goals": goals}


def _parsed(content: dict[str, Any]) -> tuple[list[Obstacle], list[str]]:
    return [_obstacle(o) for o in content["obstacles"]], list(content["goals"])


def plan_out(row: CooperationPlanRow, obstacles: list[Obstacle], goals: list[str] | None) -> CooperationPlanOut:
    return CooperationPlanOut(
        plan_id=row.plan_id, client_id=row.client_id, case_worker_id=row.case_worker_id,
        agreed_at=utc(row.agreed_at), review_due=row.review_due, goals=goals,
        obstacles=[ObstacleIn(kind=o.kind, status=o.status, note=o.note) for o in obstacles])

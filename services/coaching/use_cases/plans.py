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
from services.coaching.domain.commands import AgreePlan
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
from services.coaching.domain.views import CooperationPlan
from services.coaching.tables import (
    PLAN_CONTENT,
    CaseRow,
    CooperationPlanRow,
    obstacle_data,
    obstacle_from_data,
    to_plan,
)
from services.coaching.use_cases.lookups import case_access, case_for, latest_plan
from services.coaching.use_cases.migrated_obstacles import settle
from services.platform.auth.staff import StaffUser
from services.platform.ids import new_id
from services.platform.privacy.audit import Access
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction


async def agree_plan(
    tx: Transaction, client_id: UUID, cmd: AgreePlan, by: StaffUser, vault: SpecialCategories, purpose: str
) -> CooperationPlan:
    """Agree or review the plan; the same plan again changes nothing. The result shows only what is stored in
    clear: the reply is kept for idempotent retries (GET /cases/{client_id} shows the plan to its readers)."""
    case = await case_for(tx.session, client_id, by, lock=True)
    case_worker_id = check_assigned(CaseStatus(case.status), case.case_worker_id)
    check_obstacles(cmd.obstacles)
    access = case_access(by, case, PLAN_CONTENT, purpose)
    current = await latest_plan(tx.session, client_id)
    if current is not None and await _unchanged(tx, current, cmd, vault, access):
        return to_plan(current, shareable_obstacles(cmd.obstacles), goals=None)
    plan_id = new_id()
    row = CooperationPlanRow(
        plan_id=plan_id,
        client_id=client_id,
        case_worker_id=case_worker_id,
        agreed_at=cmd.agreed_at,
        review_due=review_due(cmd.agreed_at),
        recorded_at=datetime.now(UTC),
        obstacles=[obstacle_data(o) for o in shareable_obstacles(cmd.obstacles)],
        sealed_content=await vault.seal(tx.session, access, plan_id, _content(cmd.obstacles, cmd.goals)),
    )
    tx.session.add(row)
    if current is None:  # a migrated client's obstacles as imported were shown until now: the plan holds them
        await settle(tx, client_id, plan_id)
    # The event carries ids and dates only: no goals, no obstacles (GDPR Art. 9 for health and addiction).
    await tx.publish(
        CooperationPlanAgreedV1(
            client_id=client_id,
            plan_id=row.plan_id,
            case_worker_id=case_worker_id,
            agreed_at=cmd.agreed_at,
            review_due=row.review_due,
        )
    )
    return to_plan(row, shareable_obstacles(cmd.obstacles), goals=None)


async def plan_view(
    tx: Transaction, case: CaseRow, by: StaffUser, vault: SpecialCategories, purpose: str
) -> CooperationPlan | None:
    """The newest plan: as agreed for its readers (the read is audited), its clear part for everyone else."""
    row = await latest_plan(tx.session, case.client_id)
    if row is None:
        return None
    access = case_access(by, case, PLAN_CONTENT, purpose)
    revealed = await vault.reveal(tx.session, access, row.plan_id, row.sealed_content)
    if revealed is None:
        return to_plan(row, [obstacle_from_data(o) for o in row.obstacles], goals=None)
    obstacles, goals = _parsed(revealed)
    return to_plan(row, obstacles, goals)


async def agreed_obstacles(
    tx: Transaction, case: CaseRow, by: StaffUser, vault: SpecialCategories, purpose: str
) -> list[Obstacle]:
    """The newest plan's obstacles as agreed (a read of the sealed content, audited); none without a plan."""
    row = await latest_plan(tx.session, case.client_id)
    if row is None:
        return []
    revealed = await vault.reveal(
        tx.session, case_access(by, case, PLAN_CONTENT, purpose), row.plan_id, row.sealed_content
    )
    return _parsed(revealed)[0] if revealed is not None else []


async def follow_referral(
    tx: Transaction,
    case: CaseRow,
    kind: ObstacleKind,
    status: ObstacleStatus,
    by: StaffUser,
    vault: SpecialCategories,
    purpose: str,
) -> None:
    """The newest plan's obstacle of `kind` takes `status` from a § 16a referral, in place (not a review of the
    plan: its agreement and review date stay). Nothing changes if the plan no longer records the obstacle."""
    row = await latest_plan(tx.session, case.client_id)
    access = case_access(by, case, PLAN_CONTENT, purpose)
    revealed = await vault.reveal(tx.session, access, row.plan_id, row.sealed_content) if row else None
    if row is None or revealed is None:
        return
    obstacles, goals = _parsed(revealed)
    if all(o.kind is not kind or o.status is status for o in obstacles):
        return
    followed = [Obstacle(o.kind, status, o.note) if o.kind is kind else o for o in obstacles]
    row.obstacles = [obstacle_data(o) for o in shareable_obstacles(followed)]
    row.sealed_content = await vault.seal(tx.session, access, row.plan_id, _content(followed, goals))


async def _unchanged(
    tx: Transaction, current: CooperationPlanRow, cmd: AgreePlan, vault: SpecialCategories, access: Access
) -> bool:
    clear = (current.agreed_at, [obstacle_from_data(o) for o in current.obstacles])
    if clear != (cmd.agreed_at, shareable_obstacles(cmd.obstacles)):
        return False
    revealed = await vault.reveal(tx.session, access, current.plan_id, current.sealed_content)
    return revealed is not None and _parsed(revealed) == (cmd.obstacles, cmd.goals)


def _content(obstacles: list[Obstacle], goals: list[str]) -> dict[str, Any]:
    """What `sealed_content` holds: the plan as agreed."""
    return {"obstacles": [obstacle_data(o) for o in obstacles], "goals": goals}


def _parsed(content: dict[str, Any]) -> tuple[list[Obstacle], list[str]]:
    return [obstacle_from_data(o) for o in content["obstacles"]], list(content["goals"])

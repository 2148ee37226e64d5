"""Tasks coaching raises by itself when a client's appointments change without their doing: a move, an office
closure. The detail is sealed like every task's (see tasks.py); the service writes it, audited as the service."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from services.coaching.domain.model import TaskKind, TaskStatus
from services.coaching.tables import TASK_DETAIL, TaskRow
from services.platform.auth.staff import ALL_OFFICES, StaffUser
from services.platform.ids import new_id
from services.platform.privacy.audit import Access
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction

COACHING_SERVICE = StaffUser("coaching-service", frozenset(), frozenset({ALL_OFFICES}))


async def raise_service_task(
    tx: Transaction,
    vault: SpecialCategories,
    *,
    client_id: UUID,
    office_id: str,
    case_worker_id: str | None,
    kind: TaskKind,
    due_at: datetime,
    detail: str,
    purpose: str,
) -> UUID:
    task_id, now = new_id(), datetime.now(UTC)
    access = Access(COACHING_SERVICE, client_id, office_id, TASK_DETAIL, purpose)
    sealed = await vault.seal(tx.session, access, task_id, {"detail": detail})
    tx.session.add(
        TaskRow(
            task_id=task_id,
            client_id=client_id,
            office_id=office_id,
            case_worker_id=case_worker_id,
            kind=kind,
            status=TaskStatus.OPEN,
            due_at=min(due_at, now) if due_at < now else due_at,
            sealed_detail=sealed,
            created_at=now,
            created_by=COACHING_SERVICE.staff_id,
        )
    )
    return task_id

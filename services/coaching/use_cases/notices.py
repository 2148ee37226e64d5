"""Tasks coaching raises by itself when a client's appointments change without their doing: a move, an office
closure. The detail is sealed like every task's (see tasks.py); the service writes it, and the writes are audited
as the service's, in one statement for the many notices of a closure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from services.coaching.domain.model import TaskKind, TaskStatus
from services.coaching.tables import TASK_DETAIL, TaskRow
from services.platform.auth.staff import ALL_OFFICES, StaffUser
from services.platform.ids import new_id
from services.platform.privacy.audit import Access, AccessAction, record_all
from services.platform.privacy.cipher import field_context
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction

COACHING_SERVICE = StaffUser("coaching-service", frozenset(), frozenset({ALL_OFFICES}))


@dataclass(frozen=True)
class Notice:
    client_id: UUID
    office_id: str
    case_worker_id: str | None
    kind: TaskKind
    due_at: datetime
    detail: str


async def raise_service_tasks(
    tx: Transaction, vault: SpecialCategories, notices: Sequence[Notice], purpose: str
) -> None:
    now, rows, accesses = datetime.now(UTC), [], []
    for notice in notices:
        task_id = new_id()
        access = Access(COACHING_SERVICE, notice.client_id, notice.office_id, TASK_DETAIL, purpose)
        sealed = vault.cipher.seal_json({"detail": notice.detail}, field_context(TASK_DETAIL, task_id))
        accesses.append(access)
        rows.append(
            TaskRow(
                task_id=task_id,
                client_id=notice.client_id,
                office_id=notice.office_id,
                case_worker_id=notice.case_worker_id,
                kind=notice.kind,
                status=TaskStatus.OPEN,
                due_at=notice.due_at,
                sealed_detail=sealed,
                created_at=now,
                created_by=COACHING_SERVICE.staff_id,
            )
        )
    await record_all(tx.session, vault.audit, accesses, AccessAction.WRITE)
    tx.session.add_all(rows)

"""A migrated client's obstacles in coaching (bulk migration, issue #13): kept sealed until the first plan.

The journey's worker hands them over from intake (`PUT /cases/{client_id}/migration/obstacles`); they are
sealed under the person's own key (MIGRATED_OBSTACLES, the write audited), and the outcome joins the case's
takeover (`migrated_takeovers`) for the import's report — carried, or refused with reasons that name no kind.
The case manager and coaches of the office see them with the plan, each read audited, as "aus der Migration
übernommen", and take into the first plan what holds; agreeing it drops the seal. Nothing of them is in
clear, in an event or in the reply kept for an idempotent retry.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import UUID

from services.coaching.domain.migrated_obstacles import take_imported, takeover_with
from services.coaching.domain.model import CaseStatus, ObstacleKind
from services.coaching.tables import MIGRATED_OBSTACLES, CaseRow, MigratedObstaclesRow, MigratedTakeoverRow
from services.coaching.use_cases.lookups import case_access, case_for
from services.platform.auth.staff import StaffUser
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction


async def keep_imported_obstacles(
    tx: Transaction, client_id: UUID, kinds: Sequence[str], by: StaffUser, vault: SpecialCategories, purpose: str
) -> MigratedTakeoverRow:
    """Seal what coaching keeps of them and record the outcome; once the first plan settled them, a repeat
    changes nothing (what was agreed with the client stands). 404 before the case is open."""
    case = await case_for(tx.session, client_id, by, lock=True)
    takeover = await tx.session.get(MigratedTakeoverRow, client_id, with_for_update=True)
    if takeover is None:  # a record with obstacles only: coaching had nothing to take over at the registration
        takeover = MigratedTakeoverRow(client_id=client_id, parts=[], recorded_at=datetime.now(UTC))
    row = await tx.session.get(MigratedObstaclesRow, client_id, with_for_update=True)
    if row is not None and row.settled_at is not None:
        return takeover
    taken = take_imported(kinds, CaseStatus(case.status))
    takeover.parts = takeover_with(takeover.parts, taken)
    tx.session.add(takeover)
    if taken.kept:
        sealed = await vault.seal(
            tx.session, case_access(by, case, MIGRATED_OBSTACLES, purpose), client_id, {"obstacles": taken.kept}
        )
        row = row or MigratedObstaclesRow(client_id=client_id, recorded_at=datetime.now(UTC))
        row.sealed_obstacles = sealed
        tx.session.add(row)
    elif row is not None:  # nothing to keep now (the case closed meanwhile): what was kept before goes too
        row.sealed_obstacles = None
        tx.session.add(row)
    return takeover


async def imported_obstacles(
    tx: Transaction, case: CaseRow, by: StaffUser, vault: SpecialCategories, purpose: str
) -> list[ObstacleKind] | None:
    """For the plan's readers, until the first plan: the imported obstacles (the read audited); else None."""
    row = await tx.session.get(MigratedObstaclesRow, case.client_id)
    if row is None or row.sealed_obstacles is None:
        return None
    access = case_access(by, case, MIGRATED_OBSTACLES, purpose)
    opened = await vault.reveal(tx.session, access, case.client_id, row.sealed_obstacles)
    return [ObstacleKind(k) for k in opened["obstacles"]] if opened is not None else None


async def settle(tx: Transaction, client_id: UUID, plan_id: UUID) -> None:
    """The first plan is agreed: it holds what the case manager took over, so the imported seal goes."""
    row = await tx.session.get(MigratedObstaclesRow, client_id, with_for_update=True)
    if row is None or row.settled_at is not None:
        return
    row.sealed_obstacles, row.settled_at, row.settled_plan_id = None, datetime.now(UTC), plan_id
    tx.session.add(row)

"""A migrated client's case (bulk migration, issue #13): opened with the case manager and programme the legacy
system had, when the rules allow it — a case manager of the client's office with room under the programme's
caseload ratio (§ 44c Abs. 4 SGB II), a programme the office offers. Otherwise the case waits for an assignment
like any other (the journey's assignment step finds the best fit), and the refusal reaches the office as a task
(`migrated_assignment`, unassigned, its reason in the sealed detail) besides the log line: the operator and the
team lead see in the office's task list which imported assignments did not hold. One transaction with the inbox
claim of the registration."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from contracts.events import ClientRegisteredV1
from services.coaching.domain.model import TaskKind
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.programmes import under_25_on
from services.coaching.domain.reference import Reference
from services.coaching.domain.staffing import NoCapacity, check_new_case_worker, check_room
from services.coaching.tables import CaseRow, StaffRow, to_member
from services.coaching.use_cases.cases import hand_over, open_case
from services.coaching.use_cases.lookups import loads, weighed
from services.coaching.use_cases.notices import Notice, raise_service_tasks
from services.platform.auth.staff import ALL_OFFICES, Role, StaffUser
from services.platform.errors import RuleViolation
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction

log = logging.getLogger(__name__)
MIGRATION = StaffUser("migration", frozenset({Role.OPERATOR}), frozenset({ALL_OFFICES}))
MIGRATED = "migrated from the legacy system"


async def open_registered_case(
    tx: Transaction, event: ClientRegisteredV1, ref: Reference, vault: SpecialCategories
) -> None:
    """Every registered client's case; a migrated client's with their case manager, where the rules allow it."""
    await open_case(tx, event)
    wanted = event.migration.case_worker_id if event.migration else None
    if event.migration is None or wanted is None:
        return
    await tx.session.flush()
    case = await tx.session.get(CaseRow, event.client_id, with_for_update=True)
    if case is None or case.case_worker_id is not None:
        return
    try:
        await _assign_imported(tx, case, wanted, event.migration.program_id, ref)
    except (RuleViolation, NoCapacity) as refusal:
        log.warning("migrated case %s: not opened with %s: %s", event.client_id, wanted, refusal)
        detail = (
            f"Migration: der Fall wurde nicht mit {wanted} eröffnet ({refusal}). "
            "Er wartet auf die reguläre Zuweisung; bitte prüfen."
        )
        notice = Notice(case.client_id, case.office_id, None, TaskKind.MIGRATED_ASSIGNMENT, datetime.now(UTC), detail)
        await raise_service_tasks(tx, vault, [notice], f"event {event.type}")


async def _assign_imported(tx: Transaction, case: CaseRow, wanted: str, program_id: str | None, ref: Reference) -> None:
    office = ref.offices.get(case.office_id)
    under_25 = under_25_on(case.age_band, case.turns_25_on, datetime.now(BERLIN).date())
    offered = office.programmes if office is not None else None
    programme = ref.programmes.choose(program_id, case.target_groups, under_25, offered)
    row = await tx.session.get(StaffRow, wanted, with_for_update=True)
    member = check_new_case_worker(to_member(row) if row else None, case.office_id)
    counts = (await loads(tx.session, [member.staff_id]))[member.staff_id]
    check_room(weighed(member.staff_id, member.specialties, counts, ref.programmes.ratio), programme)
    await hand_over(tx, case, member.staff_id, programme, MIGRATION, reason=MIGRATED)

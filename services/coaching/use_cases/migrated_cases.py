"""A migrated client's case (bulk migration, issue #13): opened with the case manager and programme the legacy
system had, when the rules allow it — a case manager of the client's office with room under the programme's
caseload ratio (§ 44c Abs. 4 SGB II), a programme the office offers —, and its open appointments booked with that
case manager as staff would book them. Otherwise the case waits for an assignment like any other (the journey's
assignment step finds the best fit). Every refusal (the case manager, each appointment) reaches the office in one
task (`migrated_assignment`, unassigned, the reasons in its sealed detail): the operator and the team lead see in
the office's task list what of the legacy record did not hold. One transaction with the inbox claim of the
registration. What was carried or refused per part is kept (`migrated_takeovers`) for the journey's worker to
write into the import's report."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from contracts.events import ClientRegisteredV1, MigratedAppointmentV1
from services.coaching.domain.appointment_commands import Invitation, ScheduleAppointment
from services.coaching.domain.appointment_policy import AppointmentPolicy
from services.coaching.domain.appointments import AppointmentKind
from services.coaching.domain.model import TaskKind
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.programmes import under_25_on
from services.coaching.domain.reference import Reference
from services.coaching.domain.staffing import NoCapacity, check_new_case_worker, check_room
from services.coaching.tables import CaseRow, MigratedTakeoverRow, StaffRow, to_member
from services.coaching.use_cases.appointments import schedule
from services.coaching.use_cases.cases import hand_over, open_case
from services.coaching.use_cases.lookups import case_for, loads, weighed
from services.coaching.use_cases.notices import Notice, raise_service_tasks
from services.platform.auth.staff import ALL_OFFICES, Role, StaffUser
from services.platform.errors import Conflict, NotFound, NotPermitted, RuleViolation
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction

log = logging.getLogger(__name__)
MIGRATION = StaffUser("migration", frozenset({Role.OPERATOR}), frozenset({ALL_OFFICES}))
MIGRATED = "migrated from the legacy system"


async def open_registered_case(
    tx: Transaction, event: ClientRegisteredV1, ref: Reference, vault: SpecialCategories, policy: AppointmentPolicy
) -> None:
    """Every registered client's case; a migrated client's with their case manager and open appointments, where
    the rules allow them."""
    await open_case(tx, event)
    migration = event.migration
    if migration is None or (migration.case_worker_id is None and not migration.appointments):
        return
    await tx.session.flush()
    case = await tx.session.get(CaseRow, event.client_id, with_for_update=True)
    if case is None:
        return
    refusals: list[str] = []
    takeover = Takeover()
    wanted = migration.case_worker_id
    if wanted is not None and case.case_worker_id is None:
        try:
            await _assign_imported(tx, case, wanted, migration.program_id, ref)
            takeover.part(CASE_MANAGER, [])
        except (RuleViolation, NoCapacity) as refusal:
            log.warning("migrated case %s: not opened with %s: %s", event.client_id, wanted, refusal)
            refusals.append(
                f"Der Fall wurde nicht mit {wanted} eröffnet ({refusal}); er wartet auf die reguläre Zuweisung."
            )
            takeover.part(CASE_MANAGER, refusals[-1:])
    booking = await book_migrated_appointments(tx, case, migration.appointments, ref, policy)
    if migration.appointments:
        takeover.part(APPOINTMENTS, booking)
    refusals += booking
    tx.session.add(MigratedTakeoverRow(client_id=case.client_id, parts=takeover.parts, recorded_at=datetime.now(UTC)))
    if refusals:
        detail = "Migration: " + " ".join(refusals) + " Bitte prüfen."
        notice = Notice(case.client_id, case.office_id, None, TaskKind.MIGRATED_ASSIGNMENT, datetime.now(UTC), detail)
        await raise_service_tasks(tx, vault, [notice], f"event {event.type}")


CASE_MANAGER, APPOINTMENTS = "case_manager", "appointments"  # the parts as intake's import report names them


@dataclass
class Takeover:
    """Per part of the legacy record: carried, or refused with the texts the office's task names."""

    parts: list[dict[str, Any]] = field(default_factory=list)

    def part(self, name: str, refusals: list[str]) -> None:
        outcome = "refused" if refusals else "carried"
        self.parts.append({"part": name, "outcome": outcome, "reasons": refusals})


async def book_migrated_appointments(
    tx: Transaction,
    case: CaseRow,
    appointments: Sequence[MigratedAppointmentV1],
    ref: Reference,
    policy: AppointmentPolicy,
) -> list[str]:
    """Each open appointment booked as staff would book it (`appointments.schedule`: opening hours, holidays,
    closures, no double booking), with the case manager; each refusal rolls back alone and is named."""
    refusals = []
    for appointment in appointments:
        when = appointment.starts_at.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M")
        if case.case_worker_id is None:
            refusals.append(f"Termin am {when} nicht übernommen: keine Fallmanagerin/kein Fallmanager zugewiesen.")
            continue
        if appointment.starts_at <= datetime.now(UTC):
            refusals.append(f"Termin am {when} nicht übernommen: liegt in der Vergangenheit.")
            continue
        command = ScheduleAppointment(
            kind=AppointmentKind.INDIVIDUAL,
            office_id=case.office_id,
            staff_ids=[case.case_worker_id],
            starts_at=appointment.starts_at,
            duration_minutes=appointment.duration_minutes,
            channel=appointment.channel,
            participants=[Invitation(case.client_id, notice_given_at=None)],
        )
        try:
            async with tx.session.begin_nested():
                await schedule(tx, command, ref, policy, MIGRATION)
        except (RuleViolation, Conflict, NotPermitted, NotFound) as refusal:
            refusals.append(f"Termin am {when} nicht übernommen: {refusal}.")
    return refusals


async def _assign_imported(tx: Transaction, case: CaseRow, wanted: str, program_id: str | None, ref: Reference) -> None:
    office = ref.offices.get(case.office_id)
    under_25 = under_25_on(case.age_band, case.turns_25_on, datetime.now(BERLIN).date())
    offered = office.programmes if office is not None else None
    programme = ref.programmes.choose(program_id, case.target_groups, under_25, offered)
    row = await tx.session.get(StaffRow, wanted, with_for_update=True)
    member = check_new_case_worker(to_member(row) if row else None, case.office_id)
    counts = (await loads(tx.session, [member.staff_id]))[member.staff_id]
    check_room(weighed(member.staff_id, member.specialties, counts, ref.programmes.ratio), programme)
    await hand_over(tx, case, member.staff_id, programme, MIGRATION, reason=MIGRATED, on=datetime.now(BERLIN).date())


async def migrated_takeover(tx: Transaction, client_id: UUID, by: StaffUser) -> MigratedTakeoverRow:
    """404 for a case not migrated (or not seen yet); 403 outside the caller's offices."""
    case = await case_for(tx.session, client_id, by)
    row = await tx.session.get(MigratedTakeoverRow, case.client_id)
    if row is None:
        raise NotFound("migrated case", client_id)
    return row

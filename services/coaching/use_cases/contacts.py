"""Contacts with the client and appointments: one transaction each.

A contact's note is free text, where health and addiction get described: it is sealed like the plan's content
(the write audited) and never travels in the event.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from contracts.events import ContactChannel, ContactRecordedV1
from services.coaching.domain.appointment_commands import Invitation, ScheduleAppointment
from services.coaching.domain.appointment_policy import AppointmentPolicy
from services.coaching.domain.appointments import AppointmentKind
from services.coaching.domain.commands import BookAppointment, RecordContact
from services.coaching.domain.model import CaseStatus, check_not_closed
from services.coaching.domain.reference import Reference
from services.coaching.domain.views import Appointment, Contact
from services.coaching.tables import CONTACT_NOTE, AppointmentRow, CaseRow, ContactRow, to_appointment
from services.coaching.use_cases import appointments
from services.coaching.use_cases.lookups import case_access, case_for, keep_next_due
from services.platform.auth.staff import StaffUser
from services.platform.errors import RuleViolation
from services.platform.ids import new_id
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction


def _check_in_person(
    case: CaseRow,
    ref: Reference,
    field: str,
    at: datetime,
    minutes: int,
    channel: ContactChannel,
    location_id: str | None,
) -> None:
    """In-person business happens inside the office's opening hours (or a consultation day's)."""
    if channel != ContactChannel.IN_PERSON:
        if location_id is not None:
            raise RuleViolation("location_id", "only in-person meetings take place at a location")
        return
    office = ref.offices.get(case.office_id)
    if office is not None:
        office.check_in_person(field, at, minutes, location_id)


async def record_contact(
    tx: Transaction,
    client_id: UUID,
    cmd: RecordContact,
    ref: Reference,
    by: StaffUser,
    vault: SpecialCategories,
    purpose: str,
) -> Contact:
    """Business dates come from the caller and may lie in the past or on a simulated calendar."""
    case = await case_for(tx.session, client_id, by, lock=True)
    check_not_closed(CaseStatus(case.status))
    _check_in_person(case, ref, "occurred_at", cmd.occurred_at, 0, cmd.channel, cmd.location_id)
    if case.last_contact_at is None or cmd.occurred_at > case.last_contact_at:
        case.last_contact_at = cmd.occurred_at
        keep_next_due(case)
    contact_id = new_id()
    sealed = await vault.seal(tx.session, case_access(by, case, CONTACT_NOTE, purpose), contact_id, {"note": cmd.note})
    tx.session.add(
        ContactRow(
            contact_id=contact_id,
            client_id=case.client_id,
            case_worker_id=by.staff_id,
            channel=cmd.channel,
            occurred_at=cmd.occurred_at,
            sealed_note=sealed,
        )
    )
    await tx.publish(
        ContactRecordedV1(
            client_id=case.client_id,
            contact_id=contact_id,
            case_worker_id=by.staff_id,
            channel=cmd.channel,
            occurred_at=cmd.occurred_at,
        )
    )
    return Contact(
        contact_id=contact_id,
        client_id=case.client_id,
        case_worker_id=by.staff_id,
        channel=cmd.channel,
        occurred_at=cmd.occurred_at,
    )


async def book_appointment(
    tx: Transaction, client_id: UUID, cmd: BookAppointment, ref: Reference, policy: AppointmentPolicy, by: StaffUser
) -> Appointment:
    """The caller's individual appointment with the client, under the rules of every booking."""
    case = await case_for(tx.session, client_id, by)
    check_not_closed(CaseStatus(case.status))
    _check_in_person(case, ref, "starts_at", cmd.starts_at, cmd.duration_minutes, cmd.channel, cmd.location_id)
    invitation = Invitation(client_id, cmd.notice_given_at)
    booked = await appointments.schedule(
        tx,
        ScheduleAppointment(
            AppointmentKind.INDIVIDUAL,
            case.office_id,
            [by.staff_id],
            cmd.starts_at,
            cmd.duration_minutes,
            cmd.channel,
            [invitation],
            cmd.location_id,
        ),
        ref,
        policy,
        by,
    )
    row = await tx.session.get(AppointmentRow, booked.appointment_id)
    assert row is not None
    return to_appointment(row, case.office_id)

"""What coaching holds about a person, for the right of access and erasure (`services.platform.privacy.person_data`).

Children first: erasure deletes in this order, so no row is left pointing at a deleted case.
"""

from __future__ import annotations

from services.coaching.tables import (
    CONTACT_NOTE,
    MIGRATED_OBSTACLES,
    PLAN_CONTENT,
    REFERRAL_DETAILS,
    TASK_DETAIL,
    AppointmentParticipantRow,
    AppointmentReminderRow,
    AppointmentRow,
    AppointmentStaffRow,
    AssignmentRow,
    CaseRow,
    ContactRow,
    CooperationPlanRow,
    MigratedObstaclesRow,
    MigratedTakeoverRow,
    ParticipationRow,
    ReferralRow,
    TaskRow,
)
from services.platform.privacy.person_data import PersonDataMap, PersonTable, SealedColumn

cases = CaseRow.__table__  # type: ignore[attr-defined]
appointments = AppointmentRow.__table__  # type: ignore[attr-defined]

PERSON_DATA = PersonDataMap(
    service="coaching",
    office_column=(cases, "office_id"),
    tables=[
        PersonTable(
            AppointmentReminderRow.__table__,  # type: ignore[attr-defined]
            through=("appointment_id", appointments, "appointment_id"),
        ),
        PersonTable(
            AppointmentStaffRow.__table__,  # type: ignore[attr-defined]
            through=("appointment_id", appointments, "appointment_id"),
        ),
        PersonTable(AppointmentParticipantRow.__table__),  # type: ignore[attr-defined]
        PersonTable(appointments),
        PersonTable(
            ContactRow.__table__,  # type: ignore[attr-defined]
            sealed=[SealedColumn("sealed_note", CONTACT_NOTE, "contact_id")],
        ),
        PersonTable(
            TaskRow.__table__,  # type: ignore[attr-defined]
            sealed=[SealedColumn("sealed_detail", TASK_DETAIL, "task_id")],
        ),
        PersonTable(
            ReferralRow.__table__,  # type: ignore[attr-defined]
            sealed=[SealedColumn("sealed_details", REFERRAL_DETAILS, "referral_id")],
        ),
        PersonTable(
            CooperationPlanRow.__table__,  # type: ignore[attr-defined]
            sealed=[SealedColumn("sealed_content", PLAN_CONTENT, "plan_id")],
        ),
        PersonTable(ParticipationRow.__table__),  # type: ignore[attr-defined]
        PersonTable(AssignmentRow.__table__),  # type: ignore[attr-defined]
        PersonTable(MigratedTakeoverRow.__table__),  # type: ignore[attr-defined]
        PersonTable(
            MigratedObstaclesRow.__table__,  # type: ignore[attr-defined]
            sealed=[SealedColumn("sealed_obstacles", MIGRATED_OBSTACLES, "client_id")],
        ),
        PersonTable(cases),
    ],
)

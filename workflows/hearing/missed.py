"""A missed appointment as a hearing's incident: what the bridge opens `hearing-<incident id>` with.

Only a miss after the written notice of legal consequences (Rechtsfolgenbelehrung, § 32 SGB II) can lead to a
reduction, so only such a miss opens a hearing; a miss without notice has no consequence and opens none.
The event knows neither the household (the workflow looks it up) nor whether a mental illness is known to the
Jobcenter: that flag starts false, and staff who know better open the hearing through POST /hearings instead.
"""

from __future__ import annotations

from uuid import UUID, uuid5

from contracts.events import AppointmentMissedV1
from workflows.hearing.models import HearingFacts, HearingPolicy, HearingStart


def incident_id(appointment_id: UUID, client_id: UUID) -> UUID:
    """One incident per client of an appointment (a group appointment missed by two is two incidents), the
    same on every delivery of the event."""
    return uuid5(appointment_id, str(client_id))


def hearing_for(
    miss: AppointmentMissedV1, policy: HearingPolicy | None = None, seconds_per_month: float | None = None
) -> HearingStart | None:
    """`seconds_per_month`: the demo's compressed calendar, on which the hearing dates its days from the miss."""
    if not miss.notice_given:
        return None
    facts = HearingFacts(
        incident_id=incident_id(miss.appointment_id, miss.client_id),
        client_id=miss.client_id,
        household_id=None,
        office_id=miss.office_id,
        kind="missed_appointment",
        occurred_on=miss.appointment_date,
        notice_given=True,
        consecutive_misses=min(miss.consecutive_misses, 99),
        mental_illness_known=False,
        opened_by=miss.staff_id,
    )
    return HearingStart(facts=facts, policy=policy or HearingPolicy(), seconds_per_month=seconds_per_month)

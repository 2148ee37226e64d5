"""What the bridge makes of a missed appointment: a hearing only after the notice of legal consequences."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import cast
from uuid import uuid4

from temporalio.client import Client

from contracts import topics
from contracts.envelope import Envelope
from contracts.events import AppointmentMissedV1, CaseAssignedV1
from workflows.bridge import JourneyBridge
from workflows.hearing.missed import hearing_for, incident_id

APPOINTMENT, CLIENT = uuid4(), uuid4()


def missed(notice_given: bool = True, client_id=CLIENT, misses: int = 2) -> AppointmentMissedV1:
    return AppointmentMissedV1(
        appointment_id=APPOINTMENT,
        client_id=client_id,
        staff_id="plon-cm-01",
        office_id="plon",
        starts_at=datetime(2026, 12, 1, 8, 30, tzinfo=UTC),
        appointment_date=date(2026, 12, 1),
        notice_given=notice_given,
        notice_given_at=datetime(2026, 11, 20, 9, tzinfo=UTC) if notice_given else None,
        consecutive_misses=misses,
    )


def test_a_miss_with_notice_opens_a_hearing_of_that_appointment_for_that_client():
    start = hearing_for(missed())
    assert start is not None
    facts = start.facts
    assert facts.incident_id == incident_id(APPOINTMENT, CLIENT)
    assert (facts.client_id, facts.office_id, facts.kind) == (CLIENT, "plon", "missed_appointment")
    assert (facts.occurred_on, facts.notice_given, facts.consecutive_misses) == (date(2026, 12, 1), True, 2)
    assert facts.opened_by == "plon-cm-01"


def test_the_household_and_the_mental_illness_flag_are_left_to_the_workflow_and_to_staff():
    start = hearing_for(missed())
    assert start is not None
    assert start.facts.household_id is None
    assert start.facts.mental_illness_known is False


def test_a_miss_without_notice_opens_no_hearing():
    assert hearing_for(missed(notice_given=False)) is None


def test_a_redelivered_miss_names_the_same_incident_and_another_client_of_the_appointment_another():
    first, again, other = hearing_for(missed()), hearing_for(missed()), hearing_for(missed(client_id=uuid4()))
    assert first is not None and again is not None and other is not None
    assert first.facts.incident_id == again.facts.incident_id
    assert other.facts.incident_id != first.facts.incident_id


def test_the_bridge_routes_a_miss_to_the_hearing_and_the_cases_journey_facts_still_to_the_journey():
    bridge = JourneyBridge(cast(Client, None), "journeys")
    cases = next(s for s in bridge.subscriptions() if s.topic == topics.CASES)
    assert cases.handlers[AppointmentMissedV1] == bridge.hear_miss
    assert cases.handlers[CaseAssignedV1] == bridge.signal
    assert len([s for s in bridge.subscriptions() if s.topic == topics.CASES]) == 1


async def test_the_bridge_asks_temporal_nothing_for_a_miss_without_notice():
    bridge = JourneyBridge(cast(Client, None), "journeys")  # any call on the client would raise
    envelope = Envelope(id=uuid4(), source="/tests/bridge", time=datetime.now(UTC), data=missed(notice_given=False))
    await bridge.hear_miss(envelope)


def test_a_hearing_opened_on_the_demos_compressed_calendar_carries_its_seconds_per_month():
    """The bridge of a compressed worker passes its month's seconds, as to the cohort timer; None: real calendar."""
    compressed, real = hearing_for(missed(), seconds_per_month=20.0), hearing_for(missed())
    assert compressed is not None and real is not None
    assert (compressed.seconds_per_month, real.seconds_per_month) == (20.0, None)

"""Which journeys hear a fact: a client's own events, or each client of a household for benefits events."""

from __future__ import annotations

from uuid import uuid4

from contracts import topics
from tests.unit.workflows.journey_facts import CLIENT, benefits_ended, granted, hired
from workflows.bridge import addressees
from workflows.journey.facts import JOURNEY_FACTS


def test_a_clients_event_reaches_that_clients_journey():
    assert addressees(hired()) == [CLIENT]


def test_a_household_event_reaches_each_named_client_once():
    other = uuid4()
    assert addressees(granted([CLIENT, other, CLIENT])) == [CLIENT, other]
    assert addressees(benefits_ended(clients=[other])) == [other]


def test_the_bridge_listens_to_every_fact_a_journey_uses():
    heard = {cls.__name__ for events in JOURNEY_FACTS.values() for cls in events}
    assert {
        "CooperationPlanAgreedV1",
        "JobSearchOpenedV1",
        "ProposalMadeV1",
        "EntitlementGrantedV1",
        "EntitlementChangedV1",
        "EntitlementEndedV1",
    } <= heard
    assert all(cls.topic == topic for topic, events in JOURNEY_FACTS.items() for cls in events)
    assert topics.ENTITLEMENTS in JOURNEY_FACTS

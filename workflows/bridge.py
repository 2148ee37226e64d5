"""The event→signal bridge: facts a journey waits for, from Kafka into Temporal.

Each fact is signalled with start (`journey-<client_id>`, USE_EXISTING), so a journey
that does not exist yet is started by its first fact and a redelivered fact is dropped
by the journey itself. Offsets are committed only after Temporal accepted the signal.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from faststream.kafka import KafkaBroker
from temporalio.client import Client
from temporalio.common import SearchAttributeKey, SearchAttributePair, TypedSearchAttributes, WorkflowIDConflictPolicy

from contracts import topics
from contracts.envelope import Envelope
from contracts.events import (
    CaseAssignedV1,
    ClientRegisteredV1,
    ContactRecordedV1,
    EmploymentConfirmedV1,
    EmploymentEndedV1,
    EmploymentStartedV1,
    Event,
    ReadyForPlacementV1,
)
from services.platform.consumer import Handler, Subscription, subscribe
from workflows.journey.signals import Fact, JourneyStart
from workflows.journey.state import Stage
from workflows.journey.workflow import ClientJourney

log = logging.getLogger(__name__)
CONSUMER = "journey-bridge"
JOURNEY_FACTS: dict[topics.Topic, tuple[type[Event], ...]] = {
    topics.CLIENTS: (ClientRegisteredV1,),
    topics.CASES: (CaseAssignedV1, ContactRecordedV1, ReadyForPlacementV1),
    topics.EMPLOYMENTS: (EmploymentStartedV1, EmploymentConfirmedV1, EmploymentEndedV1),
}


def journey_id(client_id: object) -> str:
    return f"journey-{client_id}"


class JourneyBridge:
    def __init__(self, client: Client, task_queue: str) -> None:
        self._client = client
        self._task_queue = task_queue

    async def signal(self, envelope: Envelope) -> None:
        client_id = envelope.data.client_id  # type: ignore[attr-defined]
        fact = Fact(event_id=envelope.id, event_type=envelope.type, occurred_at=envelope.time,
                    data=envelope.data.model_dump(mode="json"))
        await self._client.start_workflow(
            ClientJourney.run, JourneyStart(client_id=client_id), id=journey_id(client_id),
            task_queue=self._task_queue, id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            start_signal="fact", start_signal_args=[fact],
            search_attributes=TypedSearchAttributes([
                SearchAttributePair(SearchAttributeKey.for_keyword("JourneyStage"), Stage.REGISTERED.value)]),
        )

    def subscriptions(self) -> Sequence[Subscription]:
        handler: Handler = self.signal
        return [Subscription(CONSUMER, topic, dict.fromkeys(events, handler))
                for topic, events in JOURNEY_FACTS.items()]

    def attach(self, broker: KafkaBroker) -> None:
        for subscription in self.subscriptions():
            subscribe(broker, subscription)


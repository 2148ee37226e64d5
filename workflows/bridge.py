"""The event→signal bridge: facts a journey waits for, from Kafka into Temporal.

Each fact is signalled with start (`journey-<client_id>`, USE_EXISTING), so a journey
that does not exist yet is started by its first fact and a redelivered fact is dropped
by the journey itself. Benefits events are keyed by household and name the household's
clients: each of them gets the fact. A missed appointment after the notice of legal consequences starts
the client's hearing (`hearing-<incident id>`, USE_EXISTING: a redelivered miss changes nothing; see
`workflows.hearing.missed`); a miss without notice starts nothing. A cohort's opening starts its timer
(`cohort-<cohort id>`, `workflows.cohort`). Only a registration may start a journey again for a
client whose journey has closed; any later fact for a closed journey is dropped. How records
are consumed, in parallel and committed in batches only after Temporal accepted their signal:
`bridge_consumer`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from uuid import UUID

from temporalio.client import Client
from temporalio.common import (
    SearchAttributePair,
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
    WorkflowIDReusePolicy,
)
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from contracts.envelope import Envelope
from contracts.events import AppointmentMissedV1, ClientMergedV1, ClientRegisteredV1, CohortOpenedV1, Event
from contracts.topics import Topic
from services.platform.consumer import Handler, Subscription
from workflows.codec import assign_payloads
from workflows.cohort.models import CohortTimerStart
from workflows.cohort.workflow import CohortTimer, cohort_timer_id
from workflows.hearing.missed import hearing_for
from workflows.hearing.workflow import Hearing, hearing_id
from workflows.journey.facts import JOURNEY_FACTS
from workflows.journey.messages import Fact, JourneyStart
from workflows.journey.policy import REAL_MONTH_SECONDS, JourneyPolicy
from workflows.journey.state import Stage
from workflows.journey.workflow import ClientJourney
from workflows.search_attributes import HEARING_OPEN, OFFICE, STAGE

log = logging.getLogger(__name__)
CONSUMER = "journey-bridge"
# Temporal answers that retrying can change: the consumer retries these instead of dead-lettering the fact.
TEMPORAL_TRANSIENT = frozenset(
    {
        RPCStatusCode.UNAVAILABLE,
        RPCStatusCode.DEADLINE_EXCEEDED,
        RPCStatusCode.RESOURCE_EXHAUSTED,
        RPCStatusCode.ABORTED,
        RPCStatusCode.INTERNAL,
        RPCStatusCode.CANCELLED,  # how the client reports its own rpc_timeout ("Timeout expired")
    }
)
# A start that hangs is given up and retried, so a revoked partition's lane ends in time. Under load a start
# waits its turn behind the others in flight (64 at ~12 starts/s on a busy 2-core machine: ~5 s).
START_TIMEOUT = timedelta(seconds=30)


def journey_id(client_id: object) -> str:
    return f"journey-{client_id}"


def addressees(event: Event) -> list[UUID]:
    """The clients whose journeys hear this fact: the client (and a merge's kept client), or the household's."""
    if isinstance(event, ClientMergedV1):
        return [event.client_id, event.merged_into]
    client_ids: list[UUID] = getattr(event, "client_ids", None) or []
    client_id: UUID | None = getattr(event, "client_id", None)
    return [client_id] if client_id is not None else list(dict.fromkeys(client_ids))


class JourneyBridge:
    def __init__(self, client: Client, task_queue: str, policy: JourneyPolicy | None = None) -> None:
        self._client = client
        self._task_queue = task_queue
        self._policy = policy or JourneyPolicy()

    @property
    def _compression(self) -> float | None:
        """The demo's compressed calendar, as the journeys run on it (None: the real one), for the cohort timers
        and hearings the bridge starts."""
        compressed = self._policy.seconds_per_month != REAL_MONTH_SECONDS
        return self._policy.seconds_per_month if compressed else None

    async def signal(self, envelope: Envelope) -> None:
        fact = Fact(
            event_id=envelope.id,
            event_type=envelope.type,
            occurred_at=envelope.time,
            data=envelope.data.model_dump(mode="json"),
        )
        office_id = envelope.data.office_id if isinstance(envelope.data, ClientRegisteredV1) else None
        for client_id in addressees(envelope.data):
            await self._signal_with_start(client_id, fact, office_id)

    async def hear_miss(self, envelope: Envelope) -> None:
        """Routes a missed appointment: with notice given, to its hearing; without, nowhere."""
        assert isinstance(envelope.data, AppointmentMissedV1)
        start = hearing_for(envelope.data, seconds_per_month=self._compression)
        if start is None:
            log.info("appointment %s missed without notice: no hearing", envelope.data.appointment_id)
            return
        facts = start.facts
        assign_payloads(self._client.data_converter, hearing_id(facts.incident_id), facts.client_id)
        try:
            await self._client.start_workflow(
                Hearing.run,
                start,
                id=hearing_id(facts.incident_id),
                task_queue=self._task_queue,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                search_attributes=TypedSearchAttributes(
                    [SearchAttributePair(OFFICE, facts.office_id), SearchAttributePair(HEARING_OPEN, True)]
                ),
                rpc_timeout=START_TIMEOUT,
            )
        except WorkflowAlreadyStartedError:
            log.info("hearing of incident %s has closed: %s dropped", facts.incident_id, envelope.id)
        except RPCError as error:
            if error.status in TEMPORAL_TRANSIENT:
                raise ConnectionError(f"Temporal unavailable: {error}") from error
            raise

    async def start_cohort_timer(self, envelope: Envelope) -> None:
        """A cohort's opening starts its timer (`cohort-<id>`); a redelivered opening finds it running or done."""
        assert isinstance(envelope.data, CohortOpenedV1)
        opened = envelope.data
        start = CohortTimerStart(
            cohort_id=opened.cohort_id,
            office_id=opened.office_id,
            ends_on=opened.ends_on,
            starts_on=opened.starts_on,
            seconds_per_month=self._compression,
        )
        try:
            await self._client.start_workflow(
                CohortTimer.run,
                start,
                id=cohort_timer_id(opened.cohort_id),
                task_queue=self._task_queue,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                search_attributes=TypedSearchAttributes([SearchAttributePair(OFFICE, opened.office_id)]),
                rpc_timeout=START_TIMEOUT,
            )
        except WorkflowAlreadyStartedError:
            log.info("timer of cohort %s has closed: %s dropped", opened.cohort_id, envelope.id)
        except RPCError as error:
            if error.status in TEMPORAL_TRANSIENT:
                raise ConnectionError(f"Temporal unavailable: {error}") from error
            raise

    async def _signal_with_start(self, client_id: UUID, fact: Fact, registered_in: str | None) -> None:
        """`registered_in`: the office of a registration, which starts a journey anew (after a closed one)."""
        registration = registered_in is not None
        reuse = WorkflowIDReusePolicy.ALLOW_DUPLICATE if registration else WorkflowIDReusePolicy.REJECT_DUPLICATE
        # The office from the start, so office lists and counts hold a journey before its case is assigned.
        found = [SearchAttributePair(STAGE, Stage.REGISTERED.value)]
        if registered_in is not None:
            found.append(SearchAttributePair(OFFICE, registered_in))
        try:
            await self._client.start_workflow(
                ClientJourney.run,
                JourneyStart(client_id=client_id, policy=self._policy),
                id=journey_id(client_id),
                task_queue=self._task_queue,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
                id_reuse_policy=reuse,
                start_signal="fact",
                start_signal_args=[fact],
                search_attributes=TypedSearchAttributes(found),
                rpc_timeout=START_TIMEOUT,
            )
        except WorkflowAlreadyStartedError:
            log.info("journey of client %s has closed: %s %s dropped", client_id, fact.event_type, fact.event_id)
        except RPCError as error:
            if error.status in TEMPORAL_TRANSIENT:
                raise ConnectionError(f"Temporal unavailable: {error}") from error
            raise

    def handlers(self) -> dict[Topic, dict[type[Event], Handler]]:
        """Per topic, what each event it carries means: a journey's fact, or the start of a hearing."""
        signal: Handler = self.signal
        routes: dict[Topic, dict[type[Event], Handler]] = {
            topic: dict.fromkeys(events, signal) for topic, events in JOURNEY_FACTS.items()
        }
        routes.setdefault(AppointmentMissedV1.topic, {})[AppointmentMissedV1] = self.hear_miss
        routes.setdefault(CohortOpenedV1.topic, {})[CohortOpenedV1] = self.start_cohort_timer
        return routes

    def subscriptions(self) -> Sequence[Subscription]:
        return [Subscription(CONSUMER, topic, handlers) for topic, handlers in self.handlers().items()]

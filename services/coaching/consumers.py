"""Coaching's Kafka consumers: each effect applied once per event id (inbox)."""

from __future__ import annotations

from collections.abc import Sequence

from contracts import topics
from contracts.envelope import Envelope
from contracts.events import ClientRegisteredV1
from services.coaching import use_cases
from services.platform.consumer import Subscription
from services.platform.unit_of_work import UnitOfWork

CONSUMER = "coaching"


def subscriptions(uow: UnitOfWork) -> Sequence[Subscription]:
    async def on_client_registered(envelope: Envelope) -> None:
        event = envelope.data
        assert isinstance(event, ClientRegisteredV1)
        await uow.apply_once(CONSUMER, envelope, lambda tx: use_cases.open_case(tx, event))

    return [Subscription(CONSUMER, topics.CLIENTS, {ClientRegisteredV1: on_client_registered})]

"""Coaching's Kafka consumers: each effect applied once per event id (inbox)."""

from __future__ import annotations

from collections.abc import Sequence

from contracts import topics
from contracts.events import ClientRegisteredV1, EmploymentEndedV1
from services.coaching.use_cases import cases, migrated_cases
from services.platform.consumer import Subscription, applied_once
from services.platform.unit_of_work import Transaction, UnitOfWork

CONSUMER = "coaching"


def subscriptions(uow: UnitOfWork) -> Sequence[Subscription]:
    from services.coaching.app import load_reference  # the composition root's reference data (it imports us)

    ref = load_reference()

    async def opened(tx: Transaction, event: ClientRegisteredV1) -> None:
        await migrated_cases.open_registered_case(tx, event, ref)

    return [
        Subscription(CONSUMER, topics.CLIENTS, {ClientRegisteredV1: applied_once(uow, CONSUMER, opened)}),
        Subscription(
            CONSUMER, topics.EMPLOYMENTS, {EmploymentEndedV1: applied_once(uow, CONSUMER, cases.return_to_coaching)}
        ),
    ]

"""Coaching's Kafka consumers: each effect applied once per event id (inbox)."""

from __future__ import annotations

from collections.abc import Sequence

from contracts import topics
from contracts.events import ClientRegisteredV1, EmploymentEndedV1
from services.coaching.use_cases import cases
from services.platform.consumer import Subscription, applied_once
from services.platform.unit_of_work import UnitOfWork

CONSUMER = "coaching"


def subscriptions(uow: UnitOfWork) -> Sequence[Subscription]:
    return [
        Subscription(CONSUMER, topics.CLIENTS, {ClientRegisteredV1: applied_once(uow, CONSUMER, cases.open_case)}),
        Subscription(
            CONSUMER, topics.EMPLOYMENTS, {EmploymentEndedV1: applied_once(uow, CONSUMER, cases.return_to_coaching)}
        ),
    ]

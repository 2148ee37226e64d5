"""Placement's Kafka consumers: each effect applied once per event id (inbox)."""

from __future__ import annotations

from collections.abc import Sequence

from contracts import topics
from contracts.events import ClientMergedV1, ClientRegisteredV1, ReadyForPlacementV1
from services.placement.use_cases import clients, merges, migrated_employments
from services.platform.consumer import Subscription, applied_once
from services.platform.unit_of_work import UnitOfWork

CONSUMER = "placement"


def subscriptions(uow: UnitOfWork) -> Sequence[Subscription]:
    return [
        Subscription(
            CONSUMER,
            topics.CLIENTS,
            {
                ClientRegisteredV1: applied_once(uow, CONSUMER, migrated_employments.record_registration),
                ClientMergedV1: applied_once(uow, CONSUMER, merges.follow_merge),
            },
        ),
        Subscription(
            CONSUMER, topics.CASES, {ReadyForPlacementV1: applied_once(uow, CONSUMER, clients.open_job_search)}
        ),
    ]

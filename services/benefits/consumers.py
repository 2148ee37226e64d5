"""Benefits' Kafka consumers: each effect applied once per event id (inbox)."""

from __future__ import annotations

from collections.abc import Sequence

from contracts import topics
from contracts.events import ClientRegisteredV1, EmploymentStartedV1
from services.benefits import use_cases
from services.platform.consumer import Subscription, applied_once
from services.platform.unit_of_work import UnitOfWork

CONSUMER = "benefits"


def subscriptions(uow: UnitOfWork) -> Sequence[Subscription]:
    return [
        Subscription(CONSUMER, topics.CLIENTS,
                     {ClientRegisteredV1: applied_once(uow, CONSUMER, use_cases.add_household_member)}),
        Subscription(CONSUMER, topics.EMPLOYMENTS,
                     {EmploymentStartedV1: applied_once(uow, CONSUMER, use_cases.record_earned_income)}),
    ]

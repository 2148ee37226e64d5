"""Intake's Kafka consumers: none. Intake is where clients start; it reacts to no other service's facts."""

from __future__ import annotations

from collections.abc import Sequence

from services.platform.consumer import Subscription
from services.platform.unit_of_work import UnitOfWork


def subscriptions(uow: UnitOfWork) -> Sequence[Subscription]:
    return ()

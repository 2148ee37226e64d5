"""Coaching's Kafka consumers: each effect applied once per event id (inbox)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from contracts import topics
from contracts.events import ClientMergedV1, ClientMovedV1, ClientRegisteredV1, EmploymentEndedV1
from services.coaching.domain.appointment_policy import AppointmentPolicy
from services.coaching.domain.reference import Reference
from services.coaching.use_cases import cases, merges, migrated_cases, moves
from services.platform.consumer import Subscription, applied_once
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import UnitOfWork

CONSUMER = "coaching"


def subscriptions(
    uow: UnitOfWork, ref: Reference, vault: SpecialCategories, policy: AppointmentPolicy
) -> Sequence[Subscription]:
    """`ref`: a registration opens the case (a migrated one with its case manager) and a move hands it over under
    the office's ratios; `vault`: a move and a refused imported assignment raise sealed tasks; `policy`: a
    migrated client's open appointments are booked under it."""
    return [
        Subscription(
            CONSUMER,
            topics.CLIENTS,
            {
                ClientRegisteredV1: applied_once(
                    uow, CONSUMER, partial(migrated_cases.open_registered_case, ref=ref, vault=vault, policy=policy)
                ),
                ClientMovedV1: applied_once(uow, CONSUMER, partial(moves.follow_move, ref=ref, vault=vault)),
                ClientMergedV1: applied_once(uow, CONSUMER, partial(merges.follow_merge, ref=ref)),
            },
        ),
        Subscription(
            CONSUMER, topics.EMPLOYMENTS, {EmploymentEndedV1: applied_once(uow, CONSUMER, cases.return_to_coaching)}
        ),
    ]

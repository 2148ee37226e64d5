"""Benefits' Kafka consumers: each effect applied once per event id (inbox).

One consumer group per topic (`benefits.<publisher>`, also the inbox's consumer name): the groups join
independently at start-up instead of rebalancing one another, which took seconds with a shared group.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from contracts import topics
from contracts.events import (
    CaseAssignedV1,
    ClientMergedV1,
    ClientMovedV1,
    ClientRegisteredV1,
    EmploymentConfirmedV1,
    EmploymentEndedV1,
    EmploymentStartedV1,
)
from services.benefits.domain.appropriate_rents import AppropriateRents
from services.benefits.use_cases import employments, households, merges, moves, savings
from services.platform.consumer import Subscription, applied_once
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import UnitOfWork

CONSUMER = "benefits"
FROM_INTAKE, FROM_PLACEMENT, FROM_COACHING = (
    f"{CONSUMER}.{t.owner}" for t in (topics.CLIENTS, topics.EMPLOYMENTS, topics.CASES)
)


def subscriptions(uow: UnitOfWork, vault: SpecialCategories, rents: AppropriateRents) -> Sequence[Subscription]:
    """`vault`: placement's facts recompute with the household's sealed inputs and seal the decision; `rents`:
    a move into another district applies its appropriate rent."""
    return [
        Subscription(
            FROM_INTAKE,
            topics.CLIENTS,
            {
                ClientRegisteredV1: applied_once(uow, FROM_INTAKE, households.add_household_member),
                ClientMergedV1: applied_once(uow, FROM_INTAKE, merges.follow_merge),
                ClientMovedV1: applied_once(uow, FROM_INTAKE, partial(moves.move_household, vault=vault, rents=rents)),
            },
        ),
        Subscription(
            FROM_PLACEMENT,
            topics.EMPLOYMENTS,
            {
                EmploymentStartedV1: applied_once(
                    uow, FROM_PLACEMENT, partial(employments.apply_employment_start, vault=vault)
                ),
                EmploymentEndedV1: applied_once(
                    uow, FROM_PLACEMENT, partial(employments.apply_employment_end, vault=vault)
                ),
                EmploymentConfirmedV1: applied_once(
                    uow, FROM_PLACEMENT, partial(employments.apply_confirmed_pay, vault=vault)
                ),
            },
        ),
        Subscription(
            FROM_COACHING, topics.CASES, {CaseAssignedV1: applied_once(uow, FROM_COACHING, savings.record_program)}
        ),
    ]

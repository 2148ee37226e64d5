"""What the reporting service reads: every fact the § 48a figures need, each event applied once (inbox).

Bad events go to the topic's dead-letter twin with their reason (services.platform.consumer). The same table of
handlers serves the live consumers and the rebuild (`services.reporting.rebuild`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from contracts import topics
from contracts.events import (
    CaseAssignedV1,
    ClientMergedV1,
    ClientRegisteredV1,
    CohortClosedV1,
    CohortJoinedV1,
    CohortOpenedV1,
    CohortOutcomeRecordedV1,
    ContactRecordedV1,
    EmploymentConfirmedV1,
    EmploymentEndedV1,
    EmploymentStartedV1,
    EntitlementChangedV1,
    EntitlementEndedV1,
    EntitlementGrantedV1,
    Event,
    ParticipationEndedV1,
    ParticipationStartedV1,
    PaymentOrderedV1,
)
from contracts.topics import Topic
from services.platform.consumer import Subscription, applied_once
from services.platform.unit_of_work import Transaction, UnitOfWork
from services.reporting.use_cases import benefits, cohort_outcomes, contacts, employments, erasures, merges, people

CONSUMER = "reporting"
Effect = Callable[[Transaction, Any], Awaitable[None]]
BulkEffect = Callable[[Transaction, Sequence[Any]], Awaitable[None]]

EFFECTS: dict[Topic, dict[type[Event], Effect]] = {
    topics.CLIENTS: {ClientRegisteredV1: people.record_person, ClientMergedV1: merges.follow_merge},
    topics.CASES: {
        CaseAssignedV1: people.record_programme,
        ParticipationStartedV1: people.record_enrolment,
        ParticipationEndedV1: people.record_participation_end,
        ContactRecordedV1: contacts.count_contact,
        CohortOpenedV1: cohort_outcomes.record_opening,
        CohortJoinedV1: cohort_outcomes.record_member,
        CohortOutcomeRecordedV1: cohort_outcomes.record_outcome,
        CohortClosedV1: cohort_outcomes.record_close,
    },
    topics.EMPLOYMENTS: {
        EmploymentStartedV1: employments.record_start,
        EmploymentConfirmedV1: employments.record_confirmation,
        EmploymentEndedV1: employments.record_end,
    },
    topics.ENTITLEMENTS: {
        EntitlementGrantedV1: benefits.record_grant,
        EntitlementChangedV1: benefits.record_change,
        EntitlementEndedV1: benefits.record_end,
    },
    topics.PAYMENTS: {PaymentOrderedV1: benefits.record_payment},
}

# What the rebuild applies a batch's events of one type with, in one statement: each of these writes a table no
# other effect writes, and gives the same rows whatever the order (a count, or the first of a key), so applying
# them apart from the batch's other events, all at once, ends as applying them one by one.
BULK_EFFECTS: dict[type[Event], BulkEffect] = {
    ContactRecordedV1: contacts.count_contacts,
    EmploymentConfirmedV1: employments.record_confirmations,
    PaymentOrderedV1: benefits.record_payments,
}


# What the rebuild applies a run of consecutive events of one type with, in the batch's order among the others:
# each ends as applying the run's events one by one would (a client's last registration stands, the latest
# assignment wins, grants that meet are applied apart: see each).
RUN_EFFECTS: dict[type[Event], BulkEffect] = {
    ClientRegisteredV1: people.record_people,
    CaseAssignedV1: people.record_programmes,
    EntitlementGrantedV1: benefits.record_grants,
}


def subscriptions(uow: UnitOfWork) -> Sequence[Subscription]:
    return [
        Subscription(
            CONSUMER,
            topic,
            {cls: applied_once(uow, CONSUMER, _erased_stay_erased(effect)) for cls, effect in effects.items()},
        )
        for topic, effects in EFFECTS.items()
    ]


def _erased_stay_erased(effect: Effect) -> Effect:
    """A fact about a client erased before it arrived is kept anonymous, as the erasure left the client's rows."""

    async def applied(tx: Transaction, event: Any) -> None:
        await effect(tx, event)
        client_id = getattr(event, "client_id", None)
        if client_id is not None and await erasures.erased(tx.session, client_id):
            await erasures.forget_erased_one(tx.session, client_id)

    return applied

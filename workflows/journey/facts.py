"""The facts a journey hears, by topic: the one list the bridge subscribes to and the state machine applies."""

from __future__ import annotations

from contracts import topics
from contracts.events import (
    CaseAssignedV1,
    ClientMergedV1,
    ClientMovedV1,
    ClientRegisteredV1,
    ContactRecordedV1,
    CooperationPlanAgreedV1,
    EmploymentConfirmedV1,
    EmploymentEndedV1,
    EmploymentStartedV1,
    EntitlementChangedV1,
    EntitlementEndedV1,
    EntitlementGrantedV1,
    Event,
    JobSearchOpenedV1,
    ParticipationEndedV1,
    ParticipationStartedV1,
    ProposalMadeV1,
    ReadyForPlacementV1,
    ReductionDeterminedV1,
    ReductionLiftedV1,
)

JOURNEY_FACTS: dict[topics.Topic, tuple[type[Event], ...]] = {
    topics.CLIENTS: (ClientRegisteredV1, ClientMovedV1, ClientMergedV1),
    topics.CASES: (
        CaseAssignedV1,
        ContactRecordedV1,
        CooperationPlanAgreedV1,
        ReadyForPlacementV1,
        ParticipationStartedV1,
        ParticipationEndedV1,
    ),
    topics.EMPLOYMENTS: (
        JobSearchOpenedV1,
        ProposalMadeV1,
        EmploymentStartedV1,
        EmploymentConfirmedV1,
        EmploymentEndedV1,
    ),
    topics.ENTITLEMENTS: (
        EntitlementGrantedV1,
        EntitlementChangedV1,
        EntitlementEndedV1,
        ReductionDeterminedV1,
        ReductionLiftedV1,
    ),
}
HEARD: tuple[type[Event], ...] = tuple(event for events in JOURNEY_FACTS.values() for event in events)
# Heard since `journey-participations` (workflow.patched in inbox.py): runs recorded before ignored them.
PARTICIPATION_FACTS: tuple[type[Event], ...] = (ParticipationStartedV1, ParticipationEndedV1)
# Heard since `journey-reductions` (workflow.patched in inbox.py): the bridge did not route them before.
REDUCTION_FACTS: tuple[type[Event], ...] = (ReductionDeterminedV1, ReductionLiftedV1)
# Heard since `journey-follows-moves` (workflow.patched in inbox.py): runs recorded before ignored them.
MOVE_FACTS: tuple[type[Event], ...] = (ClientMovedV1,)
# Heard since `journey-follows-merges` (workflow.patched in inbox.py): runs recorded before ignored them.
MERGE_FACTS: tuple[type[Event], ...] = (ClientMergedV1,)

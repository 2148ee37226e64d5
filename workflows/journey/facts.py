"""The facts a journey hears, by topic: the one list the bridge subscribes to and the state machine applies."""

from __future__ import annotations

from contracts import topics
from contracts.events import (
    ApplicationSentV1,
    CaseAssignedV1,
    ClientMergedV1,
    ClientMovedV1,
    ClientRegisteredV1,
    ContactRecordedV1,
    CooperationPlanAgreedV1,
    EmployerFeedbackRecordedV1,
    EmploymentConfirmedV1,
    EmploymentEndedV1,
    EmploymentStartedV1,
    EntitlementChangedV1,
    EntitlementEndedV1,
    EntitlementGrantedV1,
    Event,
    InterviewHeldV1,
    InterviewScheduledV1,
    JobAtRiskReportedV1,
    JobSearchOpenedV1,
    OfferMadeV1,
    ParticipationEndedV1,
    ParticipationStartedV1,
    ProposalClosedV1,
    ProposalMadeV1,
    ReadyForPlacementV1,
    ReductionDeterminedV1,
    ReductionLiftedV1,
)

# A proposal's steps to the hire, and the warnings after it that the job is at risk (placement, #12).
PIPELINE_FACTS: tuple[type[Event], ...] = (
    ApplicationSentV1,
    InterviewScheduledV1,
    InterviewHeldV1,
    OfferMadeV1,
    ProposalClosedV1,
)
WARNING_FACTS: tuple[type[Event], ...] = (EmployerFeedbackRecordedV1, JobAtRiskReportedV1)

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
        *PIPELINE_FACTS,
        *WARNING_FACTS,
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
# Heard since `journey-post-hire-support` (JourneyState.supports_after_hire): the proposal's pipeline and the
# warnings after a hire; runs recorded before note them as unreadable.
AFTER_HIRE_FACTS: tuple[type[Event], ...] = (*PIPELINE_FACTS, *WARNING_FACTS)

"""A client's journey as a pure state machine over the facts services announce.

registered → coaching → job_search → employed → sustained (K2E3: employed subject to
social insurance in each of the 6 months after the integration, § 48a SGB II) → closed.
An employment that ends inside those months sends the client back to coaching: the
journey goes on. A journey also closes when the client leaves (moved away, withdrew,
retirement age). `at` is always workflow time: cadences are measured on it, while the
business dates inside the facts (start dates, months) may follow another calendar.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, Field

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
from workflows.business_calendar import BERLIN
from workflows.hearing.models import HearingNews
from workflows.journey.facts import HEARD

SUSTAINED_AFTER_MONTHS = 6  # § 48a SGB II, Kennzahl K2E3
REMEMBERED_EVENT_IDS = 500  # facts arrive at least once; this many ids dedupe redeliveries


class Stage(StrEnum):
    REGISTERED = "registered"
    COACHING = "coaching"
    JOB_SEARCH = "job_search"
    EMPLOYED = "employed"
    SUSTAINED = "sustained"
    CLOSED = "closed"


# Stages in which a case manager keeps contact and the cooperation plan (§ 15) is reviewed.
SUPPORTED = (Stage.COACHING, Stage.JOB_SEARCH)
# Stages in which the coach supports the client in the new job (contacts in the policy's weeks, early warnings).
AFTER_HIRE = (Stage.EMPLOYED, Stage.SUSTAINED)


class EntryKind(StrEnum):
    STAGE = "stage"  # the journey moved to `stage`
    FACT = "fact"  # a fact worth remembering that moved nothing (benefits, plan, proposals)
    STEP = "step"  # something the journey did itself (a task raised, a check requested, a case worker changed)


class HistoryEntry(BaseModel):
    stage: Stage
    at: datetime
    because: str
    kind: EntryKind = EntryKind.STAGE


class JourneyState(BaseModel):
    client_id: UUID
    household_id: UUID | None = None
    office_id: str | None = None
    target_groups: list[str] = Field(default_factory=list)
    migrated: bool = False  # registered by a bulk migration from a legacy system (issue #13)
    # Patch `journey-migration-carry` (workflow.py) sets `carries_migration`; runs recorded before it replay
    # without. Once a migrated journey's assignment is done, its legacy record is carried once (`actions.py`).
    carries_migration: bool = False
    migration_carried: bool = False
    # Patch `journey-dated-assignment` (workflow.py) sets `dates_assignment` on a compressed policy (the demo); runs
    # recorded before it, and every journey on the real calendar, replay and run without. Then the journey keeps
    # the registration's day and the workflow time it heard it, the pin of the calendar it dates the assignment
    # on (`dating.py`); continue-as-new carries both.
    dates_assignment: bool = False
    registered_on: date | None = None
    registration_heard_at: datetime | None = None
    stage: Stage = Stage.REGISTERED
    case_worker_id: str | None = None
    program_id: str | None = None
    contact_interval_days: int | None = None
    participation_id: UUID | None = None  # the current participation in a programme (coaching)
    programme_end_anchor_at: datetime | None = None  # workflow time the journey heard of the participation
    programme_end_after_days: int | None = None  # business days from then to its planned end; None: open-ended
    programme_end_raised: bool = False
    assignment_retry_at: datetime | None = None
    last_contact_at: datetime | None = None  # business time of the last contact, as coaching recorded it
    contact_anchor_at: datetime | None = None  # workflow time the contact cadence counts from
    contact_overdue_raised: int = 0  # contact_overdue tasks raised since the anchor
    plan_id: UUID | None = None
    plan_anchor_at: datetime | None = None  # workflow time the plan was agreed (or the case assigned)
    plan_review_after_days: int | None = None  # business days from agreement to review_due; None: policy
    plan_reviews_raised: int = 0
    search_id: UUID | None = None
    # Coaching's readiness and placement's job-search opening announce one step on two paths
    # (cases topic; placement's consumer and relay, then employments topic), so either may come
    # first and the other later — even after an employment that followed the step has ended.
    # Runs recorded before this rule moved on any readiness or opening; they replay as they ran
    # (`PAIRED_PLACEMENT_ANNOUNCEMENTS` in workflow.py sets this from `workflow.patched`).
    pairs_placement_announcements: bool = True
    placement_echoes: int = 0  # readiness declarations minus search openings since the last return to coaching
    stale_echoes: int = 0  # at that return, still travelling: > 0 that many openings, < 0 that many readiness
    proposals: int = 0
    employment_id: UUID | None = None
    employment_start_date: date | None = None
    employment_started_at: datetime | None = None
    continuation_checks_requested: int = 0
    confirmed_months: list[date] = Field(default_factory=list)
    relapses: int = 0
    sustained_at: datetime | None = None
    independent_of_benefits: bool = False
    exit_reason: str | None = None
    closed_reason: str | None = None
    # Reductions benefits determined after a hearing and has not lifted (ids only; the reasons stay there).
    reductions_in_force: list[UUID] = Field(default_factory=list)
    # Duplicates (intake client_merged): the client this journey's was merged into, or those merged into it.
    merged_into: UUID | None = None
    merged_from: list[UUID] = Field(default_factory=list)
    # Hearings (Anhörung, § 24 SGB X) of the client still open, as they told the journey (incident ids only).
    hearings_open: list[UUID] = Field(default_factory=list)
    # Support after the hire (patch `journey-post-hire-support` in workflow.py sets `supports_after_hire`; runs
    # recorded before it replay without): the post-hire contacts raised for the current employment, the last
    # contact since its start (workflow time), and why the job is at risk, waiting for the job_at_risk task.
    supports_after_hire: bool = False
    post_hire_contacts_raised: int = 0
    post_hire_contact_at: datetime | None = None
    warnings_pending: list[str] = Field(default_factory=list)
    warnings_raised: int = 0
    history: list[HistoryEntry] = Field(default_factory=list)
    seen_event_ids: list[UUID] = Field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.stage is Stage.CLOSED


def apply(state: JourneyState, event_id: UUID, event: Event, at: datetime) -> bool:
    """Apply one fact; False if it was seen before (redelivery) and changed nothing."""
    if event_id in state.seen_event_ids:
        return False
    state.seen_event_ids = [*state.seen_event_ids, event_id][-REMEMBERED_EVENT_IDS:]
    if not state.closed and isinstance(event, HEARD):  # any other event is remembered as seen, nothing more
        _apply(state, event, at)
    return True


def _apply(state: JourneyState, event: Event, at: datetime) -> None:
    match event:
        case ClientRegisteredV1():
            state.household_id, state.office_id = event.household_id, event.office_id
            state.target_groups = list(event.target_groups)
            if state.dates_assignment and state.registered_on is None:  # a later registration fact moves no pin
                state.registered_on = event.registered_on or event.registered_at.astimezone(BERLIN).date()
                state.registration_heard_at = at
            if event.migrated:
                state.migrated = True
                note(state, at, "migrated from the legacy system", EntryKind.FACT)
        case ClientMovedV1() if event.office_id != state.office_id:
            previous, state.office_id = state.office_id, event.office_id
            note(state, at, f"moved from office {previous} to {event.office_id} on {event.moved_on}", EntryKind.FACT)
        case ClientMergedV1() if event.client_id == state.client_id:
            _merged_away(state, event, at)
        case ClientMergedV1() if event.merged_into == state.client_id and event.client_id not in state.merged_from:
            state.merged_from = [*state.merged_from, event.client_id]
            note(state, at, f"duplicate registration {event.client_id} merged into this client", EntryKind.FACT)
        case CaseAssignedV1():
            _assign(state, event, at)
        case ContactRecordedV1():
            state.last_contact_at = event.occurred_at
            state.contact_anchor_at, state.contact_overdue_raised = at, 0
            if state.stage in AFTER_HIRE:
                state.post_hire_contact_at = at
        case CooperationPlanAgreedV1():
            _agree_plan(state, event, at)
        case ReadyForPlacementV1():
            _ready_for_placement(state, at)
        case ParticipationStartedV1():
            _start_participation(state, event, at)
        case ParticipationEndedV1():
            _end_participation(state, event, at)
        case JobSearchOpenedV1():
            _job_search_opened(state, event, at)
        case ProposalMadeV1():
            state.proposals += 1
            note(state, at, f"vacancy {event.vacancy_id} proposed", EntryKind.FACT)
        case EmploymentStartedV1() if event.subject_to_social_insurance:
            _start_employment(state, event, at)
        case EmploymentConfirmedV1() if event.employment_id == state.employment_id:
            _confirm_month(state, event.month, at)
        case EmploymentEndedV1() if event.employment_id == state.employment_id:
            _end_employment(state, at)
        case ApplicationSentV1() | InterviewScheduledV1() | InterviewHeldV1() | OfferMadeV1() | ProposalClosedV1():
            note(state, at, _pipeline_step(event), EntryKind.FACT)
        case EmployerFeedbackRecordedV1() if event.employment_id == state.employment_id:
            note(state, at, f"the employer's feedback of {event.given_on.isoformat()}: {event.rating}", EntryKind.FACT)
            if event.rating == "negative":
                warn(state, f"negative feedback from the employer ({event.given_on.isoformat()})")
        case JobAtRiskReportedV1() if event.employment_id == state.employment_id:
            warn(state, f"placement reported the job at risk: {event.reason} ({event.reported_on.isoformat()})")
        case EntitlementGrantedV1() | EntitlementChangedV1() | EntitlementEndedV1():
            _entitlement(state, event, at)
        case ReductionDeterminedV1() if event.client_id == state.client_id:
            _reduction_determined(state, event, at)
        case ReductionLiftedV1() if event.client_id == state.client_id:
            state.reductions_in_force = [r for r in state.reductions_in_force if r != event.reduction_id]
            since = f"{event.lifted_on_day:%Y-%m-%d}" if event.lifted_on_day else f"{event.lifted_from:%Y-%m}"
            note(state, at, f"reduction {event.reduction_id} lifted from {since}", EntryKind.FACT)


def move(state: JourneyState, expected: Stage | tuple[Stage, ...], to: Stage, at: datetime, because: str) -> None:
    allowed = expected if isinstance(expected, tuple) else (expected,)
    if state.stage in allowed:
        state.stage = to
        state.history = [*state.history, HistoryEntry(stage=to, at=at, because=because)]


def note(state: JourneyState, at: datetime, because: str, kind: EntryKind) -> None:
    state.history = [*state.history, HistoryEntry(stage=state.stage, at=at, because=because, kind=kind)]


def start_support(state: JourneyState, at: datetime) -> None:
    """Contact cadence and plan review count from the assignment until a contact or a plan resets them."""
    if state.contact_anchor_at is None:
        state.contact_anchor_at = at
    if state.plan_anchor_at is None:
        state.plan_anchor_at = at


def _merged_away(state: JourneyState, event: ClientMergedV1, at: datetime) -> None:
    """A duplicate's journey ends: the kept client's journey goes on (coaching closed this case itself)."""
    state.merged_into, state.closed_reason = event.merged_into, "merged"
    open_stages = tuple(stage for stage in Stage if stage is not Stage.CLOSED)
    move(state, open_stages, Stage.CLOSED, at, f"merged into client {event.merged_into}")


def _assign(state: JourneyState, event: CaseAssignedV1, at: datetime) -> None:
    previous, state.case_worker_id = state.case_worker_id, event.case_worker_id
    state.program_id = event.program_id or state.program_id
    start_support(state, at)
    move(state, Stage.REGISTERED, Stage.COACHING, at, "case manager assigned")
    if previous is not None and previous != event.case_worker_id:
        note(state, at, f"coaching handed the case from {previous} to {event.case_worker_id}", EntryKind.FACT)


def _start_participation(state: JourneyState, event: ParticipationStartedV1, at: datetime) -> None:
    """The programme's duration becomes a deadline: the end-of-programme task falls due at its planned end."""
    state.participation_id, state.program_id = event.participation_id, event.program_id
    state.contact_interval_days, state.programme_end_raised = event.contact_interval_days, False
    state.programme_end_anchor_at = at
    state.programme_end_after_days = (
        max((event.planned_end_on - event.started_at.date()).days, 0) if event.planned_end_on is not None else None
    )
    planned = f", planned end {event.planned_end_on.isoformat()}" if event.planned_end_on else ""
    note(state, at, f"participation in {event.program_id} from {event.started_on.isoformat()}{planned}", EntryKind.FACT)


def _end_participation(state: JourneyState, event: ParticipationEndedV1, at: datetime) -> None:
    """Ends the current participation's timer; the case follows `next_program_id` (also after a transfer's start
    that arrived first: coaching announces the end before the start, but a redelivery may reorder them)."""
    if event.participation_id == state.participation_id or state.participation_id is None:
        state.participation_id, state.program_id = None, event.next_program_id
        state.contact_interval_days = event.contact_interval_days
        state.programme_end_anchor_at, state.programme_end_after_days = None, None
    because = f"participation in {event.program_id} ended {event.ended_on.isoformat()} ({event.reason})"
    note(state, at, f"{because}, back in {event.next_program_id}", EntryKind.FACT)


def _agree_plan(state: JourneyState, event: CooperationPlanAgreedV1, at: datetime) -> None:
    state.plan_id, state.plan_anchor_at, state.plan_reviews_raised = event.plan_id, at, 0
    state.plan_review_after_days = max((event.review_due - event.agreed_at.date()).days, 1)
    note(state, at, f"cooperation plan agreed, review due {event.review_due.isoformat()}", EntryKind.FACT)


def _ready_for_placement(state: JourneyState, at: datetime) -> None:
    # Its search opening came before the last employment: that step is spent.
    if state.pairs_placement_announcements and state.stale_echoes < 0:
        state.stale_echoes += 1
        note(state, at, "readiness declared before the last employment arrived late: moves nothing", EntryKind.FACT)
        return
    state.placement_echoes += 1
    move(state, Stage.COACHING, Stage.JOB_SEARCH, at, "ready for placement")


def _job_search_opened(state: JourneyState, event: JobSearchOpenedV1, at: datetime) -> None:
    state.search_id = event.search_id
    # It answers a readiness declared before the last employment.
    if state.pairs_placement_announcements and state.stale_echoes > 0:
        state.stale_echoes -= 1
        note(
            state,
            at,
            f"job search {event.search_id} answers a readiness from before the last employment: moves nothing",
            EntryKind.FACT,
        )
        return
    state.placement_echoes -= 1
    move(state, Stage.COACHING, Stage.JOB_SEARCH, at, "placement opened a job search")


def _start_employment(state: JourneyState, event: EmploymentStartedV1, at: datetime) -> None:
    if state.stage in (Stage.SUSTAINED, Stage.CLOSED):
        return
    state.employment_id, state.confirmed_months = event.employment_id, []
    state.employment_start_date, state.employment_started_at = event.start_date, at
    state.continuation_checks_requested = 0
    state.post_hire_contacts_raised, state.post_hire_contact_at, state.warnings_pending = 0, None, []
    move(
        state,
        (Stage.REGISTERED, Stage.COACHING, Stage.JOB_SEARCH),
        Stage.EMPLOYED,
        at,
        "employment subject to social insurance started",
    )


def _confirm_month(state: JourneyState, month: date, at: datetime) -> None:
    after_start = state.employment_start_date is None or month > state.employment_start_date
    if state.stage is Stage.EMPLOYED and after_start and month not in state.confirmed_months:
        state.confirmed_months = [*state.confirmed_months, month]
        if len(state.confirmed_months) >= SUSTAINED_AFTER_MONTHS:
            state.sustained_at = at
            move(state, Stage.EMPLOYED, Stage.SUSTAINED, at, "employed in each of the 6 months after the start")


def _end_employment(state: JourneyState, at: datetime) -> None:
    if state.stage not in (Stage.EMPLOYED, Stage.SUSTAINED):
        return
    state.relapses += 1
    state.employment_id, state.sustained_at = None, None
    # Back in coaching, only a new readiness moves on; what still travels for the old one is stale.
    state.stale_echoes, state.placement_echoes = state.stale_echoes + state.placement_echoes, 0
    state.contact_anchor_at, state.contact_overdue_raised = at, 0
    because = (
        "employment ended within 6 months: back to coaching"
        if state.stage is Stage.EMPLOYED
        else "employment ended before the journey closed: back to coaching"
    )
    move(state, (Stage.EMPLOYED, Stage.SUSTAINED), Stage.COACHING, at, because)


def _entitlement(
    state: JourneyState, event: EntitlementGrantedV1 | EntitlementChangedV1 | EntitlementEndedV1, at: datetime
) -> None:
    if state.client_id not in event.client_ids:
        return
    match event:
        case EntitlementGrantedV1():
            state.independent_of_benefits = False
            because = (
                f"benefits granted {event.period_start:%Y-%m} to {event.period_end:%Y-%m} "
                f"(decision {event.decision_id})"
            )
        case EntitlementChangedV1():
            state.independent_of_benefits = False
            because = f"benefits changed from {event.effective_month:%Y-%m} (decision {event.decision_id})"
        case EntitlementEndedV1():
            state.independent_of_benefits = state.independent_of_benefits or event.income_covers_need
            why = "income covers the need" if event.income_covers_need else event.reason
            because = f"benefits ended from {event.effective_month:%Y-%m}: {why} (decision {event.decision_id})"
    note(state, at, because, EntryKind.FACT)


def _reduction_determined(state: JourneyState, event: ReductionDeterminedV1, at: datetime) -> None:
    """A hearing ended in a reduction (§§ 31a, 32 SGB II) or in "not reachable" (§ 7b Abs. 4; percent 100, no end)."""
    if event.reduction_id not in state.reductions_in_force:
        state.reductions_in_force = [*state.reductions_in_force, event.reduction_id]
    lasting = f"for {event.months} month(s)" if event.months is not None else "until the client reports in person"
    because = (
        f"reduction {event.reduction_id} determined: {event.percent} % of the Regelbedarf from "
        f"{event.first_month:%Y-%m} {lasting} (decision {event.decision_id})"
    )
    note(state, at, because, EntryKind.FACT)


def hear_hearing(state: JourneyState, news: HearingNews, at: datetime) -> bool:
    """A hearing of the client opened or closed; False if the journey knew it already (nothing changed)."""
    known = news.incident_id in state.hearings_open
    if news.open == known:
        return False
    if news.open:
        state.hearings_open = [*state.hearings_open, news.incident_id]
    else:
        state.hearings_open = [i for i in state.hearings_open if i != news.incident_id]
    note(state, at, f"hearing {news.incident_id} {'opened' if news.open else 'closed'}", EntryKind.FACT)
    return True


def warn(state: JourneyState, why: str) -> None:
    """An early warning: the job is at risk; the journey raises a job_at_risk task for the coach."""
    if state.stage in AFTER_HIRE:
        state.warnings_pending = [*state.warnings_pending, why]


def _pipeline_step(
    event: ApplicationSentV1 | InterviewScheduledV1 | InterviewHeldV1 | OfferMadeV1 | ProposalClosedV1,
) -> str:
    proposal = f"proposal {event.proposal_id}"
    match event:
        case ApplicationSentV1():
            return f"{proposal}: application sent {event.sent_on.isoformat()}"
        case InterviewScheduledV1():
            return f"{proposal}: interview on {event.interview_on.isoformat()}"
        case InterviewHeldV1():
            return f"{proposal}: interview held {event.held_on.isoformat()} ({event.outcome})"
        case OfferMadeV1():
            return f"{proposal}: offer made {event.offered_on.isoformat()}"
        case ProposalClosedV1():
            return f"{proposal}: {event.closed_as} ({event.reason}) {event.closed_on.isoformat()}"

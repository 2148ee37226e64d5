"""Facts and journeys in a given stage, for the unit tests of the journey's pure parts.

`SAMPLES` holds one sample of each fact on the journey's list (`workflows/journey/facts.py`) and the
stage a journey hears it in; a test keeps the two lists equal.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

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
from workflows.journey.state import JourneyState, Stage, apply

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
CLIENT = UUID("0195a3c4-0000-7000-8000-000000000001")
HOUSEHOLD = UUID("0195a3c4-0000-7000-8000-0000000000aa")
JOB = UUID("0195a3c4-0000-7000-8000-0000000000b1")


def fact(state: JourneyState, event, at: datetime = NOW) -> bool:
    return apply(state, uuid4(), event, at)


def registered() -> ClientRegisteredV1:
    return ClientRegisteredV1(
        client_id=CLIENT,
        household_id=HOUSEHOLD,
        office_id="lutjenburg",
        target_groups=["single_parent"],
        registered_at=NOW,
    )


def assigned(case_worker: str = "cm-1") -> CaseAssignedV1:
    return CaseAssignedV1(
        client_id=CLIENT, case_worker_id=case_worker, office_id="lutjenburg", program_id="standard", assigned_at=NOW
    )


def contact() -> ContactRecordedV1:
    return ContactRecordedV1(
        client_id=CLIENT,
        contact_id=uuid4(),
        case_worker_id="cm-1",
        channel="phone",
        occurred_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
    )


def plan(agreed: datetime = NOW, review_due: date = date(2027, 5, 21)) -> CooperationPlanAgreedV1:
    return CooperationPlanAgreedV1(
        client_id=CLIENT, plan_id=uuid4(), case_worker_id="cm-1", agreed_at=agreed, review_due=review_due
    )


def ready() -> ReadyForPlacementV1:
    return ReadyForPlacementV1(client_id=CLIENT, case_worker_id="cm-1", declared_at=NOW)


def search_opened() -> JobSearchOpenedV1:
    return JobSearchOpenedV1(client_id=CLIENT, search_id=uuid4(), opened_at=NOW)


def proposal() -> ProposalMadeV1:
    return ProposalMadeV1(client_id=CLIENT, proposal_id=uuid4(), vacancy_id=uuid4(), proposed_at=NOW)


def hired(job: UUID = JOB, start: date = date(2026, 5, 4), insured: bool = True) -> EmploymentStartedV1:
    return EmploymentStartedV1(
        client_id=CLIENT,
        employment_id=job,
        employer_id=uuid4(),
        start_date=start,
        weekly_hours=Decimal(30),
        gross_monthly_pay=Decimal(2000),
        net_monthly_pay=Decimal(1500),
        first_pay_date=start,
        subject_to_social_insurance=insured,
    )


def confirmed(month: date, job: UUID = JOB) -> EmploymentConfirmedV1:
    return EmploymentConfirmedV1(
        client_id=CLIENT, employment_id=job, month=month, gross_pay=Decimal(2000), net_pay=Decimal(1500)
    )


def ended(job: UUID = JOB) -> EmploymentEndedV1:
    return EmploymentEndedV1(client_id=CLIENT, employment_id=job, end_date=date(2026, 8, 31), reason="probation")


def granted(clients: list[UUID] | None = None) -> EntitlementGrantedV1:
    return EntitlementGrantedV1(
        household_id=HOUSEHOLD,
        decision_id=uuid4(),
        client_ids=clients or [CLIENT],
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 1),
        monthly_entitlement=Decimal("1100.00"),
    )


def changed() -> EntitlementChangedV1:
    return EntitlementChangedV1(
        household_id=HOUSEHOLD,
        decision_id=uuid4(),
        effective_month=date(2026, 6, 1),
        monthly_entitlement=Decimal("300.00"),
        previous_monthly_entitlement=Decimal("1100.00"),
        reason="earned income",
        client_ids=[CLIENT],
        employment_id=JOB,
    )


def benefits_ended(income_covers_need: bool = True, clients: list[UUID] | None = None) -> EntitlementEndedV1:
    return EntitlementEndedV1(
        household_id=HOUSEHOLD,
        decision_id=uuid4(),
        effective_month=date(2026, 7, 1),
        income_covers_need=income_covers_need,
        reason="income covers the need",
        client_ids=clients or [CLIENT],
        employment_id=JOB,
    )


REDUCTION = UUID("0195a3c4-0000-7000-8000-0000000000d1")
PARTICIPATION = UUID("0195a3c4-0000-7000-8000-0000000000c1")


def enrolled(program_id: str = "gemeinsam", planned_end: date | None = date(2027, 7, 21)) -> ParticipationStartedV1:
    return ParticipationStartedV1(
        client_id=CLIENT,
        participation_id=PARTICIPATION,
        program_id=program_id,
        office_id="lutjenburg",
        case_worker_id="cm-1",
        started_on=NOW.date(),
        planned_end_on=planned_end,
        contact_interval_days=7,
        started_at=NOW,
    )


def participation_ended(reason: str = "in_work", participation: UUID = PARTICIPATION) -> ParticipationEndedV1:
    return ParticipationEndedV1(
        client_id=CLIENT,
        participation_id=participation,
        program_id="gemeinsam",
        office_id="lutjenburg",
        reason=reason,
        ended_on=NOW.date(),
        ended_at=NOW,
        next_program_id="standard",
        contact_interval_days=30,
    )


def reduction_determined(client_id: UUID = CLIENT, months: int | None = 1) -> ReductionDeterminedV1:
    return ReductionDeterminedV1(
        household_id=HOUSEHOLD,
        reduction_id=REDUCTION,
        client_id=client_id,
        first_month=date(2026, 12, 1),
        months=months,
        percent=Decimal(30),
        monthly_reduction=Decimal("168.90"),
        decision_id=uuid4(),
        client_ids=[client_id],
    )


def reduction_lifted() -> ReductionLiftedV1:
    return ReductionLiftedV1(
        household_id=HOUSEHOLD,
        reduction_id=REDUCTION,
        client_id=CLIENT,
        lifted_from=date(2027, 1, 1),
        client_ids=[CLIENT],
    )


def moved(to: str = "plon") -> ClientMovedV1:
    return ClientMovedV1(
        client_id=CLIENT,
        household_id=uuid4(),
        move_id=uuid4(),
        from_office_id="lutjenburg",
        office_id=to,
        from_district="kreis-ploen",
        district="kreis-ploen",
        moved_on=NOW.date(),
        recorded_at=NOW,
    )


def merged_away(into: UUID | None = None) -> ClientMergedV1:
    """This journey's client was a duplicate registration, merged into another (intake)."""
    return ClientMergedV1(client_id=CLIENT, merged_into=into or uuid4(), office_id="lutjenburg", merged_at=NOW)


PROPOSAL = UUID("0195a3c4-0000-7000-8000-0000000000e1")
VACANCY = UUID("0195a3c4-0000-7000-8000-0000000000e2")
STEP_DAY = date(2026, 4, 20)


def pipeline_steps() -> list[Event]:
    """One proposal from the application to the offer, then another one withdrawn."""
    ids = {"client_id": CLIENT, "proposal_id": PROPOSAL, "vacancy_id": VACANCY}
    return [
        ApplicationSentV1(**ids, sent_on=STEP_DAY),
        InterviewScheduledV1(**ids, interview_on=STEP_DAY),
        InterviewHeldV1(**ids, held_on=STEP_DAY, outcome="positive"),
        OfferMadeV1(**ids, offered_on=STEP_DAY),
        ProposalClosedV1(**{**ids, "proposal_id": uuid4()}, closed_on=STEP_DAY, closed_as="withdrawn", reason="other"),
    ]


def feedback(rating: str = "negative", job: UUID = JOB) -> EmployerFeedbackRecordedV1:
    return EmployerFeedbackRecordedV1(
        client_id=CLIENT, employment_id=job, feedback_id=uuid4(), given_on=date(2026, 5, 20), rating=rating
    )


def job_at_risk(job: UUID = JOB) -> JobAtRiskReportedV1:
    return JobAtRiskReportedV1(
        client_id=CLIENT, employment_id=job, report_id=uuid4(), reported_on=date(2026, 5, 22), reason="absences"
    )


def months_after_start(n: int = 6) -> list[date]:
    return [date(2026, 6 + i, 1) for i in range(n)]


def journey_in(stage: Stage) -> JourneyState:
    """A journey brought to `stage` by the facts that lead there."""
    state = JourneyState(client_id=CLIENT)
    path = {
        Stage.REGISTERED: [registered()],
        Stage.COACHING: [registered(), assigned()],
        Stage.JOB_SEARCH: [registered(), assigned(), ready()],
        Stage.EMPLOYED: [registered(), assigned(), ready(), hired()],
        Stage.SUSTAINED: [registered(), assigned(), ready(), hired(), *map(confirmed, months_after_start())],
    }
    for event in path[stage]:
        fact(state, event)
    assert state.stage is stage
    return state


def samples() -> dict[type[Event], tuple[Stage | None, Event]]:
    """One sample of each fact a journey hears, with the stage of a journey that acts on it (None: a new one)."""
    events: list[tuple[Stage | None, Event]] = [
        (None, registered()),
        (Stage.REGISTERED, assigned()),
        (Stage.COACHING, contact()),
        (Stage.COACHING, plan()),
        (Stage.COACHING, ready()),
        (Stage.COACHING, search_opened()),
        (Stage.JOB_SEARCH, proposal()),
        (Stage.JOB_SEARCH, hired()),
        (Stage.EMPLOYED, confirmed(date(2026, 6, 1))),
        (Stage.EMPLOYED, ended()),
        (Stage.EMPLOYED, granted()),
        (Stage.EMPLOYED, changed()),
        (Stage.EMPLOYED, benefits_ended()),
        (Stage.COACHING, enrolled()),
        (Stage.COACHING, participation_ended()),
        (Stage.COACHING, reduction_determined()),
        (Stage.COACHING, reduction_lifted()),
        (Stage.COACHING, moved()),
        (Stage.COACHING, merged_away()),
        *((Stage.JOB_SEARCH, step) for step in pipeline_steps()),
        (Stage.EMPLOYED, feedback()),
        (Stage.EMPLOYED, job_at_risk()),
    ]
    return {type(event): (stage, event) for stage, event in events}

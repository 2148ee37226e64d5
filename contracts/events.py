"""The journey's facts, as versioned event models: the public language of Lotse.

Events carry ids and facts, never names, addresses or health data. Within a version
only additive, optional fields may be added; anything else is a new `…v2` type.
Money is `Decimal` in euros (serialised as a string, so no float ever touches it).
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, ClassVar, Literal
from uuid import UUID

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from contracts import topics
from contracts.topics import Topic


def _first_of_month(value: date) -> date:
    if value.day != 1:
        raise ValueError("must be the first day of a month")
    return value


Month = Annotated[date, AfterValidator(_first_of_month)]
Euros = Annotated[Decimal, Field(max_digits=12, decimal_places=2, ge=0)]
# Collected for the statutory statistics only (§ 3 S. 3 Kennzahlen-Verordnung, § 51b SGB II): the indicators are
# reported by sex. Not health data, yet personal: it travels in the event for reporting and stays out of logs.
Sex = Literal["female", "male", "diverse", "not_stated"]
# Coaching needs the age only to choose the programme (under 25: 1:75, § 44c Abs. 4 SGB II); the birth date stays
# in intake. Clients under 25 also carry the day they turn 25, so coaching knows when the band ends.
AgeBand = Literal["under_25", "25_and_over"]
# What kind of work a hire is, as § 5 Kennzahlen-Verordnung tells integrations apart: regular = insured employment
# on the labour market (also with Beschäftigung begleitende Leistungen, § 2 Abs. 2 Nr. 2, e.g. § 16e SGB II);
# minijob = geringfügige Beschäftigung; self_employed = selbständige Tätigkeit; subsidised = öffentlich geförderte
# Beschäftigung (§ 2 Abs. 2 Nr. 3: § 16i SGB II); apprenticeship = voll qualifizierende Berufsausbildung.
EmploymentKind = Literal["regular", "minijob", "self_employed", "subsidised", "apprenticeship"]
# Why a participation in a programme ended: codes, never text (the list is ParticipationEndReason in coaching).
ParticipationEndReason = Literal[
    "completed", "transferred", "in_work", "in_training", "dropped_out", "moved_away", "case_closed", "other"
]


class Event(BaseModel):
    """Base of every event. `type` names it in CloudEvents `ce_type`."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    type: ClassVar[str]
    topic: ClassVar[Topic]

    def partition_key(self) -> str:
        """The Kafka key: one client's (or household's) events stay in order."""
        return str(getattr(self, self.topic.key))


class ContactChannel(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    EMAIL = "email"


class AvailabilityV1(BaseModel):
    """When and how far a client can work: hard constraints for matching, never the reason behind them."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    earliest_daily_start: time | None = None
    max_weekly_hours: int | None = None
    max_commute_minutes: int | None = None


class MigratedEmploymentV1(BaseModel):
    """The current employment a migrated client is in (subject to social insurance), for placement to record."""

    employer_id: UUID = Field(description="stable for the legacy employer: every employee of it names the same id")
    employer_key: str = Field(max_length=64, description="the legacy system's employer id (no name: staff add it)")
    start_date: date
    weekly_hours: Annotated[Decimal, Field(gt=0, le=60, decimal_places=2)]
    gross_monthly_pay: Euros
    net_monthly_pay: Euros


class MigratedAppointmentV1(BaseModel):
    """An open appointment of a migrated client: when and how, no subject (coaching books it with the case
    manager, under its rules: opening hours, no double booking)."""

    starts_at: AwareDatetime
    duration_minutes: int = Field(30, ge=10, le=240)
    channel: ContactChannel = ContactChannel.IN_PERSON


class MigratedStateV1(BaseModel):
    """Where a migrated client stood in the legacy system: ids and facts, no names of people."""

    case_worker_id: str | None = Field(None, description="the case manager coaching opens the case with")
    program_id: str | None = None
    employment: MigratedEmploymentV1 | None = None
    appointments: list[MigratedAppointmentV1] = Field(
        default_factory=list, max_length=20, description="open appointments for coaching to book; older: none"
    )


class ClientRegisteredV1(Event):
    """A person was registered with the Jobcenter (intake)."""

    type = "de.lotse.intake.client_registered.v1"
    topic = topics.CLIENTS
    client_id: UUID
    household_id: UUID
    office_id: str
    target_groups: list[str] = Field(default_factory=list)
    registered_at: AwareDatetime
    availability: AvailabilityV1 | None = None
    sex: Sex = Field("not_stated", description="for the statutory statistics (§ 51b SGB II); older events: not_stated")
    age_band: AgeBand | None = Field(
        None, description="at registration, for the caseload ratio (§ 44c Abs. 4 SGB II); older events: None"
    )
    turns_25_on: date | None = Field(None, description="only for clients under 25: the day the U25 ratio ends")
    migrated: bool = Field(False, description="brought in from a legacy system by a bulk migration; older: False")
    migration: MigratedStateV1 | None = Field(None, description="what the legacy system held: only when migrated")
    registered_on: date | None = Field(
        None, description="the day of the registration (Europe/Berlin) as staff entered it; older: registered_at's day"
    )


class ClientMergedV1(Event):
    """Staff found two registrations to be one person and merged them (intake): `client_id` is gone, its
    references belong to `merged_into` from now on. Keyed by the merged-away client, after its own events."""

    type = "de.lotse.intake.client_merged.v1"
    topic = topics.CLIENTS
    client_id: UUID
    merged_into: UUID
    office_id: str = Field(description="the surviving client's office")
    merged_at: AwareDatetime


class ClientMovedV1(Event):
    """A client moved house (intake): from `moved_on` the office of the new residence is responsible. Ids and
    the offices only, never the address; `district` is the new office's (the appropriate rent is set there,
    § 22 Abs. 1 SGB II). `from_office_id` equals `office_id` for a move within one office's area."""

    type = "de.lotse.intake.client_moved.v1"
    topic = topics.CLIENTS
    client_id: UUID
    household_id: UUID
    move_id: UUID
    from_office_id: str
    office_id: str
    from_district: str
    district: str
    moved_on: date = Field(description="the day the client lives at the new residence (Europe/Berlin)")
    recorded_at: AwareDatetime


class CaseAssignedV1(Event):
    """A case manager took the client on (coaching)."""

    type = "de.lotse.coaching.case_assigned.v1"
    topic = topics.CASES
    client_id: UUID
    case_worker_id: str
    office_id: str
    program_id: str | None = None
    assigned_at: AwareDatetime
    previous_case_worker_id: str | None = Field(None, description="set when the case changed hands")
    assigned_on: date | None = Field(
        None, description="the day the case manager took the client on (Europe/Berlin); older: assigned_at's day"
    )


class ParticipationStartedV1(Event):
    """A client was enrolled in a programme, or transferred into it (coaching)."""

    type = "de.lotse.coaching.participation_started.v1"
    topic = topics.CASES
    client_id: UUID
    participation_id: UUID
    program_id: str
    office_id: str
    case_worker_id: str
    started_on: date
    planned_end_on: date | None = Field(None, description="the start plus the programme's duration; None: open-ended")
    contact_interval_days: int
    started_at: AwareDatetime
    transferred_from: UUID | None = Field(None, description="the participation this one follows on a transfer")


class ParticipationEndedV1(Event):
    """A client's participation in a programme ended (coaching); the case is back in `next_program_id`."""

    type = "de.lotse.coaching.participation_ended.v1"
    topic = topics.CASES
    client_id: UUID
    participation_id: UUID
    program_id: str
    office_id: str
    reason: ParticipationEndReason
    ended_on: date
    ended_at: AwareDatetime
    next_program_id: str = Field(description="the programme the case follows from now on")
    contact_interval_days: int = Field(description="the contact interval of `next_program_id`")


class CooperationPlanAgreedV1(Event):
    """Client and case manager agreed (or reviewed) the cooperation plan (§ 15 SGB II)."""

    type = "de.lotse.coaching.cooperation_plan_agreed.v1"
    topic = topics.CASES
    client_id: UUID
    plan_id: UUID
    case_worker_id: str
    agreed_at: AwareDatetime
    review_due: date


class ContactRecordedV1(Event):
    """Staff had a contact with the client (coaching)."""

    type = "de.lotse.coaching.contact_recorded.v1"
    topic = topics.CASES
    client_id: UUID
    contact_id: UUID
    case_worker_id: str
    channel: ContactChannel
    occurred_at: AwareDatetime


class ReadyForPlacementV1(Event):
    """Coaching declared the client ready for placement."""

    type = "de.lotse.coaching.ready_for_placement.v1"
    topic = topics.CASES
    client_id: UUID
    case_worker_id: str
    declared_at: AwareDatetime


class AppointmentAttendedV1(Event):
    """A client attended an appointment (coaching)."""

    type = "de.lotse.coaching.appointment_attended.v1"
    topic = topics.CASES
    appointment_id: UUID
    client_id: UUID
    staff_id: str = Field(description="the staff member who held the appointment (the first of a team)")
    office_id: str
    starts_at: AwareDatetime


class AppointmentMissedV1(Event):
    """A client missed an appointment without an excuse (coaching). With the notice of legal consequences
    given, it is what a hearing (§ 24 SGB X) starts from; the reason of an excused absence never travels."""

    type = "de.lotse.coaching.appointment_missed.v1"
    topic = topics.CASES
    appointment_id: UUID
    client_id: UUID
    staff_id: str = Field(description="the staff member who held the appointment (the first of a team)")
    office_id: str
    starts_at: AwareDatetime
    appointment_date: date = Field(description="the local date (Europe/Berlin) of the missed appointment")
    notice_given: bool = Field(description="the written notice of legal consequences was given before (§ 32 SGB II)")
    notice_given_at: AwareDatetime | None = None
    consecutive_misses: int = Field(ge=1, description="this is the n-th missed appointment in a row (§ 7b Abs. 4)")


# Cohorts (coaching, #10): a cohort's own facts are keyed by the cohort (no client); a member's by the client.
CohortOutcome = Literal["in_work", "in_training", "continuing", "dropped_out"]


class CohortOpenedV1(Event):
    """A cohort of a programme was opened with its dates and weekly sessions (coaching); its timer starts."""

    type = "de.lotse.coaching.cohort_opened.v1"
    topic = topics.CASES
    cohort_id: UUID
    program_id: str
    office_id: str
    starts_on: date
    ends_on: date = Field(description="the start plus the programme's duration: the cohort closes on this day")
    capacity: int
    series_id: UUID | None = Field(None, description="the weekly group-session series of its meetings")
    opened_at: AwareDatetime

    def partition_key(self) -> str:
        return str(self.cohort_id)


class CohortJoinedV1(Event):
    """A client's participation joined a cohort (coaching)."""

    type = "de.lotse.coaching.cohort_joined.v1"
    topic = topics.CASES
    cohort_id: UUID
    client_id: UUID
    participation_id: UUID
    office_id: str
    joined_on: date


class CohortOutcomeRecordedV1(Event):
    """What became of a cohort member, with the day it happened (coaching)."""

    type = "de.lotse.coaching.cohort_outcome_recorded.v1"
    topic = topics.CASES
    cohort_id: UUID
    client_id: UUID
    participation_id: UUID
    office_id: str
    outcome: CohortOutcome
    outcome_on: date
    recorded_at: AwareDatetime


class CohortClosedV1(Event):
    """A cohort closed at its end: its still-current participations ended `completed` (coaching)."""

    type = "de.lotse.coaching.cohort_closed.v1"
    topic = topics.CASES
    cohort_id: UUID
    program_id: str
    office_id: str
    closed_on: date
    members: int
    outcomes_missing: int = Field(description="members without an outcome at the close")
    closed_at: AwareDatetime

    def partition_key(self) -> str:
        return str(self.cohort_id)


# Referrals (coaching, #10: § 16a SGB II): ids, a status code and dates. The kind (Nr. 1–4) never travels: Nr. 3
# psychosocial care and Nr. 4 addiction counselling reveal health and addiction (GDPR Art. 9), and a kind carried
# only for Nr. 1/2 would tell the others by its absence. No obstacle either (it would name the same). Who needs the
# kind reads the referral from coaching's API, as one of its readers, audited.
ReferralStatusCode = Literal[
    "proposed", "referred", "first_appointment_held", "in_progress", "completed", "broken_off", "declined"
]


class ReferralMadeV1(Event):
    """Staff proposed or made a § 16a referral for a client (coaching)."""

    type = "de.lotse.coaching.referral_made.v1"
    topic = topics.CASES
    referral_id: UUID
    client_id: UUID
    office_id: str
    status: ReferralStatusCode = Field(description="proposed or referred")
    status_on: date
    follow_up_on: date | None = None
    made_at: AwareDatetime


class ReferralStatusChangedV1(Event):
    """A § 16a referral moved on: first appointment held, in progress, completed, broken off or declined (coaching)."""

    type = "de.lotse.coaching.referral_status_changed.v1"
    topic = topics.CASES
    referral_id: UUID
    client_id: UUID
    office_id: str
    previous_status: ReferralStatusCode
    status: ReferralStatusCode
    status_on: date
    changed_at: AwareDatetime


class JobSearchOpenedV1(Event):
    """Placement opened a job search for a client declared ready for placement."""

    type = "de.lotse.placement.job_search_opened.v1"
    topic = topics.EMPLOYMENTS
    client_id: UUID
    search_id: UUID
    opened_at: AwareDatetime


class ProposalMadeV1(Event):
    """Placement proposed a vacancy that meets every hard constraint of the client."""

    type = "de.lotse.placement.proposal_made.v1"
    topic = topics.EMPLOYMENTS
    client_id: UUID
    proposal_id: UUID
    vacancy_id: UUID
    proposed_at: AwareDatetime


class EmploymentStartedV1(Event):
    """An employment started (placement) — consumed by benefits systems for § 11b offsets."""

    type = "de.lotse.placement.employment_started.v1"
    topic = topics.EMPLOYMENTS
    client_id: UUID
    employment_id: UUID
    employer_id: UUID
    start_date: date
    weekly_hours: Annotated[Decimal, Field(gt=0, le=60, decimal_places=2)]
    gross_monthly_pay: Euros
    net_monthly_pay: Euros
    first_pay_date: date
    subject_to_social_insurance: bool
    apprenticeship: bool = False
    vacancy_id: UUID | None = None
    employment_kind: EmploymentKind | None = Field(
        None, description="the kind of work (§ 5 Kennzahlen-Verordnung); null in events from before it was recorded"
    )


class EmploymentEndedV1(Event):
    """An employment ended (placement)."""

    type = "de.lotse.placement.employment_ended.v1"
    topic = topics.EMPLOYMENTS
    client_id: UUID
    employment_id: UUID
    end_date: date
    reason: str


class EmploymentConfirmedV1(Event):
    """The employment continued through a whole month (K2E3 evidence)."""

    type = "de.lotse.placement.employment_confirmed.v1"
    topic = topics.EMPLOYMENTS
    client_id: UUID
    employment_id: UUID
    month: Month
    gross_pay: Euros
    net_pay: Euros


# The pipeline to the hire and support after it (placement, #12): ids, dates and codes; notes stay in placement.
InterviewOutcome = Literal["positive", "negative", "no_show"]
ProposalClosedAs = Literal["rejected", "withdrawn"]
# Codes of why a proposal closed (CloseReason in placement's domain/pipeline.py).
ProposalCloseReason = Literal[
    "employer_chose_another",
    "qualification_mismatch",
    "position_filled",
    "no_show",
    "offer_declined",
    "other_job_found",
    "client_unavailable",
    "other",
]
FeedbackRating = Literal["positive", "neutral", "negative"]
# Codes of why a job is at risk (RiskReason in placement's domain/aftercare.py).
JobRiskReason = Literal["absences", "conflict_at_work", "probation_doubts", "childcare", "mobility", "other"]


class _PipelineStepV1(Event):
    topic = topics.EMPLOYMENTS
    client_id: UUID
    proposal_id: UUID
    vacancy_id: UUID


class ApplicationSentV1(_PipelineStepV1):
    """The client applied for a proposed vacancy."""

    type = "de.lotse.placement.application_sent.v1"
    sent_on: date


class InterviewScheduledV1(_PipelineStepV1):
    """The employer invited the client to an interview."""

    type = "de.lotse.placement.interview_scheduled.v1"
    interview_on: date


class InterviewHeldV1(_PipelineStepV1):
    """The interview took place (or the client did not come)."""

    type = "de.lotse.placement.interview_held.v1"
    held_on: date
    outcome: InterviewOutcome


class OfferMadeV1(_PipelineStepV1):
    """The employer offered the client the job; the hire follows as `employment_started.v1`."""

    type = "de.lotse.placement.offer_made.v1"
    offered_on: date


class ProposalClosedV1(_PipelineStepV1):
    """The proposal ended without a hire: rejected by the employer or withdrawn by the client."""

    type = "de.lotse.placement.proposal_closed.v1"
    closed_on: date
    closed_as: ProposalClosedAs
    reason: ProposalCloseReason


class EmployerFeedbackRecordedV1(Event):
    """After a hire, the employer told placement how it goes; a negative rating warns that the job is at risk."""

    type = "de.lotse.placement.employer_feedback_recorded.v1"
    topic = topics.EMPLOYMENTS
    client_id: UUID
    employment_id: UUID
    feedback_id: UUID
    given_on: date
    rating: FeedbackRating


class JobAtRiskReportedV1(Event):
    """Placement staff warn that a client's new job is at risk (early warning after the hire)."""

    type = "de.lotse.placement.job_at_risk_reported.v1"
    topic = topics.EMPLOYMENTS
    client_id: UUID
    employment_id: UUID
    report_id: UUID
    reported_on: date
    reason: JobRiskReason


# Employers and the hidden job market (placement, #12): ids and dates, no names. A visit's own facts are keyed by
# the visit (a group of clients); a guest's attendance and an internship by the client.
CompanyVisitAttendance = Literal["invited", "attended", "absent"]
InternshipOutcome = Literal["hired", "offer", "not_suitable", "aborted"]


class CompanyVisitScheduledV1(Event):
    """A group of clients is to visit an employer on a day, within a programme (placement)."""

    type = "de.lotse.placement.company_visit_scheduled.v1"
    topic = topics.EMPLOYMENTS
    visit_id: UUID
    employer_id: UUID
    office_id: str
    program_id: str
    visit_on: date
    client_ids: list[UUID]
    scheduled_at: AwareDatetime

    def partition_key(self) -> str:
        return str(self.visit_id)


class CompanyVisitAttendanceRecordedV1(Event):
    """Whether a client came to a company visit (placement)."""

    type = "de.lotse.placement.company_visit_attendance_recorded.v1"
    topic = topics.EMPLOYMENTS
    visit_id: UUID
    client_id: UUID
    attendance: CompanyVisitAttendance
    recorded_at: AwareDatetime


class InternshipArrangedV1(Event):
    """An internship or work trial at an employer was arranged for a client (§ 45 SGB III; placement)."""

    type = "de.lotse.placement.internship_arranged.v1"
    topic = topics.EMPLOYMENTS
    internship_id: UUID
    client_id: UUID
    employer_id: UUID
    office_id: str
    program_id: str
    kind: Literal["internship", "work_trial"]
    starts_on: date
    ends_on: date


class InternshipEndedV1(Event):
    """What came of an internship, with the day (placement)."""

    type = "de.lotse.placement.internship_ended.v1"
    topic = topics.EMPLOYMENTS
    internship_id: UUID
    client_id: UUID
    employer_id: UUID
    outcome: InternshipOutcome
    outcome_on: date


class MemberShareV1(BaseModel):
    """One registered member's part of a household's monthly entitlement by need shares (Bedarfsanteilsmethode,
    § 9 Abs. 2 S. 3 SGB II), split as K1 needs it (§ 4 KennzV): ids and amounts only."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    client_id: UUID
    subsistence_amount: Euros = Field(description="Lebensunterhalt (§§ 20, 21, 23 SGB II) of the member's share")
    housing_amount: Euros = Field(description="Unterkunft und Heizung (§ 22 SGB II) of the member's share")


class EntitlementGrantedV1(Event):
    """A household was granted benefits for an approval period (§ 41 Abs. 3 SGB II)."""

    type = "de.lotse.benefits.entitlement_granted.v1"
    topic = topics.ENTITLEMENTS
    household_id: UUID
    decision_id: UUID
    client_ids: list[UUID] = Field(default_factory=list)
    period_start: Month
    period_end: Month
    monthly_entitlement: Euros
    provisional: bool = False
    subsistence_amount: Euros | None = Field(
        None, description="of the monthly entitlement: Lebensunterhalt (§§ 20, 21, 23 SGB II), for K1 (§ 4 KennzV)"
    )
    housing_amount: Euros | None = Field(
        None, description="of the monthly entitlement: Unterkunft und Heizung (§ 22 SGB II), for K1 (§ 4 KennzV)"
    )
    member_shares: list[MemberShareV1] = Field(
        default_factory=list,
        description="the registered members' parts of it (§ 9 Abs. 2 S. 3 SGB II), for K1 by sex and programme; "
        "members not registered (children entered in benefits only) are not listed; empty in older events",
    )


class EntitlementChangedV1(Event):
    """A change decision altered a household's monthly entitlement (benefits)."""

    type = "de.lotse.benefits.entitlement_changed.v1"
    topic = topics.ENTITLEMENTS
    household_id: UUID
    decision_id: UUID
    effective_month: Month
    monthly_entitlement: Euros
    previous_monthly_entitlement: Euros
    reason: str
    client_ids: list[UUID] = Field(default_factory=list, description="the household's members, so journeys hear it")
    employment_id: UUID | None = Field(None, description="the employment that caused the change, if any")
    subsistence_amount: Euros | None = Field(
        None, description="of the monthly entitlement: Lebensunterhalt (§§ 20, 21, 23 SGB II), for K1 (§ 4 KennzV)"
    )
    housing_amount: Euros | None = Field(
        None, description="of the monthly entitlement: Unterkunft und Heizung (§ 22 SGB II), for K1 (§ 4 KennzV)"
    )
    member_shares: list[MemberShareV1] = Field(
        default_factory=list,
        description="the registered members' parts of it (§ 9 Abs. 2 S. 3 SGB II), for K1 by sex and programme; "
        "members not registered (children entered in benefits only) are not listed; empty in older events",
    )


class EntitlementEndedV1(Event):
    """The household no longer needs benefits, e.g. its income covers the need."""

    type = "de.lotse.benefits.entitlement_ended.v1"
    topic = topics.ENTITLEMENTS
    household_id: UUID
    decision_id: UUID
    effective_month: Month
    income_covers_need: bool
    reason: str
    client_ids: list[UUID] = Field(default_factory=list, description="the household's members, so journeys hear it")
    employment_id: UUID | None = Field(None, description="the employment that caused the end, if any")


class PaymentOrderedV1(Event):
    """A month's entitlement was ordered for payment, exactly once per (household, month)."""

    type = "de.lotse.benefits.payment_ordered.v1"
    topic = topics.PAYMENTS
    payment_id: UUID
    run_id: str
    household_id: UUID
    office_id: str
    month: Month
    amount: Euros


class ReductionDeterminedV1(Event):
    """A reduction was determined after a hearing (§§ 31a, 32, 7b Abs. 4 SGB II) by an authorised person (benefits).

    Ids, months and amounts only: the incident's facts and the person's statement stay in the hearing."""

    type = "de.lotse.benefits.reduction_determined.v1"
    topic = topics.ENTITLEMENTS
    household_id: UUID
    reduction_id: UUID
    client_id: UUID
    first_month: Month
    months: int | None = Field(None, description="duration in months; None: until the person reports in person")
    percent: Decimal = Field(description="of the person's Regelbedarf (§ 20 SGB II); 100 under § 7b Abs. 4")
    monthly_reduction: Euros = Field(description="withdrawn from the household's payment in the first month")
    decision_id: UUID | None = Field(None, description="the change decision it led to; None: the amount did not change")
    client_ids: list[UUID] = Field(default_factory=list, description="the household's members, so journeys hear it")


class ReductionLiftedV1(Event):
    """A reduction was lifted by staff (§ 31a Abs. 1 S. 2, § 7b Abs. 4 S. 3 SGB II) or its period ran out (benefits)."""

    type = "de.lotse.benefits.reduction_lifted.v1"
    topic = topics.ENTITLEMENTS
    household_id: UUID
    reduction_id: UUID
    client_id: UUID
    lifted_from: Month
    decision_id: UUID | None = Field(None, description="the change decision it led to; None: the amount did not change")
    client_ids: list[UUID] = Field(default_factory=list, description="the household's members, so journeys hear it")
    lifted_on_day: date | None = Field(
        None,
        description="a period by days (a Sperrzeit, § 31b Abs. 1 S. 2): the day it is lifted from, inside the month"
        " `lifted_from`; None: lifted from that month's first day",
    )


EVENT_TYPES: dict[str, type[Event]] = {
    cls.type: cls
    for cls in (
        ClientRegisteredV1,
        ClientMergedV1,
        ClientMovedV1,
        CaseAssignedV1,
        ParticipationStartedV1,
        ParticipationEndedV1,
        ContactRecordedV1,
        CooperationPlanAgreedV1,
        ReadyForPlacementV1,
        AppointmentAttendedV1,
        AppointmentMissedV1,
        CohortOpenedV1,
        CohortJoinedV1,
        CohortOutcomeRecordedV1,
        CohortClosedV1,
        ReferralMadeV1,
        ReferralStatusChangedV1,
        JobSearchOpenedV1,
        ProposalMadeV1,
        EmploymentStartedV1,
        EmploymentEndedV1,
        EmploymentConfirmedV1,
        ApplicationSentV1,
        InterviewScheduledV1,
        InterviewHeldV1,
        OfferMadeV1,
        ProposalClosedV1,
        EmployerFeedbackRecordedV1,
        JobAtRiskReportedV1,
        CompanyVisitScheduledV1,
        CompanyVisitAttendanceRecordedV1,
        InternshipArrangedV1,
        InternshipEndedV1,
        EntitlementGrantedV1,
        EntitlementChangedV1,
        EntitlementEndedV1,
        PaymentOrderedV1,
        ReductionDeterminedV1,
        ReductionLiftedV1,
    )
}


def event_class(event_type: str) -> type[Event]:
    """The model of a CloudEvents type; KeyError for a type nobody published."""
    return EVENT_TYPES[event_type]

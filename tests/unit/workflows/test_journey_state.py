"""The journey's pure state machine (K2E3: employed in each of the 6 months after the start, § 48a SGB II)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

from contracts.events import (
    CaseAssignedV1,
    EmploymentConfirmedV1,
    EmploymentEndedV1,
    EmploymentStartedV1,
    ReadyForPlacementV1,
)
from workflows.journey.state import JourneyState, Stage, apply

NOW = datetime(2026, 11, 21, tzinfo=UTC)
CLIENT = uuid4()


def fact(state: JourneyState, event) -> bool:
    return apply(state, uuid4(), event, NOW)


def employed(job: UUID, subject_to_social_insurance: bool = True) -> EmploymentStartedV1:
    return EmploymentStartedV1(client_id=CLIENT, employment_id=job, employer_id=uuid4(), start_date=date(2026, 1, 5),
                               weekly_hours=Decimal(30), gross_monthly_pay=Decimal(2000),
                               net_monthly_pay=Decimal(1500), first_pay_date=date(2026, 1, 30),
                               subject_to_social_insurance=subject_to_social_insurance)


def confirmed(job: UUID, month: int) -> EmploymentConfirmedV1:
    return EmploymentConfirmedV1(client_id=CLIENT, employment_id=job, month=date(2026, month, 1),
                                 gross_pay=Decimal(2000), net_pay=Decimal(1500))


def in_job_search() -> JourneyState:
    state = JourneyState(client_id=CLIENT)
    fact(state, CaseAssignedV1(client_id=CLIENT, case_worker_id="cm-1", office_id="plon", assigned_at=NOW))
    fact(state, ReadyForPlacementV1(client_id=CLIENT, case_worker_id="cm-1", declared_at=NOW))
    return state


def test_assignment_and_readiness_move_the_client_from_coaching_to_job_search():
    state = in_job_search()
    assert state.stage is Stage.JOB_SEARCH
    assert [c.stage for c in state.history] == [Stage.COACHING, Stage.JOB_SEARCH]


def test_six_confirmed_months_make_the_employment_sustained():
    state, job = in_job_search(), uuid4()
    fact(state, employed(job))
    for month in range(2, 7):
        fact(state, confirmed(job, month))
    assert state.stage is Stage.EMPLOYED
    fact(state, confirmed(job, 7))
    assert state.stage is Stage.SUSTAINED


def test_the_same_month_confirmed_twice_counts_once():
    state, job = in_job_search(), uuid4()
    fact(state, employed(job))
    for _ in range(6):
        fact(state, confirmed(job, 2))
    assert state.stage is Stage.EMPLOYED and len(state.confirmed_months) == 1


def test_an_employment_ending_within_six_months_sends_the_client_back_to_coaching():
    state, job = in_job_search(), uuid4()
    fact(state, employed(job))
    fact(state, EmploymentEndedV1(client_id=CLIENT, employment_id=job, end_date=date(2026, 4, 30), reason="ended"))
    assert state.stage is Stage.COACHING and state.relapses == 1


def test_a_redelivered_fact_changes_nothing():
    state, job = in_job_search(), uuid4()
    event_id = uuid4()
    assert apply(state, event_id, employed(job), NOW)
    ended = EmploymentEndedV1(client_id=CLIENT, employment_id=job, end_date=date(2026, 2, 1), reason="ended")
    end_id = uuid4()
    assert apply(state, end_id, ended, NOW)
    assert not apply(state, end_id, ended, NOW)
    assert state.relapses == 1


def test_employment_not_subject_to_social_insurance_is_no_integration():
    state = in_job_search()
    fact(state, employed(uuid4(), subject_to_social_insurance=False))
    assert state.stage is Stage.JOB_SEARCH

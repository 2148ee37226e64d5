"""The journey's pure state machine: which fact moves which stage (K2E3: employed in each of the 6 months
after the start, § 48a SGB II), what is only remembered, and what a redelivery changes (nothing)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from contracts.events import PaymentOrderedV1
from tests.unit.workflows.journey_facts import (
    CLIENT,
    HOUSEHOLD,
    JOB,
    NOW,
    assigned,
    benefits_ended,
    changed,
    confirmed,
    contact,
    ended,
    fact,
    granted,
    hired,
    journey_in,
    months_after_start,
    plan,
    proposal,
    ready,
    registered,
    samples,
    search_opened,
)
from workflows.hearing.models import HearingNews
from workflows.journey.describe import details
from workflows.journey.facts import HEARD
from workflows.journey.state import EntryKind, JourneyState, Stage, apply, hear_hearing

S = Stage

TRANSITIONS = [
    # (stage before, fact, stage after)
    (S.REGISTERED, assigned(), S.COACHING),
    (S.REGISTERED, ready(), S.REGISTERED),
    (S.REGISTERED, hired(), S.EMPLOYED),
    (S.COACHING, ready(), S.JOB_SEARCH),
    (S.COACHING, search_opened(), S.JOB_SEARCH),
    (S.COACHING, contact(), S.COACHING),
    (S.COACHING, plan(), S.COACHING),
    (S.COACHING, hired(), S.EMPLOYED),
    (S.COACHING, hired(insured=False), S.COACHING),
    (S.JOB_SEARCH, proposal(), S.JOB_SEARCH),
    (S.JOB_SEARCH, hired(), S.EMPLOYED),
    (S.JOB_SEARCH, assigned("cm-2"), S.JOB_SEARCH),
    (S.EMPLOYED, ended(), S.COACHING),
    (S.EMPLOYED, ended(job=uuid4()), S.EMPLOYED),
    (S.EMPLOYED, confirmed(date(2026, 6, 1)), S.EMPLOYED),
    (S.EMPLOYED, benefits_ended(), S.EMPLOYED),
    (S.SUSTAINED, ended(), S.COACHING),
    (S.SUSTAINED, hired(job=uuid4()), S.SUSTAINED),
    (S.SUSTAINED, granted(), S.SUSTAINED),
]


@pytest.mark.parametrize(
    ("before", "event", "after"), TRANSITIONS, ids=[f"{b}-{type(e).__name__}-{a}" for b, e, a in TRANSITIONS]
)
def test_a_fact_moves_the_journey_as_the_table_says(before, event, after):
    state = journey_in(before)
    fact(state, event)
    assert state.stage is after


def test_six_confirmed_months_after_the_start_make_the_employment_sustained():
    state = journey_in(Stage.EMPLOYED)
    for month in months_after_start(5):
        fact(state, confirmed(month))
    assert state.stage is Stage.EMPLOYED
    fact(state, confirmed(date(2026, 11, 1)), at=NOW + timedelta(days=200))
    assert state.stage is Stage.SUSTAINED and state.sustained_at == NOW + timedelta(days=200)


def test_the_month_of_the_start_and_the_same_month_twice_count_not():
    state = journey_in(Stage.EMPLOYED)
    fact(state, confirmed(date(2026, 5, 1)))
    for _ in range(6):
        fact(state, confirmed(date(2026, 6, 1)))
    assert state.stage is Stage.EMPLOYED and state.confirmed_months == [date(2026, 6, 1)]


def test_an_employment_ending_within_six_months_sends_the_client_back_to_coaching_and_restarts_the_cadence():
    state = journey_in(Stage.EMPLOYED)
    later = NOW + timedelta(days=90)
    fact(state, ended(), at=later)
    assert state.stage is Stage.COACHING and state.relapses == 1 and state.employment_id is None
    assert state.contact_anchor_at == later and state.contact_overdue_raised == 0


def test_a_redelivered_fact_changes_nothing():
    state = journey_in(Stage.EMPLOYED)
    end_id = uuid4()
    assert apply(state, end_id, ended(), NOW)
    assert not apply(state, end_id, ended(), NOW)
    assert state.relapses == 1


def test_the_assignment_starts_the_contact_cadence_and_the_plan_review():
    state = journey_in(Stage.REGISTERED)
    fact(state, assigned(), at=NOW)
    assert (state.case_worker_id, state.program_id) == ("cm-1", "standard")
    assert state.contact_anchor_at == NOW and state.plan_anchor_at == NOW


def test_a_contact_resets_the_cadence_on_workflow_time_not_on_the_business_date():
    state = journey_in(Stage.COACHING)
    state.contact_overdue_raised = 2
    arrival = NOW + timedelta(days=75)
    fact(state, contact(), at=arrival)
    assert state.contact_anchor_at == arrival and state.contact_overdue_raised == 0
    assert state.last_contact_at == contact().occurred_at


def test_an_agreed_plan_sets_its_review_due_as_a_span_from_the_fact_arrival():
    state = journey_in(Stage.COACHING)
    state.plan_reviews_raised = 1
    arrival = NOW + timedelta(days=10)
    fact(state, plan(agreed=NOW, review_due=date(2027, 5, 21)), at=arrival)
    assert state.plan_anchor_at == arrival and state.plan_reviews_raised == 0
    assert state.plan_review_after_days == (date(2027, 5, 21) - NOW.date()).days
    assert state.history[-1].kind is EntryKind.FACT


def test_benefits_ending_because_income_covers_the_need_flags_independence_and_a_new_grant_clears_it():
    state = journey_in(Stage.EMPLOYED)
    fact(state, benefits_ended(income_covers_need=False))
    assert not state.independent_of_benefits
    fact(state, benefits_ended(income_covers_need=True))
    assert state.independent_of_benefits
    fact(state, granted())
    assert not state.independent_of_benefits


def test_benefit_decisions_are_recorded_in_the_history_without_moving_the_journey():
    state = journey_in(Stage.EMPLOYED)
    fact(state, granted())
    fact(state, changed())
    notes = [entry for entry in state.history if entry.kind is EntryKind.FACT]
    assert [n.because.split(" ")[1] for n in notes] == ["granted", "changed"]
    assert state.stage is Stage.EMPLOYED


def test_a_benefits_fact_for_another_member_of_the_household_changes_nothing():
    state = journey_in(Stage.EMPLOYED)
    fact(state, benefits_ended(clients=[uuid4()]))
    assert not state.independent_of_benefits and state.history[-1].kind is EntryKind.STAGE


def test_proposals_are_counted_and_remembered():
    state = journey_in(Stage.JOB_SEARCH)
    fact(state, proposal())
    fact(state, proposal())
    assert state.proposals == 2 and state.history[-1].because.startswith("vacancy")


def test_a_closed_journey_ignores_every_further_fact():
    state = journey_in(Stage.COACHING)
    state.stage = Stage.CLOSED
    assert fact(state, hired())
    assert state.stage is Stage.CLOSED and state.employment_id is None


def test_a_state_carried_over_from_the_first_version_still_loads():
    first_version = {
        "client_id": str(CLIENT),
        "stage": "employed",
        "employment_id": str(JOB),
        "confirmed_months": ["2026-06-01"],
        "relapses": 0,
        "history": [{"stage": "coaching", "at": NOW.isoformat(), "because": "case manager assigned"}],
        "seen_event_ids": [],
    }
    state = JourneyState.model_validate(first_version)
    assert state.history[0].kind is EntryKind.STAGE and state.contact_interval_days is None
    fact(state, registered())
    assert state.office_id == "lutjenburg"


def test_a_case_handed_over_in_coaching_is_remembered():
    state = journey_in(Stage.JOB_SEARCH)
    fact(state, assigned("cm-2"))
    fact(state, assigned("cm-2"))
    handed = [entry.because for entry in state.history if entry.kind is EntryKind.FACT]
    assert state.case_worker_id == "cm-2" and handed == ["coaching handed the case from cm-1 to cm-2"]


def test_the_journey_acts_on_every_fact_on_its_list_and_the_tests_sample_each_of_them():
    assert set(samples()) == set(HEARD), "workflows/journey/facts.py and tests' samples() differ"
    for event_type, (stage, event) in samples().items():
        state = journey_in(stage) if stage is not None else JourneyState(client_id=CLIENT)
        before = state.model_dump(exclude={"seen_event_ids"})
        assert fact(state, event)
        assert state.model_dump(exclude={"seen_event_ids"}) != before, f"{event_type.__name__} changed nothing"


def test_an_event_off_the_list_is_remembered_as_seen_and_changes_nothing_else():
    state = journey_in(Stage.COACHING)
    before = state.model_dump(exclude={"seen_event_ids"})
    payment = PaymentOrderedV1(
        payment_id=uuid4(),
        run_id="payments-2026-11",
        household_id=HOUSEHOLD,
        office_id="lutjenburg",
        month=date(2026, 11, 1),
        amount=Decimal("563.00"),
    )
    assert fact(state, payment)
    assert state.model_dump(exclude={"seen_event_ids"}) == before and len(state.seen_event_ids) == 3


def test_a_hearing_is_open_in_the_journey_from_its_opening_to_its_closing_and_news_told_twice_count_once():
    """§ 24 SGB X: the hearing tells the journey (signal `hearing`, patch `journey-hearings`); ids only."""
    state, incident, at = JourneyState(client_id=uuid4()), uuid4(), NOW
    assert hear_hearing(state, HearingNews(incident_id=incident, open=True), at)
    assert not hear_hearing(state, HearingNews(incident_id=incident, open=True), at)
    assert state.hearings_open == [incident]
    assert hear_hearing(state, HearingNews(incident_id=incident, open=False), at)
    assert not hear_hearing(state, HearingNews(incident_id=incident, open=False), at)
    assert state.hearings_open == []
    assert [e.because for e in state.history] == [f"hearing {incident} opened", f"hearing {incident} closed"]


def test_the_journeys_details_count_its_open_hearings():
    state = JourneyState(client_id=uuid4(), stage=Stage.COACHING, case_worker_id="cm-7")
    assert details(state, []) == "In coaching with case manager cm-7."
    hear_hearing(state, HearingNews(incident_id=uuid4(), open=True), NOW)
    assert details(state, []) == "In coaching with case manager cm-7; 1 hearing(s) open (§ 24 SGB X)."

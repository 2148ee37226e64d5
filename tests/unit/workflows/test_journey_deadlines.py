"""When the journey must act next: policy durations, deadlines per stage, steps stable per occurrence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.unit.workflows.journey_facts import NOW, benefits_ended, contact, fact, journey_in, plan
from workflows.journey import outcomes
from workflows.journey.deadlines import DueKind, month_after, next_due, upcoming
from workflows.journey.describe import details, doing
from workflows.journey.policy import REAL_MONTH_SECONDS, JourneyPolicy
from workflows.journey.state import Stage

REAL = JourneyPolicy()
DEMO = JourneyPolicy.compressed(6.0)  # a month of six seconds


def kinds(state, policy=REAL, now=NOW) -> dict[DueKind, object]:
    return {due.kind: due.at for due in upcoming(state, policy, now)}


def in_coaching(interval_days: int = 30):
    state = journey_in(Stage.REGISTERED)
    outcomes.assigned(state, "cm-1", "standard", interval_days, NOW)
    return state


def test_the_real_policy_has_months_of_thirty_days_and_the_demo_compresses_them():
    assert REAL.months(1) == timedelta(days=30) and REAL.seconds_per_month == REAL_MONTH_SECONDS
    assert DEMO.months(6) == timedelta(seconds=36)
    assert DEMO.contact_interval(7) == timedelta(seconds=1.4)
    assert DEMO.contact_interval(None) == DEMO.months(1)
    assert JourneyPolicy.compressed(None) == REAL


def test_a_registered_journey_asks_for_an_assignment_now_or_when_coaching_had_no_capacity():
    state = journey_in(Stage.REGISTERED)
    assert next_due(state, REAL, NOW).kind is DueKind.ASSIGNMENT and next_due(state, REAL, NOW).at == NOW
    outcomes.assignment_postponed(state, "no capacity", NOW + REAL.assignment_retry, NOW)
    assert next_due(state, REAL, NOW).at == NOW + timedelta(days=7)


def test_in_coaching_the_contact_falls_due_after_the_programmes_interval_and_the_plan_after_six_months():
    state = in_coaching(interval_days=7)
    assert kinds(state) == {
        DueKind.CONTACT_OVERDUE: NOW + timedelta(days=7),
        DueKind.PLAN_REVIEW: NOW + timedelta(days=180),
    }


def test_each_missed_interval_is_its_own_due_with_its_own_step():
    state = in_coaching()
    first = next_due(state, REAL, NOW)
    outcomes.contact_overdue_raised(state, first.at, first.at, "raised")
    second = next_due(state, REAL, NOW)
    assert second.at == NOW + timedelta(days=60) and second.step != first.step
    assert first.step.startswith("contact-overdue/") and first.step.endswith("/1") and second.step.endswith("/2")


def test_a_contact_restarts_the_cadence_from_its_arrival():
    state = in_coaching()
    arrival = NOW + timedelta(days=45)
    outcomes.contact_overdue_raised(state, NOW + timedelta(days=30), NOW + timedelta(days=30), "raised")
    fact(state, contact(), at=arrival)
    assert kinds(state)[DueKind.CONTACT_OVERDUE] == arrival + timedelta(days=30)


def test_an_agreed_plan_moves_the_review_to_its_review_due_and_a_raised_review_repeats_six_months_later():
    state = in_coaching()
    fact(state, plan(agreed=NOW, review_due=date(2027, 5, 21)), at=NOW)
    due = kinds(state)[DueKind.PLAN_REVIEW]
    assert due == NOW + timedelta(days=(date(2027, 5, 21) - NOW.date()).days)
    outcomes.plan_review_raised(state, due, due, "raised")
    assert kinds(state)[DueKind.PLAN_REVIEW] == due + timedelta(days=180)


@pytest.mark.parametrize(
    ("start", "months"),
    [
        (date(2026, 5, 4), ["2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"]),
        (date(2026, 9, 1), ["2026-10-01", "2026-11-01", "2026-12-01", "2027-01-01", "2027-02-01", "2027-03-01"]),
    ],
)
def test_continuation_checks_cover_the_six_months_after_the_start(start, months):
    assert [month_after(start, n).isoformat() for n in range(1, 7)] == months


def test_an_employed_journey_requests_one_check_a_month_then_none():
    state = journey_in(Stage.EMPLOYED)
    requested = []
    while (due := next_due(state, DEMO, NOW)) is not None:
        requested.append((due.at - NOW, due.month))
        outcomes.continuation_check_requested(state, due.month, due.at, "open")
    assert requested == [(DEMO.months(n), month_after(date(2026, 5, 4), n)) for n in range(1, 7)]
    assert DueKind.CONTACT_OVERDUE not in kinds(state) and DueKind.PLAN_REVIEW not in kinds(state)


def test_a_sustained_journey_closes_after_the_grace_or_at_once_when_benefits_are_no_longer_needed():
    state = journey_in(Stage.SUSTAINED)
    assert kinds(state) == {DueKind.CLOSURE: NOW + REAL.close_grace}
    fact(state, benefits_ended(income_covers_need=True))
    assert kinds(state) == {DueKind.CLOSURE: NOW}


def test_a_closed_journey_has_nothing_due():
    state = journey_in(Stage.SUSTAINED)
    outcomes.closed(state, outcomes.SUSTAINED_EMPLOYMENT, NOW, "case closed")
    assert upcoming(state, REAL, NOW) == []


def test_the_details_name_the_case_manager_and_every_deadline_in_words():
    state = in_coaching()
    text = details(state, upcoming(state, REAL, NOW))
    assert text == (
        "In coaching with case manager cm-1 (programme standard); "
        "next contact due by 2026-12-21 09:00 UTC; plan review due 2027-05-20 09:00 UTC."
    )


def test_while_a_step_runs_the_details_say_what_the_journey_is_doing():
    state = journey_in(Stage.REGISTERED)
    assert doing(state, next_due(state, REAL, NOW)) == (
        "Registered; waiting for coaching to assign a case manager; now asking coaching to assign a case manager "
        "(due 2026-11-21 09:00 UTC)."
    )

"""The day the journey asks coaching to date the assignment on: the demo's calendar pinned to the registration day
(patch `journey-dated-assignment`), never after today, never before the registration; none on the real calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.unit.workflows.journey_facts import CLIENT, NOW, fact, registered
from workflows.journey.dating import assignment_day, within
from workflows.journey.policy import JourneyPolicy
from workflows.journey.state import JourneyState

DEMO = JourneyPolicy.compressed(20.0)  # a month of 20 s, as the demo's default
REAL = JourneyPolicy()
REGISTERED_ON = date(2025, 8, 4)


def dated_journey(registered_on: date | None = REGISTERED_ON, heard_at: datetime = NOW) -> JourneyState:
    state = JourneyState(client_id=CLIENT, dates_assignment=True)
    fact(state, registered().model_copy(update={"registered_on": registered_on}), heard_at)
    return state


def test_the_clamp_keeps_a_day_between_the_registration_and_today():
    today = date(2026, 12, 3)
    assert within(date(2026, 1, 10), REGISTERED_ON, today) == date(2026, 1, 10)
    assert within(date(2027, 2, 1), REGISTERED_ON, today) == today  # the calendar ran past the real today
    assert within(date(2025, 7, 1), REGISTERED_ON, today) == REGISTERED_ON
    assert within(date(2026, 12, 3), date(2026, 12, 4), today) == today  # a registration "tomorrow": today wins


def test_the_journey_keeps_the_registration_day_and_when_it_heard_it():
    state = dated_journey()
    assert (state.registered_on, state.registration_heard_at) == (REGISTERED_ON, NOW)
    fact(state, registered().model_copy(update={"registered_on": date(2025, 9, 1)}), NOW + timedelta(seconds=30))
    assert (state.registered_on, state.registration_heard_at) == (REGISTERED_ON, NOW), "a later fact moves no pin"


def test_an_older_registration_fact_gives_registered_at_s_day_in_berlin():
    state = JourneyState(client_id=CLIENT, dates_assignment=True)
    late_evening = datetime(2025, 8, 3, 22, 30, tzinfo=UTC)  # 00:30 on 4 August in Berlin (CEST)
    fact(state, registered().model_copy(update={"registered_at": late_evening, "registered_on": None}))
    assert state.registered_on == REGISTERED_ON


def test_without_the_patch_the_journey_keeps_no_pin_and_dates_nothing():
    state = JourneyState(client_id=CLIENT)
    fact(state, registered().model_copy(update={"registered_on": REGISTERED_ON}))
    assert state.registered_on is None and state.registration_heard_at is None
    assert assignment_day(state, DEMO, NOW) is None


def test_the_assignment_is_dated_on_the_calendar_pinned_to_the_registration():
    state = dated_journey()
    assert assignment_day(state, DEMO, NOW) == REGISTERED_ON
    assert assignment_day(state, DEMO, NOW + timedelta(seconds=0.5)) == REGISTERED_ON  # 18:00 on the 4th
    assert assignment_day(state, DEMO, NOW + timedelta(seconds=1)) == date(2025, 8, 5)  # 12:00 on the 5th
    # Asked again after a week of no capacity (7 calendar days = 4.67 s of workflow time at 20 s a month).
    assert assignment_day(state, DEMO, NOW + DEMO.assignment_retry) == date(2025, 8, 11)
    assert assignment_day(state, DEMO, NOW + DEMO.months(3)) == date(2025, 11, 2)  # three months of 30 days


def test_never_after_the_real_today_even_when_the_calendar_runs_past_it():
    state = dated_journey(registered_on=NOW.date() - timedelta(days=10))
    assert assignment_day(state, DEMO, NOW + DEMO.months(2)) == (NOW + DEMO.months(2)).date()


def test_on_the_real_calendar_coaching_dates_the_assignment_today():
    state = dated_journey()
    assert assignment_day(state, REAL, NOW) is None


def test_a_journey_that_did_not_hear_the_registration_lets_coaching_date_it():
    assert assignment_day(JourneyState(client_id=CLIENT, dates_assignment=True), DEMO, NOW) is None


def test_continue_as_new_carries_the_pin():
    state = dated_journey()
    carried = JourneyState.model_validate(state.model_dump(mode="json"))
    assert (carried.registered_on, carried.registration_heard_at) == (REGISTERED_ON, NOW)
    assert assignment_day(carried, DEMO, NOW + DEMO.months(1)) == assignment_day(state, DEMO, NOW + DEMO.months(1))

"""The journey and a client's programme: participation facts keep `program_id` and the cadence current, and a
programme with a duration is a deadline that raises the end-of-programme task once."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

from tests.unit.workflows.journey_facts import NOW, enrolled, fact, journey_in, participation_ended
from workflows.journey import outcomes
from workflows.journey.deadlines import DueKind, upcoming
from workflows.journey.policy import JourneyPolicy
from workflows.journey.state import Stage

POLICY = JourneyPolicy()


def programme_end(state):
    return next((d for d in upcoming(state, POLICY, NOW) if d.kind is DueKind.PROGRAMME_END), None)


def test_an_enrolment_in_gemeinsam_sets_the_programme_the_cadence_and_its_end_eight_months_on():
    state = journey_in(Stage.COACHING)
    fact(state, enrolled("gemeinsam", planned_end=date(2027, 7, 21)))
    assert (state.program_id, state.contact_interval_days) == ("gemeinsam", 7)
    due = programme_end(state)
    assert due is not None and due.at == NOW + timedelta(days=(date(2027, 7, 21) - NOW.date()).days)
    assert due.step == f"programme-end/{state.participation_id}"


def test_an_open_ended_programme_raises_no_end_of_programme_task():
    state = journey_in(Stage.COACHING)
    fact(state, enrolled("joboffensive", planned_end=None))
    assert state.program_id == "joboffensive" and programme_end(state) is None


def test_the_end_of_programme_task_is_raised_once():
    state = journey_in(Stage.COACHING)
    fact(state, enrolled())
    outcomes.programme_end_raised(state, NOW, "task raised")
    assert programme_end(state) is None


def test_an_ended_participation_takes_its_deadline_and_puts_the_case_back_in_its_base_programme():
    state = journey_in(Stage.COACHING)
    fact(state, enrolled())
    fact(state, participation_ended("in_work", participation=uuid4()))  # another, older participation
    assert state.program_id == "gemeinsam" and programme_end(state) is not None
    fact(state, participation_ended("in_work"))
    assert (state.program_id, state.contact_interval_days, programme_end(state)) == ("standard", 30, None)


def test_a_closed_journey_has_no_programme_end_due():
    state = journey_in(Stage.SUSTAINED)
    fact(state, enrolled())
    assert programme_end(state) is None

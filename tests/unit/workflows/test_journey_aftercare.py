"""Support after the hire (seed 001: "from the job search through the application to the job — and after it"):
the journey keeps a cadence of post-hire contacts in `employed`, and warns when the job is at risk."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

from tests.unit.workflows.journey_facts import (
    JOB,
    NOW,
    confirmed,
    contact,
    fact,
    feedback,
    hired,
    job_at_risk,
    journey_in,
    months_after_start,
    pipeline_steps,
)
from workflows.journey import outcomes
from workflows.journey.deadlines import DueKind, missed_post_hire_contact, upcoming
from workflows.journey.describe import details
from workflows.journey.policy import JourneyPolicy
from workflows.journey.state import EntryKind, JourneyState, Stage

POLICY = JourneyPolicy()


def employed(supported: bool = True) -> JourneyState:
    state = journey_in(Stage.EMPLOYED)
    state.supports_after_hire = supported
    return state


def due(state: JourneyState, kind: DueKind, now=NOW):
    return next((d for d in upcoming(state, POLICY, now) if d.kind is kind), None)


def raise_contact(state: JourneyState) -> None:
    week = POLICY.post_hire_contact_weeks[state.post_hire_contacts_raised]
    outcomes.post_hire_contact_raised(state, week, missed_post_hire_contact(state, POLICY), NOW, "task raised")


def test_the_employed_journey_raises_a_post_hire_contact_in_each_week_of_the_policy():
    state = employed()
    seen = []
    while (step := due(state, DueKind.POST_HIRE_CONTACT)) is not None:
        seen.append((step.at - NOW, step.step))
        fact(state, contact(), at=step.at + timedelta(days=1))
        raise_contact(state)
    assert [at for at, _ in seen] == [timedelta(weeks=w) for w in (1, 4, 8, 12, 26)]
    assert [s for _, s in seen] == [f"post-hire-contact/{JOB}/{w}" for w in (1, 4, 8, 12, 26)]
    assert state.warnings_pending == []


def test_the_cadence_goes_on_in_sustained_and_stops_when_the_job_ends():
    state = employed()
    for month in months_after_start():
        fact(state, confirmed(month))
    assert state.stage is Stage.SUSTAINED and due(state, DueKind.POST_HIRE_CONTACT) is not None
    fact(state, contact())
    state.stage = Stage.COACHING
    assert due(state, DueKind.POST_HIRE_CONTACT) is None


def test_runs_recorded_before_the_patch_stay_quiet_in_employed():
    state = employed(supported=False)
    fact(state, feedback())
    assert due(state, DueKind.POST_HIRE_CONTACT) is None and due(state, DueKind.EARLY_WARNING) is None


def test_a_missed_post_hire_contact_is_an_early_warning_when_the_next_week_is_due():
    state = employed()
    raise_contact(state)  # week 1, and no contact since
    assert state.warnings_pending == []
    raise_contact(state)  # week 4
    assert state.warnings_pending == ["no contact since the post-hire contact of week 1"]
    warning = due(state, DueKind.EARLY_WARNING)
    assert warning is not None and warning.at == NOW and warning.step == f"job-at-risk/{JOB}/1"


def test_negative_feedback_and_a_staff_warning_raise_one_task_and_positive_feedback_none():
    state = employed()
    fact(state, feedback("positive"))
    assert due(state, DueKind.EARLY_WARNING) is None
    fact(state, feedback("negative"))
    fact(state, job_at_risk())
    assert len(state.warnings_pending) == 2
    outcomes.warnings_raised(state, 2, NOW, "task t-1 raised")
    assert state.warnings_pending == [] and due(state, DueKind.EARLY_WARNING) is None
    assert "job at risk (negative feedback" in state.history[-1].because
    assert "job at risk: task due" not in details(state, upcoming(state, POLICY, NOW))


def test_warnings_about_another_employment_are_ignored():
    state = employed()
    fact(state, job_at_risk(job=uuid4()))
    assert state.warnings_pending == []


def test_a_new_employment_starts_its_own_cadence():
    state = employed()
    raise_contact(state)
    fact(state, feedback())
    state.stage = Stage.JOB_SEARCH
    fact(state, hired(job=uuid4()))
    assert state.post_hire_contacts_raised == 0 and state.warnings_pending == []


def test_the_journey_notes_each_step_of_the_pipeline():
    state = journey_in(Stage.JOB_SEARCH)
    for step in pipeline_steps():
        fact(state, step)
    notes = [e.because for e in state.history if e.kind is EntryKind.FACT][-5:]
    assert [n.split(": ", 1)[1].split(" ")[0] for n in notes] == [
        "application",
        "interview",
        "interview",
        "offer",
        "withdrawn",
    ]
    assert state.stage is Stage.JOB_SEARCH

"""Staff requests a journey refuses before anything is written, and what its own steps record."""

from __future__ import annotations

import pytest

from tests.unit.workflows.journey_facts import NOW, journey_in
from workflows.journey import outcomes
from workflows.journey.outcomes import ExitReason
from workflows.journey.state import EntryKind, Stage


@pytest.mark.parametrize("stage", list(Stage)[:-1])
def test_an_open_journey_may_be_exited(stage):
    assert outcomes.exit_refusal(journey_in(stage)) is None


def test_exit_is_refused_when_the_journey_is_closed_or_already_closing():
    state = journey_in(Stage.COACHING)
    outcomes.exit_requested(state, ExitReason.MOVED_AWAY, NOW)
    assert outcomes.exit_refusal(state).status == 409
    outcomes.closed(state, "moved_away", NOW, "case closed")
    refusal = outcomes.exit_refusal(state)
    assert refusal.status == 409 and "closed" in refusal.reason


@pytest.mark.parametrize(
    ("stage", "status"),
    [
        (Stage.REGISTERED, 409),
        (Stage.COACHING, None),
        (Stage.JOB_SEARCH, None),
        (Stage.EMPLOYED, None),
        (Stage.SUSTAINED, 409),
    ],
)
def test_the_case_manager_may_change_only_while_the_client_is_supported(stage, status):
    refusal = outcomes.case_worker_change_refusal(journey_in(stage), "cm-9")
    assert (refusal.status if refusal else None) == status


def test_handing_the_case_to_the_same_person_is_refused_naming_the_field():
    refusal = outcomes.case_worker_change_refusal(journey_in(Stage.COACHING), "cm-1")
    assert (refusal.status, refusal.field) == (422, "case_worker_id")


def test_a_change_of_case_manager_is_recorded_as_a_step():
    state = journey_in(Stage.JOB_SEARCH)
    outcomes.case_worker_changed(state, "cm-9", "parental leave", NOW)
    assert state.case_worker_id == "cm-9" and state.stage is Stage.JOB_SEARCH
    assert state.history[-1].kind is EntryKind.STEP and "cm-1 to cm-9" in state.history[-1].because


def test_closing_records_the_reason_and_the_last_stage_change():
    state = journey_in(Stage.SUSTAINED)
    outcomes.closed(state, outcomes.SUSTAINED_EMPLOYMENT, NOW, "case closed")
    assert state.closed and state.closed_reason == "sustained_employment"
    assert state.history[-1].stage is Stage.CLOSED

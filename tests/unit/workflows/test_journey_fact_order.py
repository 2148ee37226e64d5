"""Facts about one step travel on different paths, so the journey sees them in any order.

Coaching's `ready_for_placement` goes out on the cases topic; placement answers it with
`job_search_opened` on the employments topic, after its own consumer and outbox relay. A hire
and its end may overtake that answer: the journey must not let a job search opened for a
readiness from before the employment move a client who is back in coaching — the flaky
relapse test in tests/integration/test_journey_bridge.py saw exactly this order.
"""

from __future__ import annotations

import itertools

import pytest

from tests.unit.workflows.journey_facts import ended, fact, hired, journey_in, ready, search_opened
from workflows.journey.state import EntryKind, Stage


def test_a_job_search_opened_for_a_readiness_before_the_relapse_leaves_the_client_in_coaching():
    state = journey_in(Stage.COACHING)
    for event in (ready(), hired(), ended(), search_opened()):
        fact(state, event)
    assert state.stage is Stage.COACHING and state.relapses == 1
    assert state.history[-1].kind is EntryKind.FACT and "before the last employment" in state.history[-1].because


def test_a_readiness_that_arrives_after_its_job_search_and_after_the_relapse_leaves_the_client_in_coaching():
    state = journey_in(Stage.COACHING)
    for event in (search_opened(), hired(), ended(), ready()):
        fact(state, event)
    assert state.stage is Stage.COACHING and state.relapses == 1


def test_a_new_readiness_after_the_relapse_moves_the_client_on_whatever_came_late():
    state = journey_in(Stage.COACHING)
    for event in (ready(), hired(), ended(), search_opened(), ready()):
        fact(state, event)
    assert state.stage is Stage.JOB_SEARCH


def test_a_new_job_search_after_the_relapse_moves_the_client_on_once_the_old_one_was_heard():
    state = journey_in(Stage.COACHING)
    for event in (ready(), search_opened(), hired(), ended(), search_opened()):
        fact(state, event)
    assert state.stage is Stage.JOB_SEARCH


@pytest.mark.parametrize("order", list(itertools.permutations(["ready", "search"])))
def test_readiness_and_its_job_search_move_the_client_once_in_either_order(order):
    state = journey_in(Stage.COACHING)
    for name in order:
        fact(state, ready() if name == "ready" else search_opened())
    assert state.stage is Stage.JOB_SEARCH
    assert [entry.stage for entry in state.history if entry.kind is EntryKind.STAGE][-1:] == [Stage.JOB_SEARCH]


@pytest.mark.parametrize("late", [0, 1, 2])
def test_a_readiness_overtaken_by_the_hire_ends_in_coaching_after_the_relapse_wherever_its_search_lands(late):
    """The readiness, then the hire; the job search lands before the hire, before the end, or after it."""
    events = [hired(), ended()]
    events.insert(late, search_opened())
    state = journey_in(Stage.COACHING)
    for event in [ready(), *events]:
        fact(state, event)
    assert state.stage is Stage.COACHING and state.relapses == 1


def test_a_journey_recorded_before_the_pairing_keeps_moving_on_a_late_job_search_as_it_did_then():
    """Replay safety: a run without the `journey-paired-placement-announcements` marker follows its old rule."""
    state = journey_in(Stage.COACHING)
    state.pairs_placement_announcements = False
    for event in (ready(), hired(), ended(), search_opened()):
        fact(state, event)
    assert state.stage is Stage.JOB_SEARCH and state.relapses == 1

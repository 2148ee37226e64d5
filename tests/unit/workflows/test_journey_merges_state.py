"""#13 Duplicates: a merge ends the duplicate's journey as `merged` and the kept client's journey notes it."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from contracts.events import ClientMergedV1
from tests.unit.workflows.journey_facts import CLIENT, NOW, fact, journey_in, merged_away
from workflows.bridge import addressees
from workflows.journey.state import Stage


@pytest.mark.parametrize("stage", [Stage.REGISTERED, Stage.COACHING, Stage.JOB_SEARCH, Stage.EMPLOYED])
def test_a_merged_away_duplicates_journey_closes_as_merged_from_any_open_stage(stage):
    kept = uuid4()
    state = journey_in(stage)
    fact(state, merged_away(into=kept))
    assert state.stage is Stage.CLOSED and state.closed_reason == "merged" and state.merged_into == kept
    assert state.history[-1].because == f"merged into client {kept}"


def test_the_kept_clients_journey_notes_each_duplicate_once_and_goes_on():
    state = journey_in(Stage.JOB_SEARCH)
    gone = uuid4()
    merge = ClientMergedV1(client_id=gone, merged_into=CLIENT, office_id="lutjenburg", merged_at=NOW)
    fact(state, merge)
    fact(state, merge.model_copy())  # another delivery with a new event id
    assert state.stage is Stage.JOB_SEARCH and state.merged_from == [gone]
    assert [h.because for h in state.history].count(f"duplicate registration {gone} merged into this client") == 1


def test_a_merge_of_two_other_clients_changes_nothing_and_the_bridge_tells_both_journeys():
    state = journey_in(Stage.COACHING)
    other = ClientMergedV1(client_id=uuid4(), merged_into=uuid4(), office_id="plon", merged_at=datetime.now(UTC))
    before = state.model_dump(exclude={"seen_event_ids"})
    fact(state, other)
    assert state.model_dump(exclude={"seen_event_ids"}) == before
    assert addressees(other) == [other.client_id, other.merged_into]

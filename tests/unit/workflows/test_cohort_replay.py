"""Every recorded cohort timer history still replays on today's CohortTimer (no non-determinism).

A cohort runs for eight months, so a worker with new code picks up timers started by older code.
tests/histories/cohort/ holds histories recorded by tests/integration/test_cohort_timer.py with
LOTSE_RECORD_HISTORIES=1 (v1-*: the first version — sleep to the reminder, remind, sleep to the close, close;
v2-*: the same on the demo's compressed calendar, patch `cohort-compressed-calendar`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from workflows.codec import encrypted_data_converter
from workflows.cohort.workflow import CohortTimer

HISTORIES = Path(__file__).resolve().parents[2] / "histories"
RECORDED = sorted((HISTORIES / "cohort").glob("*.json"))
KEY = (HISTORIES / "codec-test.key").read_bytes()


def test_a_history_of_a_timer_that_reminded_and_closed_its_cohort_is_kept():
    assert {path.stem for path in RECORDED} >= {"v1-reminded-and-closed", "v2-compressed-calendar-reminded-and-closed"}


def recorded(path: Path) -> WorkflowHistory:
    return WorkflowHistory.from_json(path.stem, path.read_text())


@pytest.mark.parametrize("path", RECORDED, ids=[path.stem for path in RECORDED])
async def test_a_recorded_cohort_timer_replays_on_the_current_workflow(path: Path):
    replayer = Replayer(workflows=[CohortTimer], data_converter=encrypted_data_converter(KEY))
    history = recorded(path)
    result = await replayer.replay_workflow(history, raise_on_replay_failure=False)
    assert result.replay_failure is None, f"{path.name}: {result.replay_failure}"

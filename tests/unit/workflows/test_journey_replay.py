"""Every recorded journey history still replays on today's ClientJourney (no non-determinism).

Journeys run for months, so a worker with new code picks up histories written by older code.
tests/histories/ holds histories recorded with each earlier version (v1-*: the fact follower
before the orchestrator; v2-*: the orchestrator), encrypted with the test key kept beside them.
How to record new ones when the workflow changes: tests/histories/README.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from workflows.codec import encrypted_data_converter
from workflows.journey.workflow import ClientJourney

HISTORIES = Path(__file__).resolve().parents[2] / "histories"
RECORDED = sorted(HISTORIES.glob("*.json"))
KEY = (HISTORIES / "codec-test.key").read_bytes()


def test_histories_of_the_first_version_and_of_the_orchestrator_are_kept():
    names = [path.name for path in RECORDED]
    assert any(name.startswith("v1-") for name in names) and any(name.startswith("v2-") for name in names), names


def recorded(path: Path) -> WorkflowHistory:
    return WorkflowHistory.from_json(path.stem, path.read_text())


@pytest.mark.parametrize("path", RECORDED, ids=[path.stem for path in RECORDED])
async def test_a_recorded_history_replays_on_the_current_workflow(path: Path):
    replayer = Replayer(workflows=[ClientJourney], data_converter=encrypted_data_converter(KEY))
    result = await replayer.replay_workflow(recorded(path), raise_on_replay_failure=False)
    assert result.replay_failure is None, f"{path.name}: {result.replay_failure}"

"""Every recorded hearing history still replays on today's Hearing workflow (no non-determinism).

A hearing runs for up to six months and its reduction's months after that, so a worker with new code picks up
histories written by older code. tests/histories/hearing/ holds histories recorded by
tests/integration/test_hearing_timeline.py with LOTSE_RECORD_HISTORIES=1 (v1-*: the first version; v2-*: with
the patch `hearing-household-by-deadline`, the household lookup ending at the six months of § 31b; v3-*: with
`hearing-tells-journey`, the hearing signalling its journey when it opens and closes; v4-*: with
`hearing-compressed-calendar`, a hearing the demo's bridge started on its compressed calendar).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from workflows.codec import encrypted_data_converter
from workflows.hearing.workflow import Hearing

HISTORIES = Path(__file__).resolve().parents[2] / "histories"
RECORDED = sorted((HISTORIES / "hearing").glob("*.json"))
KEY = (HISTORIES / "codec-test.key").read_bytes()


def test_histories_of_a_reduction_an_accepted_reason_and_a_run_out_hearing_are_kept():
    assert {path.stem for path in RECORDED} >= {
        "v1-important-reason",
        "v1-reduction-months-decided",
        "v1-too-late",
        "v2-household-never-found",
        "v3-told-the-journey",
        "v4-compressed-calendar-reduced",
        "v4-compressed-calendar-too-late",
    }


def recorded(path: Path) -> WorkflowHistory:
    return WorkflowHistory.from_json(path.stem, path.read_text())


@pytest.mark.parametrize("path", RECORDED, ids=[path.stem for path in RECORDED])
async def test_a_recorded_hearing_replays_on_the_current_workflow(path: Path):
    replayer = Replayer(workflows=[Hearing], data_converter=encrypted_data_converter(KEY))
    result = await replayer.replay_workflow(recorded(path), raise_on_replay_failure=False)
    assert result.replay_failure is None, f"{path.name}: {result.replay_failure}"

"""A duplicate registration merged at intake (`client_merged.v1`), on Temporal's time-skipping server with real
coaching: the duplicate's journey closes as `merged`, the kept client's journey notes whom it took over; ids only."""

from __future__ import annotations

from datetime import UTC, datetime

from contracts.events import ClientMergedV1
from tests.integration.journey_support import (
    record_history,
)
from tests.integration.test_journey_timeline import begin
from workflows.bridge import addressees
from workflows.journey.state import Stage


async def test_the_duplicates_journey_ends_as_merged_and_the_kept_clients_journey_knows(
    env, journey_services, tokens, kafka_server, task_queue
):
    kept = await begin(env, journey_services, tokens, kafka_server, task_queue)
    gone = await begin(env, journey_services, tokens, kafka_server, task_queue)
    merged = ClientMergedV1(
        client_id=gone.client_id, merged_into=kept.client_id, office_id="lutjenburg", merged_at=datetime.now(UTC)
    )
    assert addressees(merged) == [gone.client_id, kept.client_id]  # the bridge signals both journeys

    survivor = await kept.tell(merged)
    assert survivor.stage is Stage.COACHING and survivor.merged_from == [gone.client_id]
    assert (await kept.tell(merged)).history == survivor.history  # the same fact again changes nothing
    await record_history(kept.handle, "merge-kept")

    duplicate = await gone.tell(merged)
    assert duplicate.stage is Stage.CLOSED and duplicate.closed_reason == "merged"
    assert duplicate.merged_into == kept.client_id
    assert (await gone.handle.result()).closed_reason == "merged"  # the duplicate's journey has ended
    await record_history(gone.handle, "merged-away")
    await kept.handle.terminate("test over")

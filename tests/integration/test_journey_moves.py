"""A client's journey follows a move (`client_moved.v1`), on Temporal's time-skipping server with real coaching:
the journey's office and its `OfficeId` search attribute become the new office's; ids only."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

from contracts.events import ClientMovedV1
from tests.integration.journey_support import (
    record_history,
)
from tests.integration.test_journey_timeline import begin
from tests.support.kafka_reading import eventually
from workflows.search_attributes import OFFICE


async def test_a_move_from_luetjenburg_to_ploen_moves_the_journey_to_ploen_and_its_office_search_attribute(
    env, journey_services, tokens, kafka_server, task_queue
):
    journey = await begin(env, journey_services, tokens, kafka_server, task_queue)
    moved = ClientMovedV1(
        client_id=journey.client_id,
        household_id=uuid4(),
        move_id=uuid4(),
        from_office_id="lutjenburg",
        office_id="plon",
        from_district="kreis-ploen",
        district="kreis-ploen",
        moved_on=date.today(),
        recorded_at=datetime.now(UTC),
    )
    state = await journey.tell(moved)
    assert state.office_id == "plon"
    assert any("moved from office lutjenburg to plon" in h.because for h in state.history)

    async def shows_ploen() -> bool:
        return (await journey.handle.describe()).typed_search_attributes.get(OFFICE) == "plon"

    await eventually(shows_ploen)
    assert (await journey.tell(moved)).history == state.history  # the same fact again changes nothing
    await record_history(journey.handle, "moved-to-ploen")
    await journey.handle.terminate("test over")

"""A participation in a programme with a duration, on Temporal's time-skipping server with real coaching: the
enrolment goes through coaching's API, the journey hears its fact, keeps `ProgramId` current and raises the
end-of-programme task for the case manager when the planned end comes (Gemeinsam: eight months)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from contracts.events import ParticipationStartedV1
from services.platform.auth.staff import Role
from tests.integration.journey_support import (
    record_history,
    state_of,
)
from tests.integration.test_journey_timeline import begin
from tests.support.kafka_reading import eventually
from workflows.search_attributes import PROGRAM


def started(client_id: UUID, change: dict) -> ParticipationStartedV1:
    participation = change["participation"]
    return ParticipationStartedV1(
        client_id=client_id,
        participation_id=participation["participation_id"],
        program_id=participation["program_id"],
        office_id=participation["office_id"],
        case_worker_id=change["case_worker_id"],
        started_on=participation["started_on"],
        planned_end_on=participation["planned_end_on"],
        contact_interval_days=change["contact_interval_days"],
        started_at=datetime.now(UTC),
    )


async def test_a_gemeinsam_participation_raises_the_end_of_programme_task_when_its_eight_months_are_over(
    env, journey_services, tokens, kafka_server, task_queue
):
    journey = await begin(env, journey_services, tokens, kafka_server, task_queue, target_groups=["single_parent"])
    manager = tokens.headers(Role.CASE_MANAGER, offices=("lutjenburg",))
    enrolled = await journey.coaching.http.post(
        f"/cases/{journey.client_id}/participation", json={"program_id": "gemeinsam"}, headers=manager
    )
    assert enrolled.status_code == 201, enrolled.text
    fact = started(journey.client_id, enrolled.json())
    assert fact.planned_end_on is not None
    state = await journey.tell(fact)
    assert (state.program_id, state.contact_interval_days) == ("gemeinsam", 7)

    async def shows_the_programme() -> bool:
        return (await journey.handle.describe()).typed_search_attributes.get(PROGRAM) == "gemeinsam"

    await eventually(shows_the_programme)
    duration = timedelta(days=(fact.planned_end_on - date.today()).days)
    await journey.wait(duration - timedelta(days=1))
    assert await journey.tasks("programme_end") == []
    await journey.wait(timedelta(days=2))

    async def raised() -> bool:
        return len(await journey.tasks("programme_end")) == 1

    await eventually(raised)
    await journey.wait(timedelta(days=30))
    assert len(await journey.tasks("programme_end")) == 1  # once per participation
    assert (await state_of(journey.handle)).programme_end_raised
    await record_history(journey.handle, "programme-end-raised")
    await journey.handle.terminate("test over")

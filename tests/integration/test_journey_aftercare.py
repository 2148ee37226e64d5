"""Support after the hire on Temporal's time-skipping server with real coaching and placement: the journey follows
the proposal's steps, then keeps its cadence in `employed` — a post_hire_contact task for the coach in weeks 1, 4
and 8 — and raises a job_at_risk task when a post-hire contact was missed or the employer's feedback is negative
(patch `journey-post-hire-support`, history `v6-post-hire-support`)."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

from contracts.events import (
    ApplicationSentV1,
    EmployerFeedbackRecordedV1,
    InterviewHeldV1,
    OfferMadeV1,
)
from tests.integration.journey_support import (
    add_employer,
    hire,
    record_history,
    state_of,
)
from tests.integration.test_journey_timeline import begin, contact, started
from tests.support.kafka_reading import eventually
from workflows.journey.state import Stage

WEEK = timedelta(weeks=1)


async def test_the_employed_journey_keeps_its_post_hire_cadence_and_warns_when_the_job_is_at_risk(
    env, journey_services, tokens, kafka_server, task_queue
):
    journey = await begin(env, journey_services, tokens, kafka_server, task_queue)
    cid, day = journey.client_id, date(2026, 4, 20)
    ids = {"client_id": cid, "proposal_id": uuid4(), "vacancy_id": uuid4()}
    await journey.tell(ApplicationSentV1(**ids, sent_on=day))
    await journey.tell(InterviewHeldV1(**ids, held_on=day, outcome="positive"))
    state = await journey.tell(OfferMadeV1(**ids, offered_on=day))
    assert [e.because.split(": ")[1] for e in state.history[-3:]] == [
        "application sent 2026-04-20",
        "interview held 2026-04-20 (positive)",
        "offer made 2026-04-20",
    ]

    employer = await add_employer(journey.placement, tokens)
    employment = await hire(journey.placement, tokens, cid, employer, date(2026, 5, 4))
    state = await journey.tell(started(cid, employment))
    assert state.stage is Stage.EMPLOYED and state.supports_after_hire

    async def raised(kind: str, count: int) -> bool:
        return len(await journey.tasks(kind)) == count

    await journey.wait(WEEK + timedelta(days=1))
    await eventually(lambda: raised("post_hire_contact", 1))
    await journey.tell(contact(cid, state.case_worker_id or ""))  # the coach called in week 1
    await journey.wait(3 * WEEK)
    await eventually(lambda: raised("post_hire_contact", 2))
    assert await journey.tasks("job_at_risk") == []
    await journey.wait(4 * WEEK)  # no contact after week 4's task: week 8 warns
    await eventually(lambda: raised("post_hire_contact", 3))
    await eventually(lambda: raised("job_at_risk", 1))
    assert "week 4" in (await journey.tasks("job_at_risk"))[0]["detail"]

    feedback = EmployerFeedbackRecordedV1(
        client_id=cid,
        employment_id=employment["employment_id"],
        feedback_id=uuid4(),
        given_on=date(2026, 7, 1),
        rating="negative",
    )
    await journey.tell(feedback)
    await eventually(lambda: raised("job_at_risk", 2))
    state = await state_of(journey.handle)
    assert state.stage is Stage.EMPLOYED and state.post_hire_contacts_raised == 3 and state.warnings_pending == []
    await record_history(journey.handle, "post-hire-support")
    await journey.handle.terminate("test over")

"""A proposal's pipeline and the support after the hire, through placement's API against real Kafka, on SQLite
and PostgreSQL: application → interview → offer → hire, a step out of order (409) or incomplete (422), and the
employer's feedback and a warning announced with ids and codes only — the notes stay in placement."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from contracts.events import (
    ApplicationSentV1,
    EmployerFeedbackRecordedV1,
    EmploymentStartedV1,
    InterviewHeldV1,
    InterviewScheduledV1,
    JobAtRiskReportedV1,
    OfferMadeV1,
    ProposalClosedV1,
)
from tests.integration.test_placement import (
    care_home,
    hire_body,
    officer,
    outbox_types,
    post,
    published,
    ready_client,
)
from tests.support.running_service import RunningService, running_service

NOTE = "Frau K. wirkte im Gespräch unsicher"


def today() -> str:
    return datetime.now(ZoneInfo("Europe/Berlin")).date().isoformat()


async def step(placement: RunningService, tokens: Any, proposal_id: str, **body: Any) -> Any:
    return await placement.http.post(
        f"/proposals/{proposal_id}/steps", json={"on": today(), **body}, headers=officer(tokens)
    )


async def test_a_proposal_goes_through_application_interview_and_offer_to_the_hire(kafka_server, database_url, tokens):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        client_id = await ready_client(placement, bootstrap, tokens)
        vacancies = await care_home(placement, tokens)
        body = {"client_id": str(client_id), "vacancy_id": vacancies["laundry"]["vacancy_id"]}
        proposal = (await post(placement, "/proposals", body, officer(tokens)))["proposal_id"]

        early = await step(placement, tokens, proposal, step="offer")
        assert early.status_code == 409 and "proposed cannot take the step offer" in early.text
        for taken, stage in [
            ({"step": "application"}, "applied"),
            ({"step": "interview_scheduled"}, "interview_scheduled"),
            ({"step": "interview_held", "interview_outcome": "positive", "note": NOTE}, "interviewed"),
            ({"step": "offer"}, "offered"),
        ]:
            answer = await step(placement, tokens, proposal, **taken)
            assert answer.status_code == 201 and answer.json()["status"] == stage, answer.text
        incomplete = await step(placement, tokens, proposal, step="close", closed_as="withdrawn")
        assert incomplete.status_code == 422 and incomplete.json()["errors"][0]["field"] == "reason"

        hire = hire_body(client_id, vacancies, proposal_id=proposal)
        hired = await post(placement, "/employments", hire, officer(tokens))
        shown = await placement.http.get(f"/proposals/{proposal}", headers=officer(tokens))
        assert shown.json()["status"] == "accepted"
        steps = (await placement.http.get(f"/proposals/{proposal}/steps", headers=officer(tokens))).json()
        assert [s["step"] for s in steps] == ["application", "interview_scheduled", "interview_held", "offer"]
        assert steps[2]["note"] == NOTE and steps[2]["interview_outcome"] == "positive"

        employment = hired["employment_id"]
        feedback = {"on": today(), "rating": "negative", "note": NOTE}
        await post(placement, f"/employments/{employment}/feedback", feedback, officer(tokens))
        risk = {"on": today(), "reason": "absences"}
        await post(placement, f"/employments/{employment}/risks", risk, officer(tokens))
        before = await placement.http.post(
            f"/employments/{employment}/risks", json={**risk, "on": "2026-03-01"}, headers=officer(tokens)
        )
        assert before.status_code == 422 and before.json()["errors"][0]["field"] == "on"
        aftercare = (await placement.http.get(f"/employments/{employment}/aftercare", headers=officer(tokens))).json()
        assert [(r["kind"], r["rating"], r["reason"]) for r in aftercare] == [
            ("feedback", "negative", None),
            ("risk", None, "absences"),
        ]

        expected = [
            ApplicationSentV1.type,
            InterviewScheduledV1.type,
            InterviewHeldV1.type,
            OfferMadeV1.type,
            EmploymentStartedV1.type,
            EmployerFeedbackRecordedV1.type,
            JobAtRiskReportedV1.type,
        ]
        assert [t for t in await outbox_types(placement, client_id) if t in expected] == expected
        (held,) = await published(bootstrap, client_id, InterviewHeldV1)
        (warned,) = await published(bootstrap, client_id, EmployerFeedbackRecordedV1)
    assert held.data.outcome == "positive" and NOTE not in held.data.model_dump_json()
    assert warned.data.rating == "negative" and NOTE not in warned.data.model_dump_json()  # type: ignore[attr-defined]


async def test_a_withdrawn_proposal_closes_with_its_reason_and_cannot_lead_to_a_hire(
    kafka_server, database_url, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        client_id = await ready_client(placement, bootstrap, tokens)
        vacancies = await care_home(placement, tokens)
        body = {"client_id": str(client_id), "vacancy_id": vacancies["laundry"]["vacancy_id"]}
        proposal = (await post(placement, "/proposals", body, officer(tokens)))["proposal_id"]
        await step(placement, tokens, proposal, step="application")
        closing = {"step": "close", "closed_as": "withdrawn", "reason": "other_job_found"}
        closed = await step(placement, tokens, proposal, **closing)
        assert closed.status_code == 201 and closed.json()["status"] == "withdrawn", closed.text
        again = await step(placement, tokens, proposal, **closing)
        assert again.status_code == 409
        refused = await placement.http.post(
            "/employments", json=hire_body(client_id, vacancies, proposal_id=proposal), headers=officer(tokens)
        )
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "proposal_id"
        (fact,) = await published(bootstrap, client_id, ProposalClosedV1)
    assert (fact.data.closed_as, fact.data.reason) == ("withdrawn", "other_job_found")  # type: ignore[attr-defined]
    assert date.fromisoformat(today()) == fact.data.closed_on  # type: ignore[attr-defined]

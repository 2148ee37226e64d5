"""Placement against real Kafka, on SQLite and PostgreSQL: searches, matching, proposals, hires, the months after.

Seed 001: Marie Luise Kraska from Wathlingen (Celle office) can start at 08:00 at the earliest because of
childcare; a 06:00 shift in elderly care is never proposed to her, the laundry of a care home at 08:00 is.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time
from typing import Any
from uuid import UUID, uuid4

from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select

from contracts import topics
from contracts.envelope import Envelope, to_record
from contracts.events import (
    AvailabilityV1,
    ClientRegisteredV1,
    EmploymentEndedV1,
    EmploymentStartedV1,
    Event,
    JobSearchOpenedV1,
    ReadyForPlacementV1,
)
from services.placement.tables import ProposalRow, plumbing
from services.platform.auth.staff import Role
from tests.support.kafka_reading import envelopes, eventually, read_until
from tests.support.running_service import RunningService, running_service

WATHLINGEN = "29339"


async def send(bootstrap: str, *events: Event, ids: list[UUID] | None = None) -> None:
    """Publish events the way intake and coaching do: CloudEvents records keyed by client."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for n, event in enumerate(events):
            envelope = Envelope(id=ids[n] if ids else uuid4(), source="/tests", time=datetime.now(UTC), data=event)
            record = to_record(envelope)
            await producer.send_and_wait(event.topic.name, record.value, key=record.key, headers=record.headers)
    finally:
        await producer.stop()


def registration(client_id: UUID) -> ClientRegisteredV1:
    return ClientRegisteredV1(
        client_id=client_id,
        household_id=uuid4(),
        office_id="celle",
        target_groups=["single_parent"],
        registered_at=datetime.now(UTC),
        availability=AvailabilityV1(earliest_daily_start=time(8, 0), max_weekly_hours=30, max_commute_minutes=45),
    )


def readiness(client_id: UUID) -> ReadyForPlacementV1:
    return ReadyForPlacementV1(client_id=client_id, case_worker_id="cm-celle-1", declared_at=datetime.now(UTC))


async def published(bootstrap: str, client_id: UUID, event_type: type[Event], count: int = 1) -> list[Envelope]:
    """Read the employments topic as an outside system would (a plain aiokafka consumer)."""

    def ours(records: Any) -> list[Envelope]:
        return [
            e
            for e in envelopes(records)
            if e.type == event_type.type and getattr(e.data, "client_id", None) == client_id
        ]

    return ours(await read_until(bootstrap, topics.EMPLOYMENTS.name, lambda rs: len(ours(rs)) >= count))


async def outbox_types(placement: RunningService, client_id: UUID) -> list[str]:
    """The types of the events placement staged for this client (the topics carry other tests' clients too)."""
    outbox = plumbing.outbox
    async with placement.runtime.uow.transaction() as tx:
        return list(
            await tx.session.scalars(
                select(outbox.c.event_type)
                .where(outbox.c.partition_key == str(client_id))
                # Staging order: without it PostgreSQL returns rows the relay has updated after the others.
                .order_by(outbox.c.position)
            )
        )


def officer(tokens: Any, offices: tuple[str, ...] = ("celle",)) -> dict[str, str]:
    return tokens.headers(Role.PLACEMENT_OFFICER, offices=offices)


async def search_opened(placement: RunningService, tokens: Any, client_id: UUID) -> dict[str, Any]:
    async def opened() -> bool:
        return (await placement.http.get(f"/searches/{client_id}", headers=officer(tokens))).status_code == 200

    await eventually(opened)
    return (await placement.http.get(f"/searches/{client_id}", headers=officer(tokens))).json()


async def post(placement: RunningService, path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    response = await placement.http.post(path, json=body, headers=headers)
    assert response.status_code in (200, 201), response.text
    return response.json()


async def care_home(placement: RunningService, tokens: Any) -> dict[str, dict[str, Any]]:
    """An employer in Wathlingen with an early shift in care and a laundry job starting at 08:00."""
    employer = await post(
        placement,
        "/employers",
        {"name": "Seniorenheim Wathlingen", "office_id": "celle", "postcode": WATHLINGEN},
        officer(tokens),
    )
    common = {
        "employer_id": employer["employer_id"],
        "kind": "job",
        "weekly_hours": "25",
        "location_postcode": WATHLINGEN,
        "positions": 1,
        "gross_monthly_pay": "1650.00",
        "subject_to_social_insurance": True,
    }
    early = await post(
        placement,
        "/vacancies",
        {**common, "title": "Pflegehilfskraft Frühdienst", "occupation": "Altenpflegehilfe", "daily_start": "06:00"},
        officer(tokens),
    )
    laundry = await post(
        placement,
        "/vacancies",
        {**common, "title": "Wäscherei", "occupation": "Wäscherei", "daily_start": "08:00"},
        officer(tokens),
    )
    return {"employer": employer, "early": early, "laundry": laundry}


async def ready_client(placement: RunningService, bootstrap: str, tokens: Any) -> UUID:
    client_id = uuid4()
    await send(bootstrap, registration(client_id), readiness(client_id))
    await search_opened(placement, tokens, client_id)
    await eventually(lambda: _has_profile(placement, tokens, client_id))
    return client_id


async def _has_profile(placement: RunningService, tokens: Any, client_id: UUID) -> bool:
    response = await placement.http.get(f"/searches/{client_id}", headers=officer(tokens))
    return response.json()["office_id"] == "celle"


def hire_body(client_id: UUID, vacancies: dict[str, dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "client_id": str(client_id),
        "employer_id": vacancies["employer"]["employer_id"],
        "start_date": "2026-03-16",
        "weekly_hours": "25",
        "gross_monthly_pay": "1650.00",
        "net_monthly_pay": "1280.00",
        "first_pay_date": "2026-03-31",
        "subject_to_social_insurance": True,
        **extra,
    }


async def test_readiness_opens_one_search_and_the_6_oclock_shift_is_never_proposed_to_the_8_oclock_client(
    kafka_server, database_url, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        client_id = uuid4()
        ready = readiness(client_id)
        # Readiness before registration (other topic), redelivered, then declared once more.
        await send(bootstrap, ready, ready, readiness(client_id), ids=[uuid4()] * 2 + [uuid4()])
        search = await search_opened(placement, tokens, client_id)
        assert search["status"] == "open" and search["office_id"] is None
        waiting = await placement.http.get(f"/searches/{client_id}/matches", headers=officer(tokens))
        assert waiting.status_code == 409, "no matching without the client's constraints"

        await send(bootstrap, registration(client_id))
        await eventually(lambda: _has_profile(placement, tokens, client_id))
        vacancies = await care_home(placement, tokens)
        matches = await placement.http.get(f"/searches/{client_id}/matches", headers=officer(tokens))
        assert matches.status_code == 200, matches.text
        assert [v["vacancy_id"] for v in matches.json()["matches"]] == [vacancies["laundry"]["vacancy_id"]]
        assert matches.json()["excluded"] == [
            {
                "vacancy_id": vacancies["early"]["vacancy_id"],
                "reasons": ["daily start 06:00 is before the client's earliest start 08:00"],
            }
        ]

        refused = await placement.http.post(
            "/proposals",
            headers=officer(tokens),
            json={"client_id": str(client_id), "vacancy_id": vacancies["early"]["vacancy_id"]},
        )
        assert refused.status_code == 422
        assert refused.json()["errors"] == [
            {"field": "vacancy_id", "reason": "daily start 06:00 is before the client's earliest start 08:00"}
        ]
        async with placement.runtime.uow.transaction() as tx:
            assert await tx.session.scalar(select(func.count()).select_from(ProposalRow)) == 0
        assert "de.lotse.placement.proposal_made.v1" not in await outbox_types(placement, client_id)

        proposal = await post(
            placement,
            "/proposals",
            {"client_id": str(client_id), "vacancy_id": vacancies["laundry"]["vacancy_id"]},
            officer(tokens),
        )
        assert proposal["status"] == "proposed" and proposal["search_id"] == search["search_id"]
        assert (await outbox_types(placement, client_id)).count("de.lotse.placement.proposal_made.v1") == 1
        assert (await outbox_types(placement, client_id)).count(JobSearchOpenedV1.type) == 1
        opened = await published(bootstrap, client_id, JobSearchOpenedV1)  # while the relay runs
    assert [e.data.search_id for e in opened] == [UUID(search["search_id"])]  # type: ignore[attr-defined]


async def test_a_hire_takes_a_position_and_kafka_carries_the_start_with_its_vacancy(kafka_server, database_url, tokens):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        client_id = await ready_client(placement, bootstrap, tokens)
        vacancies = await care_home(placement, tokens)
        laundry_id = vacancies["laundry"]["vacancy_id"]
        proposal = await post(
            placement, "/proposals", {"client_id": str(client_id), "vacancy_id": laundry_id}, officer(tokens)
        )
        await post(placement, f"/proposals/{proposal['proposal_id']}/outcome", {"outcome": "applied"}, officer(tokens))

        headers = {**officer(tokens), "Idempotency-Key": f"hire-{client_id}"}
        body = hire_body(client_id, vacancies, proposal_id=proposal["proposal_id"])
        hired = await placement.http.post("/employments", json=body, headers=headers)
        again = await placement.http.post("/employments", json=body, headers=headers)
        assert hired.status_code == again.status_code == 201, hired.text
        assert hired.json() == again.json() and hired.json()["vacancy_id"] == laundry_id
        assert (await outbox_types(placement, client_id)).count(EmploymentStartedV1.type) == 1

        vacancy = (await placement.http.get(f"/vacancies/{laundry_id}", headers=officer(tokens))).json()
        assert vacancy["open_positions"] == 0
        assert (await placement.http.get(f"/searches/{client_id}", headers=officer(tokens))).json()[
            "status"
        ] == "closed"
        second = await placement.http.post(
            "/employments", headers=officer(tokens), json=hire_body(uuid4(), vacancies, vacancy_id=laundry_id)
        )
        assert second.status_code == 422 and second.json()["errors"][0]["field"] == "vacancy_id"
        # The kind of work the § 48a statistics count by (§ 5 Kennzahlen-Verordnung): given, or as the flags say.
        contradicted = await placement.http.post(
            "/employments", headers=officer(tokens), json=hire_body(uuid4(), vacancies, employment_kind="minijob")
        )
        assert contradicted.status_code == 422 and contradicted.json()["errors"][0]["field"] == "employment_kind"
        founder = uuid4()
        own_business = hire_body(founder, vacancies, subject_to_social_insurance=False, employment_kind="self_employed")
        assert (await post(placement, "/employments", own_business, officer(tokens)))[
            "employment_kind"
        ] == "self_employed"
        (started,) = await published(bootstrap, client_id, EmploymentStartedV1)
        (founded,) = await published(bootstrap, founder, EmploymentStartedV1)
    assert started.data.vacancy_id == UUID(laundry_id)  # type: ignore[attr-defined]
    assert started.data.employment_id == UUID(hired.json()["employment_id"])  # type: ignore[attr-defined]
    assert hired.json()["employment_kind"] == started.data.employment_kind == "regular"  # type: ignore[attr-defined]
    assert founded.data.employment_kind == "self_employed"  # type: ignore[attr-defined]


async def test_checks_and_confirmations_are_idempotent_and_the_end_settles_the_months_after_it(
    kafka_server, database_url, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    worker = tokens.headers(Role.JOURNEY_WORKER)
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        client_id = await ready_client(placement, bootstrap, tokens)
        vacancies = await care_home(placement, tokens)
        employment = await post(
            placement,
            "/employments",
            hire_body(client_id, vacancies, vacancy_id=vacancies["laundry"]["vacancy_id"]),
            officer(tokens),
        )
        base = f"/employments/{employment['employment_id']}"

        april, april_again = [
            await post(placement, f"{base}/continuation-checks", {"month": "2026-04-01"}, worker) for _ in range(2)
        ]
        may = await post(placement, f"{base}/continuation-checks", {"month": "2026-05-01"}, worker)
        assert april == april_again and april["status"] == "open"
        june = await asyncio.gather(
            *[post(placement, f"{base}/continuation-checks", {"month": "2026-06-01"}, worker) for _ in range(3)]
        )
        assert len({c["check_id"] for c in june}) == 1, "concurrent requests for one month make one check"
        listed = await placement.http.get("/continuation-checks?status=open&office_id=celle", headers=officer(tokens))
        assert {c["check_id"] for c in listed.json()} == {april["check_id"], may["check_id"], june[0]["check_id"]}
        elsewhere = await placement.http.get("/continuation-checks?status=open", headers=officer(tokens, ("plon",)))
        assert elsewhere.json() == [], "staff of another office do not see the Celle client's checks"

        figures = {"month": "2026-04-01", "gross_pay": "1650.00", "net_pay": "1280.00"}
        first = await placement.http.post(f"{base}/confirmations", json=figures, headers=officer(tokens))
        repeat = await placement.http.post(f"{base}/confirmations", json=figures, headers=officer(tokens))
        other = await placement.http.post(
            f"{base}/confirmations", headers=officer(tokens), json={**figures, "net_pay": "1200.00"}
        )
        assert (first.status_code, repeat.status_code, other.status_code) == (201, 200, 409)
        assert first.json() == repeat.json() and first.json()["check_id"] == april["check_id"]
        assert (await outbox_types(placement, client_id)).count("de.lotse.placement.employment_confirmed.v1") == 1

        ended = await post(
            placement, f"{base}/end", {"end_date": "2026-04-30", "reason": "resignation"}, officer(tokens)
        )
        assert ended["status"] == "ended"
        twice = await placement.http.post(
            f"{base}/end", json={"end_date": "2026-04-30", "reason": "resignation"}, headers=officer(tokens)
        )
        assert twice.status_code == 409
        after = await post(placement, f"{base}/continuation-checks", {"month": "2026-05-01"}, worker)
        assert after["check_id"] == may["check_id"] and after["status"] == "ended"
        fetched = await placement.http.get(base, headers=worker)
        assert fetched.json()["end_date"] == "2026-04-30"
        (end,) = await published(bootstrap, client_id, EmploymentEndedV1)
    assert end.data.reason == "resignation"  # type: ignore[attr-defined]


async def test_a_nul_byte_in_an_office_filter_and_non_ascii_postcode_digits_are_refused_with_422_naming_them(
    kafka_server, database_url, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        for path in ("/employers?office_id=cel%00le", "/continuation-checks?office_id=celle%00"):
            response = await placement.http.get(path, headers=officer(tokens))
            assert response.status_code == 422, response.text
            assert [e["field"] for e in response.json()["errors"]] == ["query.office_id"]
        employer = {"name": "Wäscherei Wathlingen", "office_id": "celle", "postcode": "٢٩٣٣٩", "partner_company": False}
        response = await placement.http.post("/employers", json=employer, headers=officer(tokens))
        assert response.status_code == 422, response.text
        assert [e["field"] for e in response.json()["errors"]] == ["postcode"]

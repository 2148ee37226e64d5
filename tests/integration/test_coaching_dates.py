"""Coaching dated on the demo's calendar: the journey's worker (or an operator) names the assignment's day,
enrolment and cohort joins measure against it; on the real API, SQLite and PostgreSQL, Kafka in between."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from contracts.events import CaseAssignedV1, ClientRegisteredV1
from services.coaching.domain.offices import BERLIN
from services.coaching.tables import CaseRow
from services.platform.auth.staff import Role
from tests.integration.test_coaching import announce, case_events, case_manager, worker
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service

REGISTERED_ON = date(2025, 8, 4)  # a Monday in the demo's past


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


async def registered_on(coaching, tokens, bootstrap: str, day: date, *target_groups: str) -> UUID:
    client_id = uuid4()
    await announce(
        bootstrap,
        ClientRegisteredV1(
            client_id=client_id,
            household_id=uuid4(),
            office_id="lutjenburg",
            target_groups=list(target_groups),
            registered_at=datetime.now(UTC),
            registered_on=day,
        ),
    )

    async def case_exists() -> bool:
        return (await coaching.http.get(f"/cases/{client_id}", headers=worker(tokens))).status_code == 200

    await eventually(case_exists)
    return client_id


async def assign_on(coaching, headers, client_id: UUID, day: date | None, key: str | None = None):
    body = {"program_id": None, **({"assigned_on": day.isoformat()} if day else {})}
    extra = {"Idempotency-Key": key} if key else {}
    return await coaching.http.post(f"/cases/{client_id}/assignment", json=body, headers={**headers, **extra})


def refused_field(response) -> list[str]:
    assert response.status_code == 422, response.text
    return [e["field"] for e in response.json()["errors"]]


async def test_the_journeys_worker_dates_an_assignment_between_the_registration_and_today_and_kafka_hears_the_day(
    coaching, tokens, kafka_server
):
    bootstrap = kafka_server.bootstrap_servers
    client_id = await registered_on(coaching, tokens, bootstrap, REGISTERED_ON, "single_parent")
    today = datetime.now(BERLIN).date()

    by_case_manager = await assign_on(coaching, case_manager(tokens), client_id, date(2025, 8, 11))
    assert refused_field(by_case_manager) == ["assigned_on"]
    assert "journey" in by_case_manager.json()["errors"][0]["reason"]
    tomorrow = await assign_on(coaching, worker(tokens), client_id, today + timedelta(days=1))
    assert refused_field(tomorrow) == ["assigned_on"] and "future" in tomorrow.json()["errors"][0]["reason"]
    before = await assign_on(coaching, worker(tokens), client_id, REGISTERED_ON - timedelta(days=1))
    assert refused_field(before) == ["assigned_on"] and "2025-08-04" in before.json()["errors"][0]["reason"]

    first = await assign_on(coaching, worker(tokens), client_id, date(2025, 8, 11), key="assign-dated-1")
    assert first.status_code == 200, first.text
    assert first.json()["assigned_on"] == "2025-08-11"
    assert datetime.fromisoformat(first.json()["assigned_at"]).astimezone(BERLIN).date() == today
    replay = await assign_on(coaching, worker(tokens), client_id, date(2025, 8, 11), key="assign-dated-1")
    assert replay.json() == first.json() and replay.headers.get("Idempotent-Replayed") == "true"
    other_day = await assign_on(coaching, worker(tokens), client_id, date(2025, 8, 12), key="assign-dated-1")
    assert refused_field(other_day) == ["Idempotency-Key"]

    events = await case_events(bootstrap, client_id, CaseAssignedV1.type)
    assert [(e.data.type, e.data.assigned_on) for e in events] == [(CaseAssignedV1.type, date(2025, 8, 11))]
    async with coaching.runtime.uow.transaction() as tx:
        case = await tx.session.get(CaseRow, client_id)
        assert case is not None and (case.registered_on, case.assigned_on) == (REGISTERED_ON, date(2025, 8, 11))


async def test_an_operator_may_date_an_assignment_and_a_case_managers_is_dated_today(coaching, tokens, kafka_server):
    bootstrap = kafka_server.bootstrap_servers
    operator = tokens.headers(Role.OPERATOR, staff_id="ops-1")
    dated = await registered_on(coaching, tokens, bootstrap, REGISTERED_ON)
    by_operator = await assign_on(coaching, operator, dated, REGISTERED_ON)
    assert by_operator.status_code == 200, by_operator.text
    assert by_operator.json()["assigned_on"] == REGISTERED_ON.isoformat()

    undated = await registered_on(coaching, tokens, bootstrap, REGISTERED_ON)
    by_case_manager = await assign_on(coaching, case_manager(tokens), undated, None)
    assert by_case_manager.status_code == 200, by_case_manager.text
    assert by_case_manager.json()["assigned_on"] == datetime.now(BERLIN).date().isoformat()

"""An `Idempotency-Key` is bound to the resource it was first used on, not only to the body;
the reply the executor sends is shaped by the route's response model."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest
from pydantic import BaseModel
from sqlalchemy import func, select

from services.platform.auth.staff import Role, StaffUser
from services.platform.service_app import ServiceRuntime
from services.platform.unit_of_work import Transaction
from tests.support.running_service import running_service


class Marked(BaseModel):
    thing: str
    mark: UUID


async def test_the_same_key_and_body_on_another_resource_is_refused_not_replayed(kafka_server, tmp_path, tokens):
    url = f"sqlite+aiosqlite:///{tmp_path / 'placement.db'}"
    async with running_service(
        "placement", url, kafka_server.bootstrap_servers, tokens.public_key, start_consumers=False
    ) as service:
        runtime: ServiceRuntime = service.runtime
        user = StaffUser("staff-1", frozenset({Role.PLACEMENT_OFFICER}), frozenset({"*"}))

        async def mark(thing: str) -> object:
            async def use_case(tx: Transaction) -> Marked:
                return Marked(thing=thing, mark=uuid4())

            return await runtime.idempotent.run("same-key-0001", user, None, use_case, status_code=201)

        service.app.add_api_route("/things/{thing}/marks", mark, methods=["POST"])
        headers = tokens.headers(Role.PLACEMENT_OFFICER)
        first = await service.http.post("/things/a/marks", headers=headers)
        again = await service.http.post("/things/a/marks", headers=headers)
        other = await service.http.post("/things/b/marks", headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert other.status_code == 422, other.text
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"


class MarkedWithHealthData(Marked):
    health_related: str  # a special-category field the route's response model does not declare


class Unmarked(BaseModel):
    thing: str


@pytest.fixture
async def placement(kafka_server, tmp_path, tokens):
    url = f"sqlite+aiosqlite:///{tmp_path / 'placement.db'}"
    async with running_service(
        "placement", url, kafka_server.bootstrap_servers, tokens.public_key, start_consumers=False
    ) as service:
        yield service


async def stored_replies(service) -> list[bytes]:
    table = service.runtime.idempotent._table
    async with service.runtime.uow.transaction() as tx:
        return list((await tx.session.execute(select(table.c.response_body))).scalars())


async def test_a_field_the_response_model_does_not_declare_is_left_out_of_the_reply_and_its_replay(placement, tokens):
    user = StaffUser("staff-1", frozenset({Role.PLACEMENT_OFFICER}), frozenset({"*"}))

    async def mark(idempotency_key: str) -> object:
        async def use_case(tx: Transaction) -> MarkedWithHealthData:
            return MarkedWithHealthData(thing="a", mark=uuid4(), health_related="addiction")

        return await placement.runtime.idempotent.run(idempotency_key, user, None, use_case)

    placement.app.add_api_route("/test-only/marks", mark, methods=["POST"], response_model=Marked, status_code=201)
    headers = {**tokens.headers(Role.PLACEMENT_OFFICER)}
    first = await placement.http.post("/test-only/marks", params={"idempotency_key": "filtered-0001"}, headers=headers)
    again = await placement.http.post("/test-only/marks", params={"idempotency_key": "filtered-0001"}, headers=headers)

    assert first.status_code == 201, first.text
    assert set(first.json()) == {"thing", "mark"}
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert all(b"addiction" not in body for body in await stored_replies(placement))


async def test_a_reply_that_breaks_its_response_model_is_a_logged_500_and_commits_nothing(placement, tokens, caplog):
    user = StaffUser("staff-1", frozenset({Role.PLACEMENT_OFFICER}), frozenset({"*"}))

    async def mark() -> object:
        async def use_case(tx: Transaction) -> Unmarked:
            return Unmarked(thing="Marie Kraska")

        return await placement.runtime.idempotent.run("broken-0001", user, None, use_case)

    placement.app.add_api_route("/test-only/broken-marks", mark, methods=["POST"], response_model=Marked)
    with caplog.at_level(logging.ERROR, logger="services.platform.http.server_errors"):
        response = await placement.http.post("/test-only/broken-marks", headers=tokens.headers(Role.PLACEMENT_OFFICER))

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "ResponseValidationError" in caplog.text and "'loc': ('mark',)" in caplog.text
    assert "Marie Kraska" not in caplog.text
    table = placement.runtime.idempotent._table
    async with placement.runtime.uow.transaction() as tx:
        assert await tx.session.scalar(select(func.count()).select_from(table)) == 0


async def test_the_stored_request_hash_is_keyed_and_expired_keys_are_deleted_by_the_relay(placement, tokens):
    user = StaffUser("staff-1", frozenset({Role.PLACEMENT_OFFICER}), frozenset({"*"}))

    async def mark() -> object:
        async def use_case(tx: Transaction) -> Marked:
            return Marked(thing="a", mark=uuid4())

        return await placement.runtime.idempotent.run("keyed-0001", user, None, use_case)

    placement.app.add_api_route("/test-only/keyed-marks", mark, methods=["POST"])
    response = await placement.http.post("/test-only/keyed-marks", headers=tokens.headers(Role.PLACEMENT_OFFICER))
    assert response.status_code == 201, response.text
    table = placement.runtime.idempotent._table
    async with placement.runtime.uow.transaction() as tx:
        stored = (await tx.session.execute(select(table.c.request_hash))).scalar_one()
    assert stored != hashlib.sha256(b"POST /test-only/keyed-marks\n").hexdigest()

    relay = placement.runtime.relay
    assert await relay.expire_idempotency_keys(datetime.now(UTC) - timedelta(hours=1)) == 0
    assert await relay.expire_idempotency_keys(datetime.now(UTC) + timedelta(seconds=1)) == 1
    assert await stored_replies(placement) == []

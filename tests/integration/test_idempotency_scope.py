"""An `Idempotency-Key` is bound to the resource it was first used on, not only to the body."""

from __future__ import annotations

from uuid import UUID, uuid4

from pydantic import BaseModel

from services.platform.auth.staff import Role, StaffUser
from services.platform.service_app import ServiceRuntime
from services.platform.unit_of_work import Transaction
from tests.support.running_service import running_service


class Marked(BaseModel):
    thing: str
    mark: UUID


async def test_the_same_key_and_body_on_another_resource_is_refused_not_replayed(kafka_server, tmp_path, tokens):
    url = f"sqlite+aiosqlite:///{tmp_path / 'placement.db'}"
    async with running_service("placement", url, kafka_server.bootstrap_servers, tokens.public_key,
                               start_consumers=False) as service:
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

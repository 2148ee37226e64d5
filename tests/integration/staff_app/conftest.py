"""The staff app in-process (httpx ASGI) against the real services: intake, coaching, placement and benefits
on SQLite over the session's real Kafka. The journeys API is not started here (it needs a worker on Temporal):
its part of a page says it cannot be reached."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass

import httpx
import pytest

from staff_app.app import create_app
from staff_app.settings import StaffAppSettings
from tests.support.kafka_reading import eventually
from tests.support.running_service import RunningService, running_service
from tests.support.staff import TokenIssuer
from tests.support.staff_app_sessions import session_settings

SERVICES = ("intake", "coaching", "placement", "benefits")
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing answers


@dataclass
class Platform:
    services: dict[str, RunningService]
    tokens: TokenIssuer
    staff_app: httpx.ASGITransport

    def browser(self) -> httpx.AsyncClient:
        """A browser of its own: its own cookies, no redirects followed (the tests look at them)."""
        return httpx.AsyncClient(transport=self.staff_app, base_url="http://staff.test")


@pytest.fixture(scope="module")
async def platform(kafka_server, tokens, tmp_path_factory) -> AsyncIterator[Platform]:
    directory = tmp_path_factory.mktemp("staff-app")
    async with AsyncExitStack() as stack:
        services = {
            name: await stack.enter_async_context(
                running_service(
                    name,
                    f"sqlite+aiosqlite:///{directory / f'{name}.db'}",
                    kafka_server.bootstrap_servers,
                    tokens.public_key,
                )
            )
            for name in SERVICES
        }
        journeys = await stack.enter_async_context(httpx.AsyncClient(base_url=UNREACHABLE, timeout=2))
        clients = {name: service.http for name, service in services.items()} | {"journeys": journeys}
        sessions = await session_settings(directory)
        settings = StaffAppSettings(dev_keys_dir=tokens.private_key.parent, **sessions)
        app = create_app(settings, clients)
        async with app.router.lifespan_context(app):
            yield Platform(services, tokens, httpx.ASGITransport(app=app))


def csrf_token(page: httpx.Response) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


async def signed_in(browser: httpx.AsyncClient, staff_id: str) -> httpx.AsyncClient:
    page = await browser.get("/anmelden")
    assert page.status_code == 200, page.text
    answer = await browser.post("/anmelden", data={"staff_id": staff_id, "csrf_token": csrf_token(page)})
    assert answer.status_code == 303, answer.text
    return browser


async def household_page(browser: httpx.AsyncClient, household_id: object) -> httpx.Response:
    """The household's Leistungen page, once benefits has heard of the household from intake's event."""
    path = f"/leistungen/{household_id}"

    async def arrived() -> bool:
        return "noch nicht angekommen" not in (await browser.get(path)).text

    await eventually(arrived)
    return await browser.get(path)


async def registered_client(
    platform: Platform,
    *,
    given_name: str = "Marie",
    family_name: str = "Kraska",
    postcode: str = "24321",
    earliest_start: str | None = None,
    target_groups: tuple[str, ...] = (),
) -> dict[str, object]:
    """A client registered at intake whose case coaching has opened (from the Kafka event) and assigned."""
    from services.platform.auth.staff import Role
    from tests.support.kafka_reading import eventually

    intake, coaching = platform.services["intake"].http, platform.services["coaching"].http
    body = {
        "person": {"given_name": given_name, "family_name": family_name, "birth_date": "1991-04-02"},
        "residence_postcode": postcode,
        "target_groups": list(target_groups),
        "availability": {"earliest_daily_start": earliest_start},
        "consent": True,
    }
    answer = await intake.post("/clients", json=body, headers=platform.tokens.headers(Role.INTAKE_CLERK))
    assert answer.status_code == 201, answer.text
    client = dict(answer.json())
    worker = platform.tokens.headers(Role.JOURNEY_WORKER, staff_id="journey-worker")

    async def case_opened() -> bool:
        return (await coaching.get(f"/cases/{client['client_id']}", headers=worker)).status_code == 200

    await eventually(case_opened)
    assigned = await coaching.post(f"/cases/{client['client_id']}/assignment", json={}, headers=worker)
    assert assigned.status_code == 200, assigned.text
    return client | {"case_worker_id": assigned.json()["case_worker_id"]}


async def ready_for_placement(platform: Platform, client: dict[str, object]) -> None:
    """Coaching declares the client ready; placement opens the job search when it hears of it."""
    from services.platform.auth.staff import Role

    headers = platform.tokens.headers(
        Role.CASE_MANAGER, offices=("lutjenburg",), staff_id=str(client["case_worker_id"])
    )
    answer = await platform.services["coaching"].http.post(f"/cases/{client['client_id']}/readiness", headers=headers)
    assert answer.status_code == 200, answer.text

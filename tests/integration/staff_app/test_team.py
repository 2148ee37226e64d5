"""The team lead's page against the real journeys API (Temporal visibility) and coaching's caseloads.

Coaching and placement run over HTTP, a journey worker and the journeys API on the session's Temporal dev
server, as in tests/integration/test_journey_lists.py. Other tests' journeys share that server, so the page is
checked against what the journeys API itself answers at the same moment, and for journeys of this test.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from uuid import uuid4

import httpx
import pytest

from contracts.envelope import Envelope
from deploy.launcher.process import free_ports
from services.platform.auth.staff import Role
from staff_app.app import create_app
from staff_app.settings import StaffAppSettings
from tests.integration.journey_support import journey_worker, registration, worker_settings
from tests.integration.staff_app.conftest import signed_in
from tests.support.kafka_reading import eventually
from tests.support.staff_app_sessions import session_settings
from workflows.bridge import JourneyBridge
from workflows.worker import journeys_api

UI = "http://temporal-ui.test:8233"


@pytest.fixture(scope="module")
async def team_app(journey_client, journey_services, tokens, tmp_path_factory):
    coaching, _ = journey_services
    (port,) = free_ports(1)
    settings = worker_settings(
        tokens, *journey_services, api_port=port, jwt_public_key_file=tokens.public_key, temporal_ui_url=UI
    )
    async with (
        journey_worker(journey_client, settings) as task_queue,
        journeys_api(journey_client, settings),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as journeys,
    ):
        sessions = await session_settings(tmp_path_factory.mktemp("team-app"))
        app = create_app(
            StaffAppSettings(dev_keys_dir=tokens.private_key.parent, **sessions),
            {"coaching": coaching.http, "journeys": journeys},
        )
        async with app.router.lifespan_context(app):
            yield httpx.ASGITransport(app=app), journeys, task_queue


async def test_the_team_page_counts_clients_per_stage_and_office_as_the_journeys_api_does_and_lists_them(
    team_app, journey_client, tokens
):
    transport, journeys, task_queue = team_app
    bridge = JourneyBridge(journey_client, task_queue)
    events = [registration(uuid4(), "heikendorf") for _ in range(2)]
    for event in events:
        await bridge.signal(Envelope(id=uuid4(), source="/tests", time=datetime.now(UTC), data=event))
    lead = tokens.headers(Role.CASE_MANAGER, Role.OPERATOR, offices=("heikendorf",), staff_id="heikendorf-lead-01")

    async def listed() -> bool:
        page = await journeys.get("/journeys", params={"office_id": "heikendorf", "stage": "registered"}, headers=lead)
        ids = {item["client_id"] for item in page.json()["items"]}
        return all(str(e.client_id) in ids for e in events)

    await eventually(listed)
    async with httpx.AsyncClient(transport=transport, base_url="http://staff.test") as browser:
        await signed_in(browser, "heikendorf-lead-01")
        page = await browser.get("/team", params={"office_id": "heikendorf", "stage": "registered"})
        expected = (await journeys.get("/journeys/count", params={"office_id": "heikendorf"}, headers=lead)).json()
    assert page.status_code == 200, page.text
    row = re.search(r'<th scope="row">Heikendorf</th>(.*?)</tr>', page.text, re.S)
    assert row, page.text
    cells = [int(c) for c in re.findall(r'<td class="amount">(\d+)</td>', row.group(1))]
    assert cells[0] == expected["by_stage"].get("registered", 0) >= 2 and cells[-1] == expected["total"]
    for event in events:
        assert f'href="/akte/{event.client_id}"' in page.text
    assert f"{UI}/namespaces/default/workflows/journey-{events[0].client_id}" in page.text
    assert "Fallzahlen je Mitarbeiterin/Mitarbeiter" in page.text and "heikendorf-cm-01" in page.text

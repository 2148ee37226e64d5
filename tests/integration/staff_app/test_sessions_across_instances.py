"""Sessions live in the staff app's database: they outlast a restart, and every instance on that database
knows them (two instances as behind a load balancer), on SQLite and PostgreSQL, against the real coaching
roster. The instances share one injected clock, so the idle timeout is tested without waiting."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from staff_app.app import create_app
from staff_app.sessions import COOKIE
from staff_app.settings import StaffAppSettings
from tests.integration.staff_app.conftest import Platform, csrf_token, signed_in
from tests.support.staff_app_sessions import session_settings


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@asynccontextmanager
async def instance(platform: Platform, settings: StaffAppSettings, clock: Clock) -> AsyncIterator[httpx.ASGITransport]:
    """One staff app process: started, serving, then stopped (its lifespan ends, its engine is closed)."""
    clients = {name: service.http for name, service in platform.services.items()}
    app = create_app(settings, clients, clock=clock)
    async with app.router.lifespan_context(app):
        yield httpx.ASGITransport(app=app)


def browser(transport: httpx.ASGITransport, cookie: str | None = None) -> httpx.AsyncClient:
    found = httpx.AsyncClient(transport=transport, base_url="http://staff.test")
    if cookie is not None:
        found.cookies.set(COOKIE, cookie, domain="staff.test")  # as the server set it: replaced at sign-in
    return found


async def settings_on(database_url: str, tmp_path: Path, platform: Platform) -> StaffAppSettings:
    sessions = await session_settings(tmp_path, database_url)
    return StaffAppSettings(dev_keys_dir=platform.tokens.private_key.parent, **sessions)


async def test_a_session_survives_a_restart_of_the_staff_app(platform, database_url, tmp_path):
    settings, clock = await settings_on(database_url, tmp_path, platform), Clock()
    async with instance(platform, settings, clock) as before, browser(before) as tab:
        await signed_in(tab, "lutjenburg-cm-01")
        cookie = tab.cookies[COOKIE]
    async with instance(platform, settings, clock) as after, browser(after, cookie) as tab:
        home = await tab.get("/")
        assert home.status_code == 200 and "Mein Arbeitsplatz" in home.text
        assert "lutjenburg-cm-01" in (await tab.get("/suche")).text


async def test_a_session_begun_at_one_instance_is_known_at_the_other_with_its_csrf_token(
    platform, database_url, tmp_path
):
    settings, clock = await settings_on(database_url, tmp_path, platform), Clock()
    async with instance(platform, settings, clock) as one, instance(platform, settings, clock) as other:
        async with browser(one) as tab:
            page = await tab.get("/anmelden")  # the anonymous session and its form at one instance …
            cookie = tab.cookies[COOKIE]
        async with browser(other, cookie) as tab:  # … the form posted to the other
            answer = await tab.post("/anmelden", data={"staff_id": "lutjenburg-cm-01", "csrf_token": csrf_token(page)})
            assert answer.status_code == 303 and tab.cookies[COOKIE] != cookie
            cookie = tab.cookies[COOKIE]
        async with browser(one, cookie) as tab:
            assert (await tab.get("/")).status_code == 200


async def test_signing_out_at_one_instance_ends_the_session_at_every_instance(platform, database_url, tmp_path):
    settings, clock = await settings_on(database_url, tmp_path, platform), Clock()
    async with instance(platform, settings, clock) as one, instance(platform, settings, clock) as other:
        async with browser(one) as tab:
            await signed_in(tab, "lutjenburg-cm-01")
            cookie = tab.cookies[COOKIE]
            home = await tab.get("/")
        async with browser(other, cookie) as tab:
            assert (await tab.get("/")).status_code == 200
            answer = await tab.post("/abmelden", data={"csrf_token": csrf_token(home)})
            assert answer.status_code == 303
        for transport in (one, other):
            async with browser(transport, cookie) as tab:
                answer = await tab.get("/")
                assert answer.status_code == 303 and answer.headers["location"] == "/anmelden?abgelaufen=true"


async def test_an_idle_session_is_refused_after_the_timeout_at_every_instance(platform, database_url, tmp_path):
    settings, clock = await settings_on(database_url, tmp_path, platform), Clock()
    async with instance(platform, settings, clock) as one, instance(platform, settings, clock) as other:
        async with browser(one) as tab:
            await signed_in(tab, "lutjenburg-cm-01")
            cookie = tab.cookies[COOKIE]
        clock.now += 29 * 60
        async with browser(other, cookie) as tab:  # used after 29 minutes: the idle clock starts again
            assert (await tab.get("/")).status_code == 200
        clock.now += 29 * 60
        async with browser(one, cookie) as tab:
            assert (await tab.get("/")).status_code == 200
        clock.now += 30 * 60 + 1
        for transport in (other, one):
            async with browser(transport, cookie) as tab:
                answer = await tab.get("/")
                assert answer.status_code == 303 and answer.headers["location"].startswith("/anmelden")

"""The session store on its real table, on SQLite and PostgreSQL: fixation, idle timeout, purge, sign-out."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from staff_app.migrate import upgrade_async
from staff_app.session_rows import SessionTable, create_engine, metadata, staff_sessions
from staff_app.session_seal import SessionSeal
from staff_app.sessions import SessionStore, Staff

CASE_MANAGER = Staff("lutjenburg-cm-01", frozenset({"case_manager"}), frozenset({"lutjenburg"}), "token")
IDLE = 30 * 60.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def table(database_url: str) -> AsyncIterator[SessionTable]:
    await upgrade_async(database_url)
    engine = create_engine(database_url)
    try:
        yield SessionTable(engine, SessionSeal(os.urandom(32)))
    finally:
        await engine.dispose()


async def rows(table: SessionTable) -> list[sa.Row[tuple[str, str | None]]]:
    async with table._engine.connect() as connection:  # the test looks at what a stolen file would hold
        query = sa.select(staff_sessions.c.session_key, staff_sessions.c.staff_id)
        return list((await connection.execute(query)).all())


async def test_signing_in_replaces_the_anonymous_session_with_a_new_id_and_a_new_csrf_token(table):
    store = SessionStore(table, IDLE)
    anonymous = await store.new()
    signed_in = await store.sign_in(anonymous, CASE_MANAGER)
    assert signed_in.session_id != anonymous.session_id
    assert signed_in.csrf_token != anonymous.csrf_token
    assert await store.get(anonymous.session_id) is None
    found = await store.get(signed_in.session_id)
    assert found is not None and found.staff == CASE_MANAGER and found.csrf_token == signed_in.csrf_token


async def test_a_session_unused_for_longer_than_the_idle_timeout_is_refused_and_use_keeps_it_alive(table):
    clock = Clock()
    store = SessionStore(table, IDLE, clock)
    session = await store.new(CASE_MANAGER)
    for _ in range(3):  # used every 29 minutes: the idle clock starts again each time
        clock.now += 29 * 60
        assert await store.get(session.session_id) is not None
    clock.now += IDLE + 1
    assert await store.get(session.session_id) is None
    assert await rows(table) == []  # the refused row is gone, not only ignored


async def test_a_session_is_refused_once_its_idle_timeout_has_passed_even_if_touched_within_the_last_minute(table):
    clock = Clock()
    store = SessionStore(table, IDLE, clock)
    session = await store.new(CASE_MANAGER)
    clock.now += 30  # not written back: less than a minute of the idle clock has passed
    assert await store.get(session.session_id) is not None
    clock.now += IDLE - 29
    assert await store.get(session.session_id) is None  # 30 min 1 s after the start, 29 min 31 s after use


async def test_idle_sessions_are_purged_when_new_ones_begin(table):
    clock = Clock()
    store = SessionStore(table, IDLE, clock)
    stale = await store.new(CASE_MANAGER)
    clock.now += IDLE + 1
    fresh = await store.new()
    assert [row.session_key for row in await rows(table)] == [fresh.key]
    clock.now -= IDLE + 1  # even if the clock went back, the stale session was dropped
    assert await store.get(stale.session_id) is None


async def test_an_unknown_or_missing_session_id_finds_nothing(table):
    store = SessionStore(table, IDLE)
    assert await store.get(None) is None and await store.get("") is None and await store.get("forged") is None


async def test_signing_out_deletes_the_row(table):
    store = SessionStore(table, IDLE)
    session = await store.new(CASE_MANAGER)
    await store.drop(session)
    assert await store.get(session.session_id) is None and await rows(table) == []


async def test_the_table_holds_no_session_id_only_its_hash_and_the_staff_id(table):
    store = SessionStore(table, IDLE)
    session = await store.new(CASE_MANAGER)
    [row] = await rows(table)
    assert row.session_key == session.key != session.session_id and row.staff_id == "lutjenburg-cm-01"


async def test_a_session_stored_under_another_key_is_refused(table):
    store = SessionStore(table, IDLE)
    session = await store.new(CASE_MANAGER)
    rekeyed = SessionStore(SessionTable(table._engine, SessionSeal(os.urandom(32))), IDLE)
    assert await rekeyed.get(session.session_id) is None


async def test_the_oidc_state_saved_in_a_session_is_found_again(table):
    store = SessionStore(table, IDLE)
    session = await store.new()
    session.pending = {"state": "s", "nonce": "n", "verifier": "v"}
    await store.save(session)
    found = await store.get(session.session_id)
    assert found is not None and found.pending == {"state": "s", "nonce": "n", "verifier": "v"}


async def test_the_migrated_schema_equals_the_session_table(table):
    def differences(connection: sa.Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(connection), metadata))

    async with table._engine.connect() as connection:
        assert await connection.run_sync(differences) == []

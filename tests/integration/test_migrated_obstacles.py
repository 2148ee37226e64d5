"""A migrated client's obstacles in coaching (issue #13, option two of the carry step): kept sealed
under the person's key until the case manager agrees the first plan, shown to the plan's readers only (each
read audited), refused with reasons that name no kind, and dropped from the seal once the plan is agreed.
On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from sqlalchemy import select, text

from services.coaching.tables import MIGRATED_OBSTACLES, MigratedObstaclesRow
from services.platform.auth.staff import Role
from tests.integration.test_migrated_cases import migrated, opened
from tests.support.running_service import running_service

SPECIAL = ("health", "addiction")


@pytest.fixture
async def coaching(kafka_server, tokens, database_url):
    """Coaching on SQLite and on PostgreSQL."""
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("coaching", database_url, bootstrap, tokens.public_key) as service:
        yield service


async def keep(coaching, tokens, client_id, kinds, key=None, roles=(Role.JOURNEY_WORKER,)):
    headers = {**tokens.headers(*roles), "Idempotency-Key": key or str(uuid4())}
    return await coaching.http.put(
        f"/cases/{client_id}/migration/obstacles", json={"obstacles": kinds}, headers=headers
    )


async def clear_text_of(coaching) -> str:
    """Every clear column coaching has for the migrated obstacles, the takeover and the idempotent replies."""
    async with coaching.runtime.uow.transaction() as tx:
        rows = [
            str(tuple(row))
            for table in ("migrated_obstacles", "migrated_takeovers", "idempotency_keys")
            for row in (await tx.session.execute(text(f"SELECT * FROM {table}"))).all()
        ]
    return " ".join(rows)


async def test_imported_obstacles_are_kept_sealed_and_shown_only_to_the_plans_readers(coaching, tokens):
    case = await opened(coaching, migrated("lutjenburg-cm-03"))
    reply = await keep(coaching, tokens, case.client_id, ["health", "childcare", "addiction"])
    assert reply.status_code == 200, reply.text
    assert {"part": "obstacles", "outcome": "carried", "reasons": []} in reply.json()["parts"]
    assert [p["part"] for p in reply.json()["parts"]] == ["case_manager", "obstacles"]

    clear = await clear_text_of(coaching)
    assert not any(kind in clear for kind in (*SPECIAL, "childcare")), clear

    manager = await coaching.http.get(f"/cases/{case.client_id}", headers=tokens.headers(Role.CASE_MANAGER))
    assert manager.json()["migrated_obstacles"] == ["health", "childcare", "addiction"]
    placement = await coaching.http.get(f"/cases/{case.client_id}", headers=tokens.headers(Role.PLACEMENT_OFFICER))
    assert placement.json()["migrated_obstacles"] is None
    async with coaching.runtime.uow.transaction() as tx:
        audited = (
            await tx.session.execute(
                text("SELECT action, staff_id FROM special_category_audit WHERE field = :f ORDER BY occurred_at"),
                {"f": MIGRATED_OBSTACLES},
            )
        ).all()
    assert [a for a, _ in audited] == ["write", "read"], audited  # the placement officer's view opened nothing


async def test_a_retry_changes_nothing_and_the_first_plan_settles_them(coaching, tokens):
    case = await opened(coaching, migrated("lutjenburg-cm-03"))
    first = await keep(coaching, tokens, case.client_id, ["debts", "health"], key="carry-step-1")
    assert first.status_code == 200, first.text
    again = await keep(coaching, tokens, case.client_id, ["debts", "health"], key="carry-step-1")
    assert again.json() == first.json()
    obstacles = [{"kind": "debts"}, {"kind": "health"}]
    plan = {"obstacles": obstacles, "goals": [], "agreed_at": datetime.now(UTC).isoformat()}
    agreed = await coaching.http.put(
        f"/cases/{case.client_id}/cooperation-plan", json=plan, headers=tokens.headers(Role.CASE_MANAGER)
    )
    assert agreed.status_code == 200, agreed.text
    view = await coaching.http.get(f"/cases/{case.client_id}", headers=tokens.headers(Role.CASE_MANAGER))
    assert view.json()["migrated_obstacles"] is None
    assert {o["kind"] for o in view.json()["plan"]["obstacles"]} == {"debts", "health"}
    async with coaching.runtime.uow.transaction() as tx:
        row = (await tx.session.execute(select(MigratedObstaclesRow))).scalars().one()
    assert (row.sealed_obstacles, str(row.settled_plan_id)) == (None, agreed.json()["plan_id"])
    later = await keep(coaching, tokens, case.client_id, ["language"])  # a re-run of the step, after the plan
    assert later.status_code == 200 and later.json()["parts"] == first.json()["parts"]
    view = await coaching.http.get(f"/cases/{case.client_id}", headers=tokens.headers(Role.CASE_MANAGER))
    assert view.json()["migrated_obstacles"] is None


@pytest.mark.parametrize(
    ("kinds", "reason"),
    [
        (
            ["gambling", "debts"],
            "Ein Vermittlungshemmnis unbekannter Art nicht übernommen; die übrigen wurden übernommen.",
        ),
        (["gambling", "smoking"], "2 Vermittlungshemmnisse unbekannter Art nicht übernommen."),
    ],
    ids=["one unknown", "only unknown"],
)
async def test_kinds_coaching_does_not_know_are_refused_without_being_named(coaching, tokens, kinds, reason):
    case = await opened(coaching, migrated("lutjenburg-cm-03"))
    reply = await keep(coaching, tokens, case.client_id, kinds)
    part = next(p for p in reply.json()["parts"] if p["part"] == "obstacles")
    assert part == {"part": "obstacles", "outcome": "refused", "reasons": [reason]}
    assert "gambling" not in await clear_text_of(coaching)


async def test_a_closed_case_takes_no_obstacles(coaching, tokens):
    case = await opened(coaching, migrated("lutjenburg-cm-03"))
    closure = await coaching.http.post(
        f"/cases/{case.client_id}/closure", json={"reason": "moved_away"}, headers=tokens.headers(Role.CASE_MANAGER)
    )
    assert closure.status_code == 200, closure.text
    reply = await keep(coaching, tokens, case.client_id, ["health"])
    part = next(p for p in reply.json()["parts"] if p["part"] == "obstacles")
    assert part["outcome"] == "refused" and "geschlossen" in part["reasons"][0]
    async with coaching.runtime.uow.transaction() as tx:
        assert (await tx.session.execute(select(MigratedObstaclesRow))).scalars().all() == []


async def test_only_the_journey_worker_hands_them_over_and_bad_input_names_the_field(coaching, tokens):
    case = await opened(coaching, migrated("lutjenburg-cm-03"))
    assert (await keep(coaching, tokens, case.client_id, ["health"], roles=(Role.CASE_MANAGER,))).status_code == 403
    assert (await keep(coaching, tokens, case.client_id, ["health"], roles=(Role.OPERATOR,))).status_code == 403
    assert (await keep(coaching, tokens, uuid4(), ["health"])).status_code == 404
    bad = await keep(coaching, tokens, case.client_id, [""])
    assert bad.status_code == 422 and "obstacles" in bad.text, bad.text


async def test_the_export_opens_them_for_the_data_protection_officer_and_erasure_deletes_them(coaching, tokens):
    case = await opened(coaching, migrated("lutjenburg-cm-03"))
    assert (await keep(coaching, tokens, case.client_id, ["addiction"])).status_code == 200
    async with coaching.runtime.uow.transaction() as tx:
        row = (await tx.session.execute(select(MigratedObstaclesRow))).scalars().one()
    assert row.sealed_obstacles is not None and row.sealed_obstacles.startswith("person:")  # the person's own key
    dpo = tokens.headers(Role.DATA_PROTECTION_OFFICER, offices=("lutjenburg",), staff_id="dpo-1")
    exported = await coaching.http.get(f"/persons/{case.client_id}/export", headers=dpo)
    assert exported.status_code == 200, exported.text
    (held,) = exported.json()["tables"]["migrated_obstacles"]
    assert held["sealed_obstacles"] == {"obstacles": ["addiction"]}
    headers = {**tokens.headers(Role.JOURNEY_WORKER, staff_id="erasure"), "Idempotency-Key": f"erase-{case.client_id}"}
    erased = await coaching.http.post(f"/persons/{case.client_id}/erasure", headers=headers)
    assert erased.status_code == 200 and erased.json()["rows"]["migrated_obstacles"] == 1, erased.text
    async with coaching.runtime.uow.transaction() as tx:
        assert (await tx.session.execute(select(MigratedObstaclesRow))).scalars().all() == []


async def test_a_carry_after_the_case_closed_drops_what_was_kept(coaching, tokens):
    case = await opened(coaching, migrated("lutjenburg-cm-03"))
    assert (await keep(coaching, tokens, case.client_id, ["health"])).status_code == 200
    closure = await coaching.http.post(
        f"/cases/{case.client_id}/closure", json={"reason": "moved_away"}, headers=tokens.headers(Role.CASE_MANAGER)
    )
    assert closure.status_code == 200, closure.text
    again = await keep(coaching, tokens, case.client_id, ["health"])
    assert next(p for p in again.json()["parts"] if p["part"] == "obstacles")["outcome"] == "refused"
    async with coaching.runtime.uow.transaction() as tx:
        row = (await tx.session.execute(select(MigratedObstaclesRow))).scalars().one()
    assert row.sealed_obstacles is None

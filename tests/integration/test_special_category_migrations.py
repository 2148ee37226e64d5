"""Upgrading a database with special-category data in clear seals it with the service's key ring (and the
downgrade restores it); without the key ring the upgrade stops and changes nothing. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from uuid import uuid4

import pytest
import sqlalchemy as sa

from services.platform.privacy.cipher import FieldCipher, field_context
from services.platform.privacy.keys import ensure_key_ring, load_key_ring
from services.platform.privacy.migration import MissingDataKey
from tests.integration.migration_support import (
    NOW,
    clients,
    downgrade,
    migrate,
    run,
    stored_replies,
    stored_reply,
    stored_reply_bodies,
    table,
)

cases = table(
    "cases",
    client_id=sa.Uuid(),
    household_id=sa.Uuid(),
    office_id=sa.String(),
    status=sa.String(),
    opened_at=sa.DateTime(timezone=True),
)
plans = table(
    "cooperation_plans",
    plan_id=sa.Uuid(),
    client_id=sa.Uuid(),
    case_worker_id=sa.String(),
    agreed_at=sa.DateTime(timezone=True),
    review_due=sa.Date(),
    goals=sa.JSON(),
    obstacles=sa.JSON(),
    recorded_at=sa.DateTime(timezone=True),
    sealed_content=sa.Text(),
)

contacts = table(
    "contacts",
    contact_id=sa.Uuid(),
    client_id=sa.Uuid(),
    case_worker_id=sa.String(),
    channel=sa.String(),
    occurred_at=sa.DateTime(timezone=True),
    note=sa.String(),
    sealed_note=sa.Text(),
)
tasks = table(
    "tasks",
    task_id=sa.Uuid(),
    client_id=sa.Uuid(),
    office_id=sa.String(),
    kind=sa.String(),
    status=sa.String(),
    due_at=sa.DateTime(timezone=True),
    detail=sa.String(),
    created_at=sa.DateTime(timezone=True),
    created_by=sa.String(),
    sealed_detail=sa.Text(),
)


async def stored_client(url: str) -> sa.Row:
    (row,) = await run(url, sa.select(clients))
    return row


async def test_an_intake_database_with_health_data_in_clear_is_sealed_only_with_the_key_ring(
    database_url, tmp_path, monkeypatch
):
    monkeypatch.delenv("LOTSE_INTAKE_DATA_KEY_FILE", raising=False)
    await migrate("intake", database_url, "0001")
    client_id = uuid4()
    await run(
        database_url,
        sa.insert(clients).values(
            client_id=client_id,
            household_id=uuid4(),
            office_id="plon",
            given_name="Jens",
            family_name="Petersen",
            birth_date=date(1971, 6, 2),
            postcode="24306",
            target_groups=["health_limitations", "older"],
            consent_given_at=NOW,
            registered_at=NOW,
            registered_by="migrated",
        ),
    )

    with pytest.raises(MissingDataKey, match="LOTSE_INTAKE_DATA_KEY_FILE"):
        await migrate("intake", database_url, "heads")
    (unchanged,) = await run(database_url, sa.text("SELECT target_groups FROM clients"))
    assert "health_limitations" in str(unchanged[0])
    (version,) = await run(database_url, sa.text("SELECT version_num FROM alembic_version"))
    assert version[0] == "0001"  # nothing changed

    key_ring = ensure_key_ring(tmp_path / "intake-data.key")
    monkeypatch.setenv("LOTSE_INTAKE_DATA_KEY_FILE", str(key_ring))
    await migrate("intake", database_url, "heads")
    row = await stored_client(database_url)
    assert row.target_groups == ["older"] and "health" not in row.special_categories
    assert FieldCipher(load_key_ring(key_ring)).open_json(
        row.special_categories, field_context("clients.special_categories", client_id)
    ) == {"target_groups": ["health_limitations"]}

    await downgrade("intake", database_url, "0001")
    (restored,) = await run(database_url, sa.text("SELECT target_groups FROM clients"))
    assert "health_limitations" in str(restored[0]) and "older" in str(restored[0])


async def test_a_coaching_database_with_addiction_obstacles_in_clear_is_sealed_and_restored(
    database_url, tmp_path, monkeypatch
):
    monkeypatch.delenv("LOTSE_COACHING_DATA_KEY_FILE", raising=False)
    await migrate("coaching", database_url, "0002")
    client_id, plan_id = uuid4(), uuid4()
    obstacles = [
        {"kind": "childcare", "status": "in_progress", "note": "Kita from August"},
        {"kind": "addiction", "status": "referred", "note": None},
    ]
    goals = ["referral to the addiction counselling service"]
    await run(
        database_url,
        sa.insert(cases).values(
            client_id=client_id, household_id=uuid4(), office_id="plon", status="in_coaching", opened_at=NOW
        ),
    )
    await run(
        database_url,
        sa.insert(plans).values(
            plan_id=plan_id,
            client_id=client_id,
            case_worker_id="plon-cm-01",
            agreed_at=NOW,
            review_due=date(2026, 7, 15),
            goals=goals,
            obstacles=obstacles,
            recorded_at=NOW,
        ),
    )

    with pytest.raises(MissingDataKey):
        await migrate("coaching", database_url, "heads")
    key_ring = ensure_key_ring(tmp_path / "coaching-data.key")
    monkeypatch.setenv("LOTSE_COACHING_DATA_KEY_FILE", str(key_ring))
    await migrate("coaching", database_url, "heads")
    (row,) = await run(database_url, sa.select(plans.c.obstacles, plans.c.sealed_content))
    assert row.obstacles == [{"kind": "childcare", "status": "in_progress", "note": None}]
    assert "addiction" not in row.sealed_content
    sealed = FieldCipher(load_key_ring(key_ring)).open_json(
        row.sealed_content, field_context("cooperation_plans.sealed_content", plan_id)
    )
    assert sealed == {"obstacles": obstacles, "goals": goals}

    await downgrade("coaching", database_url, "0002")
    (restored,) = await run(database_url, sa.select(plans.c.obstacles, plans.c.goals))
    assert (restored.obstacles, restored.goals) == (obstacles, goals)


async def test_coaching_contact_notes_and_task_details_in_clear_are_sealed_and_restored(
    database_url, tmp_path, monkeypatch
):
    monkeypatch.delenv("LOTSE_COACHING_DATA_KEY_FILE", raising=False)
    await migrate("coaching", database_url, "0003")
    client_id, contact_id, task_id = uuid4(), uuid4(), uuid4()
    note, detail = "spoke about the addiction counselling", "health check first"
    await run(
        database_url,
        sa.insert(cases).values(
            client_id=client_id, household_id=uuid4(), office_id="plon", status="in_coaching", opened_at=NOW
        ),
    )
    await run(
        database_url,
        sa.insert(contacts).values(
            contact_id=contact_id,
            client_id=client_id,
            case_worker_id="plon-cm-01",
            channel="phone",
            occurred_at=NOW,
            note=note,
        ),
    )
    await run(
        database_url,
        sa.insert(tasks).values(
            task_id=task_id,
            client_id=client_id,
            office_id="plon",
            kind="plan_review",
            status="open",
            due_at=NOW,
            detail=detail,
            created_at=NOW,
            created_by="journey-worker",
        ),
    )

    task_reply = {
        "task_id": str(task_id),
        "client_id": str(client_id),
        "office_id": "plon",
        "kind": "plan_review",
        "status": "open",
        "due_at": "2026-01-15T10:00:00Z",
        "case_worker_id": None,
        "detail": detail,
        "created_at": "2026-01-15T10:00:00Z",
        "completed_at": None,
        "completed_by": None,
    }
    completed = {**task_reply, "status": "done", "completed_at": "2026-01-16T09:00:00Z", "completed_by": "plon-cm-01"}
    contact_reply = json.dumps(
        {"contact_id": str(contact_id), "client_id": str(client_id), "case_worker_id": "plon-cm-01", "channel": "phone"}
    ).encode()
    other_reply = b'{"detail": "not a task", "status": "kept", "items": [1, 2]}'
    await run(
        database_url,
        sa.insert(stored_replies).values(
            [
                stored_reply("raised", json.dumps(task_reply, ensure_ascii=False).encode(), 201),
                stored_reply("completed", json.dumps(completed).encode()),
                stored_reply("contact", contact_reply, 201),
                stored_reply("other", other_reply),
            ]
        ),
    )

    with pytest.raises(MissingDataKey):
        await migrate("coaching", database_url, "heads")
    (version,) = await run(database_url, sa.text("SELECT version_num FROM alembic_version"))
    assert version[0] == "0003"  # nothing changed
    assert detail in (await stored_reply_bodies(database_url))["raised"].decode()
    key_ring = ensure_key_ring(tmp_path / "coaching-data.key")
    monkeypatch.setenv("LOTSE_COACHING_DATA_KEY_FILE", str(key_ring))
    await migrate("coaching", database_url, "heads")
    cipher = FieldCipher(load_key_ring(key_ring))
    ((sealed_note,),) = await run(database_url, sa.select(contacts.c.sealed_note))
    ((sealed_detail,),) = await run(database_url, sa.select(tasks.c.sealed_detail))
    assert "addiction" not in sealed_note and "health" not in sealed_detail
    assert cipher.open_json(sealed_note, field_context("contacts.sealed_note", contact_id)) == {"note": note}
    assert cipher.open_json(sealed_detail, field_context("tasks.sealed_detail", task_id)) == {"detail": detail}
    replies = await stored_reply_bodies(database_url)
    assert json.loads(replies["raised"]) == {**task_reply, "detail": None}  # as replies to writes are now
    assert json.loads(replies["completed"]) == {**completed, "detail": None}
    assert (replies["contact"], replies["other"]) == (contact_reply, other_reply)  # other replies untouched

    await downgrade("coaching", database_url, "0003")
    assert await run(database_url, sa.select(contacts.c.note)) == [(note,)]
    assert await run(database_url, sa.select(tasks.c.detail)) == [(detail,)]

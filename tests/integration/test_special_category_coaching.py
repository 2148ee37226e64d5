"""The cooperation plan's health and addiction obstacles (GDPR Art. 9) and its free text on SQLite and PostgreSQL:
sealed at rest, shown only to case managers and coaches of the client's office, every write and read audited."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from sqlalchemy import text

from services.coaching.domain.model import CaseStatus
from services.coaching.tables import CaseRow
from services.platform.auth.staff import Role
from tests.support.openapi_formats import conforms, declared
from tests.support.running_service import running_service

CASE_MANAGER = "lutjenburg-cm-05"
PLAN = {
    "obstacles": [
        {"kind": "addiction", "status": "referred"},
        {"kind": "debts", "status": "referred", "note": "Schuldnerberatung Plön"},
        {"kind": "health", "status": "identified"},
    ],
    "goals": ["referral to the addiction counselling service", "work in the harbour"],
    "agreed_at": "2026-01-15T10:00:00Z",
}


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def as_(tokens, role: Role, office: str = "lutjenburg", staff_id: str = CASE_MANAGER) -> dict[str, str]:
    return tokens.headers(role, offices=(office,), staff_id=staff_id)


async def assigned_case(coaching) -> UUID:
    """Arrange: a Lütjenburg case with its case manager (as if registered and assigned)."""
    client_id = uuid4()
    async with coaching.runtime.uow.transaction() as tx:
        tx.session.add(
            CaseRow(
                client_id=client_id,
                household_id=uuid4(),
                office_id="lutjenburg",
                status=CaseStatus.IN_COACHING,
                case_worker_id=CASE_MANAGER,
                program_id="standard",
                contact_interval_days=30,
                assigned_at=datetime.now(UTC),
                opened_at=datetime.now(UTC),
            )
        )
    return client_id


async def agree(coaching, tokens, client_id: UUID, plan=PLAN, key: str | None = None) -> dict:
    headers = {**as_(tokens, Role.CASE_MANAGER), **({"Idempotency-Key": key} if key else {})}
    response = await coaching.http.put(f"/cases/{client_id}/cooperation-plan", json=plan, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def raw_text(service, table: str) -> str:
    """Everything a table holds, as someone reading the database files would see it."""
    async with service.runtime.engine.connect() as connection:
        rows = (await connection.execute(text(f"SELECT * FROM {table}"))).all()
    return " ".join(v.decode("latin-1") if isinstance(v, bytes) else str(v) for row in rows for v in row)


async def audit_trail(coaching, tokens, client_id: UUID) -> list[tuple[str, str, str]]:
    response = await coaching.http.get(
        f"/audit/special-category?client_id={client_id}",
        headers=as_(tokens, Role.DATA_PROTECTION_OFFICER, "*", "dpo-1"),
    )
    assert response.status_code == 200, response.text
    return [(e["staff_id"], e["action"], e["purpose"]) for e in response.json()["items"]]


async def test_no_table_holds_health_or_addiction_obstacles_in_clear(coaching, tokens):
    client_id = await assigned_case(coaching)
    reply = await agree(coaching, tokens, client_id, key="plan-0001")
    # The reply is kept in clear for retries: only the ordinary obstacles' kinds and statuses.
    assert (reply["obstacles"], reply["goals"]) == ([{"kind": "debts", "status": "referred", "note": None}], None)
    for table in ("cooperation_plans", "outbox", "idempotency_keys", "special_category_audit"):
        stored = (await raw_text(coaching, table)).lower()
        assert "addiction" not in stored and "health" not in stored, table
        assert "schuldnerberatung" not in stored and "harbour" not in stored, table  # free text is sealed too
    assert "debts" in await raw_text(coaching, "cooperation_plans")


async def test_case_managers_and_coaches_of_the_office_see_them_everyone_else_gets_them_left_out(coaching, tokens):
    client_id = await assigned_case(coaching)
    await agree(coaching, tokens, client_id)
    seen = {}
    for role in (Role.CASE_MANAGER, Role.COACH, Role.PLACEMENT_OFFICER, Role.JOURNEY_WORKER):
        response = await coaching.http.get(f"/cases/{client_id}", headers=as_(tokens, role, staff_id=role.value))
        assert response.status_code == 200, (role, response.text)
        seen[role] = response.json()["plan"]
    for reader in (Role.CASE_MANAGER, Role.COACH):
        as_agreed = [{"note": None, **o} for o in PLAN["obstacles"]]
        assert (seen[reader]["obstacles"], seen[reader]["goals"]) == (as_agreed, PLAN["goals"]), reader
    for other in (Role.PLACEMENT_OFFICER, Role.JOURNEY_WORKER):
        assert seen[other]["obstacles"] == [{"kind": "debts", "status": "referred", "note": None}], other
        assert seen[other]["goals"] is None, other
    other_office = await coaching.http.get(f"/cases/{client_id}", headers=as_(tokens, Role.CASE_MANAGER, "plon"))
    assert other_office.status_code == 403
    for role in (Role.INTAKE_CLERK, Role.BENEFITS_CLERK, Role.DATA_PROTECTION_OFFICER):
        assert (await coaching.http.get(f"/cases/{client_id}", headers=as_(tokens, role))).status_code == 403


async def test_each_write_and_each_read_by_a_reader_is_audited_with_its_endpoint(coaching, tokens):
    client_id = await assigned_case(coaching)
    await agree(coaching, tokens, client_id)
    await agree(coaching, tokens, client_id)  # the same plan again: compared (a read), nothing written
    for role in (Role.COACH, Role.JOURNEY_WORKER):
        await coaching.http.get(f"/cases/{client_id}", headers=as_(tokens, role, staff_id=role.value))

    plan_path = "PUT /cases/{client_id}/cooperation-plan"
    assert await audit_trail(coaching, tokens, client_id) == [
        (CASE_MANAGER, "write", plan_path),
        (CASE_MANAGER, "read", plan_path),
        ("coach", "read", "GET /cases/{client_id}"),
    ]
    async with coaching.runtime.engine.connect() as connection:
        plans = (await connection.execute(text("SELECT count(*) FROM cooperation_plans"))).scalar_one()
    assert plans == 1


async def test_a_changed_plan_is_sealed_anew_and_shown_in_the_order_agreed(coaching, tokens):
    client_id = await assigned_case(coaching)
    await agree(coaching, tokens, client_id)
    review = {
        **PLAN,
        "obstacles": [{"kind": "debts", "status": "resolved"}, {"kind": "health", "status": "referred"}],
        "agreed_at": "2026-07-15T10:00:00Z",
    }
    await agree(coaching, tokens, client_id, review)
    case = (await coaching.http.get(f"/cases/{client_id}", headers=as_(tokens, Role.CASE_MANAGER))).json()
    assert [(o["kind"], o["status"]) for o in case["plan"]["obstacles"]] == [
        ("debts", "resolved"),
        ("health", "referred"),
    ]
    assert case["plan"]["goals"] == PLAN["goals"]
    assert [a for _, a, _ in await audit_trail(coaching, tokens, client_id)] == ["write", "write", "read"]


async def test_contact_notes_and_task_details_are_sealed_shown_only_to_readers_of_the_office_and_audited(
    coaching, tokens
):
    client_id = await assigned_case(coaching)
    note, detail = "talked about the addiction counselling", "health check before the review"
    contact = await coaching.http.post(
        f"/cases/{client_id}/contacts",
        headers=as_(tokens, Role.CASE_MANAGER),
        json={"channel": "phone", "occurred_at": "2026-01-15T10:00:00Z", "note": note},
    )
    assert contact.status_code == 201, contact.text
    worker = {**as_(tokens, Role.JOURNEY_WORKER, staff_id="journey-worker"), "Idempotency-Key": "task-0001"}
    task = await coaching.http.post(
        f"/cases/{client_id}/tasks",
        headers=worker,
        json={"kind": "plan_review", "due_at": "2026-02-01T08:00:00Z", "detail": detail},
    )
    assert task.status_code == 201 and task.json()["detail"] is None, task.text  # the reply is kept for retries
    for table in ("contacts", "tasks", "outbox", "idempotency_keys", "special_category_audit"):
        stored = (await raw_text(coaching, table)).lower()
        assert "addiction" not in stored and "health" not in stored, table

    listed = await coaching.http.get("/tasks?office_id=lutjenburg", headers=as_(tokens, Role.CASE_MANAGER))
    assert [t["detail"] for t in listed.json()["items"]] == [detail]
    seen = {}
    for role in (Role.COACH, Role.PLACEMENT_OFFICER):
        case = await coaching.http.get(f"/cases/{client_id}", headers=as_(tokens, role, staff_id=role.value))
        seen[role] = [t["detail"] for t in case.json()["open_tasks"]]
    assert seen == {Role.COACH: [detail], Role.PLACEMENT_OFFICER: [None]}
    assert await audit_trail(coaching, tokens, client_id) == [
        (CASE_MANAGER, "write", "POST /cases/{client_id}/contacts"),
        ("journey-worker", "write", "POST /cases/{client_id}/tasks"),
        (CASE_MANAGER, "read", "GET /tasks"),
        ("coach", "read", "GET /cases/{client_id}"),
    ]


async def test_the_audit_trail_gives_each_access_its_moment_with_an_offset_as_its_schema_says(coaching, tokens):
    client_id = await assigned_case(coaching)
    await agree(coaching, tokens, client_id)
    response = await coaching.http.get(
        f"/audit/special-category?client_id={client_id}",
        headers=as_(tokens, Role.DATA_PROTECTION_OFFICER, "*", "dpo-1"),
    )
    schema = declared(coaching.app, "AuditEntryOut", "occurred_at")
    assert [conforms(schema, e["occurred_at"]) for e in response.json()["items"]] == [True], response.text


async def test_a_page_of_tasks_audits_each_detail_shown_once_and_nothing_for_a_reader_it_hides_them_from(
    coaching, tokens
):
    clients = [await assigned_case(coaching) for _ in range(2)]
    worker = as_(tokens, Role.JOURNEY_WORKER, staff_id="journey-worker")
    for n, client_id in enumerate([*clients, clients[0]]):
        task = await coaching.http.post(
            f"/cases/{client_id}/tasks",
            headers={**worker, "Idempotency-Key": f"page-task-{n}"},
            json={"kind": "contact_overdue", "due_at": "2026-02-01T08:00:00Z", "detail": f"Rückruf {n}"},
        )
        assert task.status_code == 201, task.text
    mine = await coaching.http.get("/tasks?assignee=me&state=open", headers=as_(tokens, Role.CASE_MANAGER))
    placement = await coaching.http.get(
        f"/cases/{clients[0]}", headers=as_(tokens, Role.PLACEMENT_OFFICER, staff_id="placement-1")
    )
    assert sorted(t["detail"] for t in mine.json()["items"]) == ["Rückruf 0", "Rückruf 1", "Rückruf 2"]
    assert [t["detail"] for t in placement.json()["open_tasks"]] == [None, None]
    reads = {c: [e for e in await audit_trail(coaching, tokens, c) if e[1] == "read"] for c in clients}
    assert reads == {
        clients[0]: [(CASE_MANAGER, "read", "GET /tasks")] * 2,
        clients[1]: [(CASE_MANAGER, "read", "GET /tasks")],
    }

"""Coaching end to end: registrations arrive over real Kafka, the API runs on SQLite and PostgreSQL,
the outbox relay publishes the case's facts to Kafka."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select

from contracts import topics
from contracts.envelope import Envelope, to_record
from contracts.events import (
    CaseAssignedV1,
    ClientRegisteredV1,
    CooperationPlanAgreedV1,
    EmploymentEndedV1,
    Event,
    ReadyForPlacementV1,
)
from services.coaching.domain.model import CaseStatus
from services.coaching.tables import AppointmentRow, CaseRow, plumbing
from services.platform.auth.staff import Role
from tests.support.kafka_reading import envelopes, eventually, read_until
from tests.support.running_service import running_service

LUTJENBURG_EQUAL_OPPORTUNITIES = "lutjenburg-cm-03"  # the roster's equal-opportunities case manager (seed 001)
THURSDAY_2PM = "2026-01-15T14:00:00+01:00"  # Lütjenburg is open on Thursday afternoons (seed 000)
WEDNESDAY_2PM = "2026-01-14T13:00:00Z"  # 14:00 in Berlin on a Wednesday: closed


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def worker(tokens):
    return tokens.headers(Role.JOURNEY_WORKER, staff_id="journey-worker")


def case_manager(tokens, staff_id=LUTJENBURG_EQUAL_OPPORTUNITIES, offices=("lutjenburg",)):
    return tokens.headers(Role.CASE_MANAGER, offices=offices, staff_id=staff_id)


async def announce(bootstrap: str, event: Event) -> None:
    """Publish a fact on its topic the way the owning service's relay does."""
    record = to_record(Envelope(id=uuid4(), source="/tests", time=datetime.now(UTC), data=event))
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        await producer.send_and_wait(event.topic.name, record.value, key=record.key, headers=record.headers)
    finally:
        await producer.stop()


async def register(bootstrap: str, *target_groups: str, office_id: str = "lutjenburg") -> UUID:
    client_id = uuid4()
    await announce(
        bootstrap,
        ClientRegisteredV1(
            client_id=client_id,
            household_id=uuid4(),
            office_id=office_id,
            target_groups=list(target_groups),
            registered_at=datetime.now(UTC),
        ),
    )
    return client_id


async def registered(coaching, tokens, bootstrap: str, *target_groups: str) -> UUID:
    client_id = await register(bootstrap, *target_groups)

    async def case_exists() -> bool:
        return (await coaching.http.get(f"/cases/{client_id}", headers=worker(tokens))).status_code == 200

    await eventually(case_exists)
    return client_id


async def assign(coaching, tokens, client_id: UUID, program_id: str | None = None, key: str | None = None):
    headers = {**worker(tokens), **({"Idempotency-Key": key} if key else {})}
    return await coaching.http.post(f"/cases/{client_id}/assignment", json={"program_id": program_id}, headers=headers)


async def case_events(bootstrap: str, client_id: UUID, until_type: str, count: int = 1) -> list[Envelope]:
    """This client's facts on the cases topic, read until `count` of type `until_type` arrived."""

    def mine(records):
        return [e for e in envelopes(records) if getattr(e.data, "client_id", None) == client_id]

    records = await read_until(
        bootstrap, topics.CASES.name, lambda rs: sum(e.data.type == until_type for e in mine(rs)) >= count
    )
    return mine(records)


async def outbox_rows(coaching) -> int:
    async with coaching.runtime.uow.transaction() as tx:
        return int(await tx.session.scalar(select(func.count()).select_from(plumbing.outbox)) or 0)


async def test_a_registered_client_is_assigned_once_to_the_fitting_case_manager_and_kafka_hears_it_once(
    coaching, tokens, kafka_server
):
    bootstrap = kafka_server.bootstrap_servers
    unknown = await assign(coaching, tokens, uuid4())
    assert unknown.status_code == 404  # the registration has not arrived yet: the worker retries
    client_id = await registered(coaching, tokens, bootstrap, "single_parent")

    first = await assign(coaching, tokens, client_id, key="assign-0001")
    assert first.status_code == 200, first.text
    assignment = first.json()
    assert (assignment["case_worker_id"], assignment["program_id"], assignment["contact_interval_days"]) == (
        LUTJENBURG_EQUAL_OPPORTUNITIES,
        "standard",
        30,
    )
    again = await assign(coaching, tokens, client_id, program_id="joboffensive")  # no key: state decides
    assert again.status_code == 200 and again.json() == assignment

    ready = await coaching.http.post(f"/cases/{client_id}/readiness", json={}, headers=case_manager(tokens))
    assert ready.status_code == 200, ready.text
    events = await case_events(bootstrap, client_id, ReadyForPlacementV1.type)
    assert [e.data.type for e in events] == [CaseAssignedV1.type, ReadyForPlacementV1.type]
    assert events[0].data.case_worker_id == LUTJENBURG_EQUAL_OPPORTUNITIES
    other_office = await coaching.http.get(f"/cases/{client_id}", headers=case_manager(tokens, "plon-cm-05", ("plon",)))
    assert other_office.status_code == 403


async def test_plan_and_readiness_need_a_case_manager_announce_no_special_category_data_and_repeat_after_a_job_ends(
    coaching, tokens, kafka_server
):
    bootstrap = kafka_server.bootstrap_servers
    client_id = await registered(coaching, tokens, bootstrap, "youth_under_25")
    plan = {
        "obstacles": [
            {"kind": "addiction", "status": "referred"},
            {"kind": "debts", "status": "referred", "note": "Schuldnerberatung"},
        ],
        "goals": ["apprenticeship as a gardener"],
        "agreed_at": "2026-01-15T10:00:00Z",
    }
    early = await coaching.http.post(f"/cases/{client_id}/readiness", json={}, headers=case_manager(tokens))
    assert early.status_code == 409
    assert (
        await coaching.http.put(f"/cases/{client_id}/cooperation-plan", json=plan, headers=case_manager(tokens))
    ).status_code == 409

    assert (await assign(coaching, tokens, client_id)).json()["program_id"] == "u25"
    agreed = await coaching.http.put(f"/cases/{client_id}/cooperation-plan", json=plan, headers=case_manager(tokens))
    assert agreed.status_code == 200, agreed.text
    assert agreed.json()["review_due"] == "2026-07-15"  # § 15 Abs. 3: six months
    await coaching.http.post(f"/cases/{client_id}/readiness", json={}, headers=case_manager(tokens))

    events = await case_events(bootstrap, client_id, ReadyForPlacementV1.type)
    plan_events = [e for e in events if e.data.type == CooperationPlanAgreedV1.type]
    assert len(plan_events) == 1 and str(plan_events[0].data.review_due) == "2026-07-15"
    assert "addiction" not in plan_events[0].data.model_dump_json()
    seen_by_worker = (await coaching.http.get(f"/cases/{client_id}", headers=worker(tokens))).json()
    assert [o["kind"] for o in seen_by_worker["plan"]["obstacles"]] == ["debts"]
    seen_by_manager = (await coaching.http.get(f"/cases/{client_id}", headers=case_manager(tokens))).json()
    assert [o["kind"] for o in seen_by_manager["plan"]["obstacles"]] == ["addiction", "debts"]

    await announce(
        bootstrap,
        EmploymentEndedV1(client_id=client_id, employment_id=uuid4(), end_date=date(2026, 4, 30), reason="probation"),
    )

    async def back_in_coaching() -> bool:
        case = await coaching.http.get(f"/cases/{client_id}", headers=worker(tokens))
        return case.json()["status"] == "in_coaching"

    await eventually(back_in_coaching)
    await coaching.http.post(f"/cases/{client_id}/readiness", json={}, headers=case_manager(tokens))
    await case_events(bootstrap, client_id, ReadyForPlacementV1.type, count=2)


async def fill_caseload(coaching, staff_id: str, cases: int, program_id: str) -> None:
    """Arrange: `staff_id` already carries `cases` active cases."""
    async with coaching.runtime.uow.transaction() as tx:
        tx.session.add_all(
            CaseRow(
                client_id=uuid4(),
                household_id=uuid4(),
                office_id="lutjenburg",
                status=CaseStatus.IN_COACHING,
                case_worker_id=staff_id,
                program_id=program_id,
                contact_interval_days=7,
                assigned_at=datetime.now(UTC),
                opened_at=datetime.now(UTC),
            )
            for _ in range(cases)
        )


async def test_the_101st_joboffensive_client_finds_no_capacity_until_a_closure_frees_a_slot(
    coaching, tokens, kafka_server
):
    bootstrap, last = kafka_server.bootstrap_servers, "lutjenburg-cm-09"
    for n in range(1, 9):  # leave one case manager in Lütjenburg: the others coach only
        demoted = await coaching.http.post(
            "/staff",
            headers=case_manager(tokens),
            json={"staff_id": f"lutjenburg-cm-{n:02d}", "office_id": "lutjenburg", "roles": ["coach"]},
        )
        assert demoted.status_code == 201, demoted.text
    await fill_caseload(coaching, last, 99, "joboffensive")
    hundredth = await registered(coaching, tokens, bootstrap)
    hundred_first = await registered(coaching, tokens, bootstrap)

    assert (await assign(coaching, tokens, hundredth, "joboffensive")).json()["case_worker_id"] == last
    refused = await assign(coaching, tokens, hundred_first, "joboffensive")
    assert refused.status_code == 409 and refused.json()["type"].endswith("/no-capacity"), refused.text
    loads = (await coaching.http.get("/caseloads?office_id=lutjenburg", headers=case_manager(tokens))).json()
    assert [(c["staff_id"], c["load"]) for c in loads] == [(last, 100)]
    to_coach = await coaching.http.put(
        f"/cases/{hundredth}/case-worker",
        headers=worker(tokens),
        json={"case_worker_id": "lutjenburg-cm-01", "reason": "holiday"},
    )
    assert to_coach.status_code == 422 and to_coach.json()["errors"][0]["field"] == "case_worker_id"

    closure = {"reason": "moved_away"}
    closed = await coaching.http.post(f"/cases/{hundredth}/closure", json=closure, headers=worker(tokens))
    closed_again = await coaching.http.post(f"/cases/{hundredth}/closure", json=closure, headers=worker(tokens))
    assert closed.status_code == closed_again.status_code == 200 and closed.json() == closed_again.json()
    assert (await assign(coaching, tokens, hundred_first, "joboffensive")).json()["case_worker_id"] == last

    newcomer = await coaching.http.post(
        "/staff",
        headers=case_manager(tokens),
        json={"staff_id": "lutjenburg-cm-10", "office_id": "lutjenburg", "roles": ["case_manager"]},
    )
    assert newcomer.status_code == 201
    handed = await coaching.http.put(
        f"/cases/{hundred_first}/case-worker",
        headers=worker(tokens),
        json={"case_worker_id": "lutjenburg-cm-10", "reason": "caseload"},
    )
    assert handed.status_code == 200, handed.text
    assert (handed.json()["case_worker_id"], handed.json()["previous_case_worker_id"]) == ("lutjenburg-cm-10", last)
    events = await case_events(bootstrap, hundred_first, CaseAssignedV1.type, count=2)
    assert [e.data.previous_case_worker_id for e in events] == [None, last]


async def test_an_in_person_appointment_outside_opening_hours_is_refused_and_nothing_is_stored(
    coaching, tokens, kafka_server
):
    client_id = await registered(coaching, tokens, kafka_server.bootstrap_servers)
    await assign(coaching, tokens, client_id)
    published = await outbox_rows(coaching)

    def book(starts_at, channel="in_person"):
        return coaching.http.post(
            f"/cases/{client_id}/appointments",
            headers=case_manager(tokens),
            json={"starts_at": starts_at, "duration_minutes": 45, "channel": channel},
        )

    refused = await book(WEDNESDAY_2PM)
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert error["field"] == "starts_at" and "Thu 08:00–12:30, 14:00–18:00" in error["reason"]
    contact = await coaching.http.post(
        f"/cases/{client_id}/contacts",
        headers=case_manager(tokens),
        json={"channel": "in_person", "occurred_at": WEDNESDAY_2PM},
    )
    assert contact.status_code == 422 and contact.json()["errors"][0]["field"] == "occurred_at"
    async with coaching.runtime.uow.transaction() as tx:
        stored = await tx.session.scalar(select(func.count()).select_from(AppointmentRow))
    assert stored == 0 and await outbox_rows(coaching) == published

    phoned = await book(WEDNESDAY_2PM, channel="phone")
    assert phoned.status_code == 201, phoned.text  # by phone any time
    assert (await book(THURSDAY_2PM)).status_code == 201
    case = (await coaching.http.get(f"/cases/{client_id}", headers=case_manager(tokens))).json()
    assert sorted(a["channel"] for a in case["appointments"]) == ["in_person", "phone"]


async def test_tasks_raised_twice_with_one_key_exist_once_and_are_listed_page_by_page_and_completed(
    coaching, tokens, kafka_server
):
    client_id = await registered(coaching, tokens, kafka_server.bootstrap_servers)
    case_worker_id = (await assign(coaching, tokens, client_id)).json()["case_worker_id"]
    assert case_worker_id == "lutjenburg-cm-05"  # the first generalist; specialists are kept for their clients

    def raise_task(kind, key):
        return coaching.http.post(
            f"/cases/{client_id}/tasks",
            headers={**worker(tokens), "Idempotency-Key": key},
            json={"kind": kind, "due_at": "2026-02-01T08:00:00Z"},
        )

    first = await raise_task("contact_overdue", "task-key-1")
    retried = await raise_task("contact_overdue", "task-key-1")
    assert first.status_code == retried.status_code == 201 and first.json() == retried.json()
    assert (first.json()["status"], first.json()["case_worker_id"]) == ("open", case_worker_id)
    await raise_task("plan_review", "task-key-2")
    await raise_task("contact_overdue", "task-key-3")

    page = (
        await coaching.http.get("/tasks?office_id=lutjenburg&status=open&limit=2", headers=case_manager(tokens))
    ).json()
    rest = (
        await coaching.http.get(
            f"/tasks?office_id=lutjenburg&status=open&limit=2&after={page['next_cursor']}", headers=case_manager(tokens)
        )
    ).json()
    assert [len(page["items"]), len(rest["items"]), rest["next_cursor"]] == [2, 1, None]
    assert page["items"][0]["task_id"] == first.json()["task_id"]

    done = await coaching.http.post(f"/tasks/{first.json()['task_id']}/completion", headers=case_manager(tokens))
    assert done.status_code == 200 and done.json()["status"] == "done"
    case = (await coaching.http.get(f"/cases/{client_id}", headers=worker(tokens))).json()
    assert len(case["open_tasks"]) == 2


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
                case_worker_id=LUTJENBURG_EQUAL_OPPORTUNITIES,
                program_id="standard",
                contact_interval_days=30,
                assigned_at=datetime.now(UTC),
                opened_at=datetime.now(UTC),
            )
        )
    return client_id


@pytest.mark.parametrize(
    "moment",
    [
        "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00:00+14:00",
        "0001-06-01T10:00:00Z",
        "9999-06-01T10:00:00Z",
        "1899-12-31T10:00:00Z",
    ],
)
async def test_a_contact_plan_appointment_or_task_at_the_edges_of_the_calendar_is_refused_with_422_naming_the_field(
    coaching, tokens, moment
):
    client_id = await assigned_case(coaching)
    published = await outbox_rows(coaching)
    writes = {
        "occurred_at": ("POST", "contacts", {"channel": "phone", "occurred_at": moment}),
        "agreed_at": ("PUT", "cooperation-plan", {"obstacles": [], "goals": [], "agreed_at": moment}),
        "starts_at": ("POST", "appointments", {"starts_at": moment, "duration_minutes": 30, "channel": "phone"}),
        "due_at": ("POST", "tasks", {"kind": "plan_review", "due_at": moment}),
    }
    for field, (method, resource, body) in writes.items():
        response = await coaching.http.request(
            method, f"/cases/{client_id}/{resource}", json=body, headers=case_manager(tokens)
        )
        assert response.status_code == 422, (field, response.text)
        assert [e["field"] for e in response.json()["errors"]] == [field]
    assert await outbox_rows(coaching) == published


async def test_a_contact_note_with_a_nul_byte_is_refused_with_422_naming_the_field(coaching, tokens):
    client_id = await assigned_case(coaching)
    body = {"channel": "phone", "occurred_at": "2026-01-15T10:00:00Z", "note": "called\x00"}
    response = await coaching.http.post(f"/cases/{client_id}/contacts", json=body, headers=case_manager(tokens))
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["note"]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/tasks?office_id=lutjen%00burg", "query.office_id"),
        ("/tasks?case_worker_id=lutjenburg-cm-03%00", "query.case_worker_id"),
        ("/staff?office_id=%00", "query.office_id"),
        ("/caseloads?office_id=lutjenburg%00", "query.office_id"),
        ("/offices/lutjen%00burg", "path.office_id"),
    ],
)
async def test_a_nul_byte_in_an_office_or_staff_id_is_refused_with_422_naming_it(coaching, tokens, path, field):
    response = await coaching.http.get(path, headers=case_manager(tokens))
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]

"""Coaching's worklists on SQLite and PostgreSQL: the caseload (`GET /cases`), a day's appointments, and open
and overdue tasks per staff member — office-scoped, page by page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from services.coaching.domain.model import CaseStatus
from services.coaching.tables import CaseRow
from services.platform.auth.staff import Role
from tests.integration.test_coaching import (
    LUTJENBURG_EQUAL_OPPORTUNITIES,
    THURSDAY_2PM,
    assign,
    case_manager,
    registered,
    worker,
)
from tests.support.running_service import running_service

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


async def arrange_cases(
    coaching, *dues: datetime | None, office: str = "lutjenburg", worker_id: str = "lutjenburg-cm-01"
):
    """Cases as registration and assignment leave them, each with its next contact due."""
    ids = [uuid4() for _ in dues]
    async with coaching.runtime.uow.transaction() as tx:
        tx.session.add_all(
            CaseRow(
                client_id=client_id,
                household_id=uuid4(),
                office_id=office,
                status=CaseStatus.IN_COACHING if due else CaseStatus.AWAITING_ASSIGNMENT,
                case_worker_id=worker_id if due else None,
                program_id="standard" if due else None,
                contact_interval_days=30 if due else None,
                assigned_at=due - timedelta(days=30) if due else None,
                next_contact_due_at=due,
                opened_at=NOW,
            )
            for client_id, due in zip(ids, dues, strict=True)
        )
    return ids


async def cases(coaching, headers, **params):
    reply = await coaching.http.get("/cases", params=params, headers=headers)
    assert reply.status_code == 200, reply.text
    return reply.json()


async def test_the_caseload_shows_stage_programme_last_contact_next_due_and_open_and_overdue_tasks(
    coaching, tokens, kafka_server
):
    client_id = await registered(coaching, tokens, kafka_server.bootstrap_servers, "single_parent")
    assignment = (await assign(coaching, tokens, client_id)).json()
    me = case_manager(tokens, assignment["case_worker_id"])
    contact = {"channel": "in_person", "occurred_at": THURSDAY_2PM, "note": None}
    assert (await coaching.http.post(f"/cases/{client_id}/contacts", json=contact, headers=me)).status_code == 201
    for due in (NOW - timedelta(days=1), NOW + timedelta(days=3)):
        task = {"kind": "contact_overdue", "due_at": due.isoformat(), "detail": None}
        assert (
            await coaching.http.post(f"/cases/{client_id}/tasks", json=task, headers=worker(tokens))
        ).status_code == 201

    [item] = (await cases(coaching, me, case_worker_id="me"))["items"]
    assigned_at = datetime.fromisoformat(assignment["assigned_at"])
    anchor = max(assigned_at, datetime.fromisoformat(THURSDAY_2PM))
    assert item == {
        "client_id": str(client_id),
        "office_id": "lutjenburg",
        "case_worker_id": assignment["case_worker_id"],
        "status": "in_coaching",
        "program_id": assignment["program_id"],
        "last_contact_at": "2026-01-15T13:00:00Z",
        "next_due_at": (anchor + timedelta(days=assignment["contact_interval_days"]))
        .astimezone(UTC)
        .isoformat()
        .replace("+00:00", "Z"),
        "open_task_count": 2,
        "overdue_task_count": 1,
    }


async def test_the_caseload_is_ordered_by_next_due_and_read_page_by_page_with_nothing_due_last(coaching, tokens):
    dues = [NOW + timedelta(days=d) for d in (5, 1, 3, 3, 9)]
    ids = await arrange_cases(coaching, *dues, None, None)
    seen, cursor = [], None
    while True:
        page = await cases(coaching, case_manager(tokens), limit=2, **({"cursor": cursor} if cursor else {}))
        seen += page["items"]
        if (cursor := page["next_cursor"]) is None:
            break
    assert len(seen) == 7 and len({i["client_id"] for i in seen}) == 7
    assert [i["next_due_at"] is None for i in seen] == [False] * 5 + [True] * 2
    expected_order = sorted(range(5), key=lambda n: (dues[n], str(ids[n])))
    assert [UUID(i["client_id"]) for i in seen[:5]] == [ids[n] for n in expected_order]
    assert {UUID(i["client_id"]) for i in seen[5:]} == set(ids[5:])


async def test_the_caseload_filters_by_case_worker_status_programme_and_due_date(coaching, tokens):
    soon, later = await arrange_cases(coaching, NOW + timedelta(days=1), NOW + timedelta(days=20))
    (elsewhere,) = await arrange_cases(coaching, NOW + timedelta(days=2), worker_id="lutjenburg-cm-02")
    (waiting,) = await arrange_cases(coaching, None)
    lead = tokens.headers(Role.OPERATOR, offices=("lutjenburg",), staff_id="lead-1")

    def ids(page):
        return [UUID(i["client_id"]) for i in page["items"]]

    assert ids(await cases(coaching, lead, case_worker_id="lutjenburg-cm-01")) == [soon, later]
    due_before = (NOW + timedelta(days=10)).isoformat()
    assert ids(await cases(coaching, lead, due_before=due_before)) == [soon, elsewhere]
    assert ids(await cases(coaching, lead, status="awaiting_assignment")) == [waiting]
    assert ids(await cases(coaching, lead, programme="standard", case_worker_id="lutjenburg-cm-02")) == [elsewhere]
    assert ids(await cases(coaching, lead, status=["closed"])) == []


async def test_the_caseload_of_another_office_is_refused_and_never_listed(coaching, tokens):
    (plon_case,) = await arrange_cases(coaching, NOW, office="plon", worker_id="plon-cm-01")
    (here,) = await arrange_cases(coaching, NOW)
    listed = [UUID(i["client_id"]) for i in (await cases(coaching, case_manager(tokens)))["items"]]
    assert here in listed and plon_case not in listed
    refused = await coaching.http.get("/cases", params={"office_id": "plon"}, headers=case_manager(tokens))
    assert refused.status_code == 403
    clerk = tokens.headers(Role.BENEFITS_CLERK, offices=("lutjenburg",))
    assert (await coaching.http.get("/cases", headers=clerk)).status_code == 403


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"cursor": "bm9wZQ"}, "query.cursor"),
        ({"status": "asleep"}, "query.status.0"),
        ({"due_before": "2026-01-01T10:00:00"}, "query.due_before"),
        ({"limit": 0}, "query.limit"),
        ({"programme": "NOT VALID"}, "query.programme"),
    ],
)
async def test_bad_caseload_parameters_are_refused_naming_them(coaching, tokens, params, field):
    reply = await coaching.http.get("/cases", params=params, headers=case_manager(tokens))
    assert reply.status_code == 422, reply.text
    assert reply.json()["errors"][0]["field"] == field


async def book(coaching, client_id: UUID, headers, starts_at: str, channel: str = "in_person"):
    body = {"starts_at": starts_at, "duration_minutes": 30, "channel": channel}
    reply = await coaching.http.post(f"/cases/{client_id}/appointments", json=body, headers=headers)
    assert reply.status_code == 201, reply.text
    return reply.json()


async def test_a_days_appointments_per_staff_member_and_per_office_in_the_order_they_start(coaching, tokens):
    first, second = await arrange_cases(coaching, NOW, NOW, worker_id=LUTJENBURG_EQUAL_OPPORTUNITIES)
    me, colleague = case_manager(tokens), case_manager(tokens, "lutjenburg-cm-01")
    late = await book(coaching, first, me, "2026-01-15T15:00:00+01:00")
    early = await book(coaching, second, colleague, "2026-01-15T09:00:00+01:00")
    await book(coaching, first, me, "2026-01-16T09:00:00+01:00")  # the next day
    midnight = await book(coaching, second, me, "2026-01-14T23:30:00Z", "phone")  # 00:30 on the 15th in Berlin

    def ids(page):
        return [a["appointment_id"] for a in page["items"]]

    day = {"day": "2026-01-15"}
    mine = (await coaching.http.get("/appointments", params={**day, "staff_id": "me"}, headers=me)).json()
    assert ids(mine) == [midnight["appointment_id"], late["appointment_id"]]
    office = (await coaching.http.get("/appointments", params={**day, "limit": 2}, headers=me)).json()
    assert ids(office) == [midnight["appointment_id"], early["appointment_id"]] and office["next_cursor"]
    rest = await coaching.http.get("/appointments", params={**day, "cursor": office["next_cursor"]}, headers=me)
    assert ids(rest.json()) == [late["appointment_id"]] and rest.json()["next_cursor"] is None
    plon = case_manager(tokens, "plon-cm-01", offices=("plon",))
    assert ids((await coaching.http.get("/appointments", params=day, headers=plon)).json()) == []
    assert (
        await coaching.http.get("/appointments", params={**day, "office_id": "lutjenburg"}, headers=plon)
    ).status_code == 403


async def test_open_and_overdue_tasks_of_the_caller_with_the_old_parameters_still_answering(coaching, tokens):
    (client_id,) = await arrange_cases(coaching, NOW, worker_id=LUTJENBURG_EQUAL_OPPORTUNITIES)
    for due in (NOW - timedelta(hours=2), NOW + timedelta(days=2)):
        task = {"kind": "contact_overdue", "due_at": due.isoformat(), "detail": "call back"}
        assert (
            await coaching.http.post(f"/cases/{client_id}/tasks", json=task, headers=worker(tokens))
        ).status_code == 201
    me = case_manager(tokens)

    async def tasks(**params):
        reply = await coaching.http.get("/tasks", params=params, headers=me)
        assert reply.status_code == 200, reply.text
        return reply.json()

    assert len((await tasks(assignee="me", state="open"))["items"]) == 2
    [overdue] = (await tasks(assignee="me", state="overdue"))["items"]
    assert datetime.fromisoformat(overdue["due_at"]) < NOW and overdue["detail"] == "call back"
    assert len((await tasks(case_worker_id=LUTJENBURG_EQUAL_OPPORTUNITIES, status="open"))["items"]) == 2
    first = await tasks(assignee="me", limit=1)
    assert len((await tasks(assignee="me", cursor=first["next_cursor"]))["items"]) == 1
    assert (await tasks(assignee="lutjenburg-cm-01", state="open"))["items"] == []
    clash = await coaching.http.get("/tasks", params={"state": "overdue", "status": "done"}, headers=me)
    assert clash.status_code == 422 and clash.json()["errors"][0]["field"] == "query.state"

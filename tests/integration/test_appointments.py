"""Appointments of every kind through coaching's API on SQLite and PostgreSQL, their facts over real Kafka:
JobLokal team consultations in consultation-day slots, group sessions with capacity, weekly series, clashes,
holidays, attendance, reminders and the staff calendar feed."""

from __future__ import annotations

import asyncio
from uuid import UUID

import pytest
from icalendar import Calendar

from services.platform.auth.staff import Role
from tests.integration.test_coaching import case_events, case_manager, register, registered, worker
from tests.integration.test_special_category_coaching import audit_trail, raw_text
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service

WATHLINGEN_DAY = "2027-02-03"  # JobLokal in Wathlingen: the first Wednesday of the month, 09:00–13:00
THURSDAY_9AM = "2027-03-04T09:00:00+01:00"  # Lutjenburg is open
GOOD_FRIDAY_9AM = "2027-03-26T09:00:00+01:00"  # a Friday, open on other weeks; a public holiday in SH
COACHES = ("celle-coach-01", "celle-coach-02", "celle-cm-04")  # JobLokal's three coaches (seed 001)


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def celle(tokens, staff_id="celle-coach-01"):
    return tokens.headers(Role.COACH, offices=("celle",), staff_id=staff_id)


async def registered_in_celle(coaching, tokens, bootstrap) -> UUID:
    client_id = await register(bootstrap, office_id="celle")

    async def case_exists() -> bool:
        return (await coaching.http.get(f"/cases/{client_id}", headers=worker(tokens))).status_code == 200

    await eventually(case_exists)
    return client_id


def team_at_wathlingen(client_id: UUID, at: str, staff=COACHES, minutes=60) -> dict:
    return {
        "kind": "team",
        "office_id": "celle",
        "staff_ids": list(staff),
        "starts_at": at,
        "duration_minutes": minutes,
        "channel": "in_person",
        "location_id": "wathlingen",
        "participants": [{"client_id": str(client_id)}],
    }


async def test_a_joblokal_team_consultation_takes_slots_of_the_town_hall_day_and_a_clash_names_the_coach(
    coaching, tokens, kafka_server
):
    first = await registered_in_celle(coaching, tokens, kafka_server.bootstrap_servers)
    second = await registered_in_celle(coaching, tokens, kafka_server.bootstrap_servers)
    booked = await coaching.http.post(
        "/appointments", json=team_at_wathlingen(first, f"{WATHLINGEN_DAY}T09:00:00+01:00"), headers=celle(tokens)
    )
    assert booked.status_code == 201, booked.text
    assert booked.json()["kind"] == "team" and sorted(booked.json()["staff_ids"]) == sorted(COACHES)

    slots = (
        await coaching.http.get(f"/consultation-days/wathlingen/{WATHLINGEN_DAY}/slots", headers=celle(tokens))
    ).json()
    assert [s["free"] for s in slots[:3]] == [False, False, True] and len(slots) == 8
    days = await coaching.http.get(
        "/consultation-days", params={"office_id": "celle", "month": "2027-02-01"}, headers=celle(tokens)
    )
    assert {(d["location_id"], d["date"]) for d in days.json()} >= {("wathlingen", WATHLINGEN_DAY)}

    overlapping = team_at_wathlingen(second, f"{WATHLINGEN_DAY}T09:30:00+01:00", staff=("celle-coach-01",), minutes=30)
    overlapping["kind"] = "individual"
    clash = await coaching.http.post("/appointments", json=overlapping, headers=celle(tokens))
    assert clash.status_code == 409, clash.text
    assert clash.json()["clashes"] == ["staff celle-coach-01", "room location:wathlingen"]

    off_grid = team_at_wathlingen(second, f"{WATHLINGEN_DAY}T11:15:00+01:00")
    refused = await coaching.http.post("/appointments", json=off_grid, headers=celle(tokens))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "starts_at"
    at_the_team = await coaching.http.get(
        "/appointments", params={"day": WATHLINGEN_DAY, "staff_id": "celle-cm-04"}, headers=celle(tokens)
    )
    assert [a["appointment_id"] for a in at_the_team.json()["items"]] == [booked.json()["appointment_id"]]


async def test_a_public_holiday_of_the_land_is_refused_naming_it(coaching, tokens, kafka_server):
    client_id = await registered(coaching, tokens, kafka_server.bootstrap_servers)
    body = {"starts_at": GOOD_FRIDAY_9AM, "duration_minutes": 30, "channel": "phone"}
    refused = await coaching.http.post(f"/cases/{client_id}/appointments", json=body, headers=case_manager(tokens))
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == "starts_at" and "Karfreitag" in refused.json()["errors"][0]["reason"]


def group(at: str, capacity: int, *clients: UUID) -> dict:
    return {
        "kind": "group",
        "office_id": "lutjenburg",
        "staff_ids": ["lutjenburg-coach-01"],
        "starts_at": at,
        "duration_minutes": 90,
        "channel": "in_person",
        "room_id": "lutjenburg-gruppenraum",
        "capacity": capacity,
        "participants": [{"client_id": str(c)} for c in clients],
    }


async def test_a_group_session_fills_to_its_capacity_and_refuses_the_next_client(coaching, tokens, kafka_server):
    bootstrap = kafka_server.bootstrap_servers
    anna, bert, cem = [await registered(coaching, tokens, bootstrap) for _ in range(3)]
    me = case_manager(tokens, "lutjenburg-coach-01")
    twice = await coaching.http.post("/appointments", json=group(THURSDAY_9AM, 4, anna, anna), headers=me)
    assert twice.status_code == 422 and twice.json()["errors"][0]["field"] == "participants"
    too_big = await coaching.http.post("/appointments", json=group(THURSDAY_9AM, 40), headers=me)
    assert too_big.status_code == 422 and too_big.json()["errors"][0]["field"] == "capacity"
    session = await coaching.http.post("/appointments", json=group(THURSDAY_9AM, 2, anna), headers=me)
    assert session.status_code == 201, session.text
    appointment_id = session.json()["appointment_id"]
    joined = await coaching.http.post(
        f"/appointments/{appointment_id}/invitations", json={"client_id": str(bert)}, headers=me
    )
    assert joined.status_code == 200 and len(joined.json()["participants"]) == 2
    full = await coaching.http.post(
        f"/appointments/{appointment_id}/invitations", json={"client_id": str(cem)}, headers=me
    )
    assert full.status_code == 409 and "full" in full.json()["detail"]
    same_room = await coaching.http.post(
        "/appointments",
        json=group("2027-03-04T10:00:00+01:00", 2, cem),
        headers=case_manager(tokens, "lutjenburg-coach-01"),
    )
    assert same_room.status_code == 409 and "room lutjenburg-gruppenraum" in same_room.json()["clashes"]


async def test_concurrent_bookings_of_one_room_by_different_staff_let_exactly_one_through(coaching, tokens):
    """Six staff members, no client in common, book the same group room for the same hour at once: the room's
    lock lets one in and the other five see its appointment (409 naming the room), on SQLite and PostgreSQL."""
    at = "2027-03-11T09:00:00+01:00"  # a Thursday, Lutjenburg open
    bookings = [{**group(at, 8), "staff_ids": [f"lutjenburg-room-{i}"]} for i in range(6)]
    replies = await asyncio.gather(
        *(
            coaching.http.post("/appointments", json=body, headers=case_manager(tokens, body["staff_ids"][0]))
            for body in bookings
        )
    )
    assert sorted(r.status_code for r in replies) == [201, 409, 409, 409, 409, 409], [r.text for r in replies]
    for refused in (r for r in replies if r.status_code == 409):
        assert refused.json()["clashes"] == ["room lutjenburg-gruppenraum"], refused.text


async def test_a_second_missed_appointment_with_notice_reaches_kafka_as_the_second_in_a_row_without_reasons(
    coaching, tokens, kafka_server
):
    bootstrap = kafka_server.bootstrap_servers
    client_id = await registered(coaching, tokens, bootstrap)
    me = case_manager(tokens)
    ids = []
    for at in (THURSDAY_9AM, "2027-03-11T09:00:00+01:00", "2027-03-18T09:00:00+01:00"):
        body = {
            "starts_at": at,
            "duration_minutes": 30,
            "channel": "in_person",
            "notice_given_at": "2027-02-20T10:00:00+01:00",
        }
        reply = await coaching.http.post(f"/cases/{client_id}/appointments", json=body, headers=me)
        assert reply.status_code == 201, reply.text
        ids.append(reply.json()["appointment_id"])

    async def record(appointment_id, attendance, reason=None):
        body = {"client_id": str(client_id), "attendance": attendance, "reason": reason}
        return await coaching.http.put(f"/appointments/{appointment_id}/attendance", json=body, headers=me)

    assert (await record(ids[0], "excused")).status_code == 422  # an excused absence needs its reason code
    assert (await record(ids[0], "missed")).status_code == 200
    assert (await record(ids[1], "missed")).status_code == 200
    again = await record(ids[1], "attended")
    assert again.status_code == 409
    assert (await record(ids[2], "excused", "childcare")).status_code == 200

    events = await case_events(bootstrap, client_id, "de.lotse.coaching.appointment_missed.v1", count=2)
    missed = [e.data for e in events if e.data.type == "de.lotse.coaching.appointment_missed.v1"]
    assert [(str(m.appointment_id), m.consecutive_misses, m.notice_given) for m in missed] == [
        (ids[0], 1, True),
        (ids[1], 2, True),
    ]
    assert missed[0].appointment_date.isoformat() == "2027-03-04" and missed[0].staff_id == "lutjenburg-cm-03"
    assert "childcare" not in str([e.data.model_dump() for e in events])


async def test_a_weekly_series_leaves_out_ascension_day_and_is_cancelled_from_a_date_on(coaching, tokens, kafka_server):
    client_id = await registered(coaching, tokens, kafka_server.bootstrap_servers)
    me = case_manager(tokens, "lutjenburg-coach-01")
    body = {**group("2027-04-29T09:00:00+02:00", 12, client_id), "until": "2027-05-20"}
    created = await coaching.http.post("/appointment-series", json=body, headers=me)
    assert created.status_code == 201, created.text
    series = created.json()
    assert series["skipped"] == ["2027-05-06"] and len(series["appointment_ids"]) == 3
    # one clash anywhere refuses the whole series: a week earlier, its second occurrence meets the first above
    earlier = {**group("2027-04-22T09:00:00+02:00", 12, client_id), "until": "2027-05-20"}
    clash = await coaching.http.post("/appointment-series", json=earlier, headers=me)
    assert clash.status_code == 409 and "2027-04-29" in clash.json()["detail"], clash.text
    assert "room lutjenburg-gruppenraum" in clash.json()["clashes"]
    cancelled = await coaching.http.post(
        f"/appointment-series/{series['series_id']}/cancellation",
        json={"cancelled_from": "2027-05-13", "reason": "series_ended"},
        headers=me,
    )
    assert cancelled.status_code == 200, cancelled.text
    statuses = [
        (await coaching.http.get(f"/appointments/{a}", headers=me)).json()["status"] for a in series["appointment_ids"]
    ]
    assert statuses == ["booked", "cancelled", "cancelled"]


async def test_reminders_are_raised_once_each_for_the_staff_member_and_the_client(coaching, tokens, kafka_server):
    client_id = await registered(coaching, tokens, kafka_server.bootstrap_servers)
    me = case_manager(tokens)
    body = {"starts_at": THURSDAY_9AM, "duration_minutes": 30, "channel": "in_person"}
    booked = await coaching.http.post(f"/cases/{client_id}/appointments", json=body, headers=me)
    scheduler = tokens.headers(Role.OPERATOR, staff_id="ops")
    early = await coaching.http.post("/reminders/run", json={"as_of": "2027-03-01T09:00:00+01:00"}, headers=scheduler)
    assert early.json() == []
    run = await coaching.http.post("/reminders/run", json={"as_of": "2027-03-03T09:30:00+01:00"}, headers=scheduler)
    assert sorted((r["recipient"], r["recipient_id"]) for r in run.json()) == [
        ("client", str(client_id)),
        ("staff", "lutjenburg-cm-03"),
    ]
    rerun = await coaching.http.post("/reminders/run", json={"as_of": "2027-03-03T10:00:00+01:00"}, headers=scheduler)
    assert rerun.json() == []
    mine = await coaching.http.get("/reminders", params={"since": "2027-03-01T00:00:00Z"}, headers=me)
    assert [r["appointment_id"] for r in mine.json()] == [booked.json()["appointment_id"]]


async def test_the_calendar_feed_opens_only_with_the_current_token_and_shows_a_cancellation(
    coaching, tokens, kafka_server
):
    client_id = await registered(coaching, tokens, kafka_server.bootstrap_servers)
    me = case_manager(tokens)
    body = {"starts_at": THURSDAY_9AM, "duration_minutes": 30, "channel": "in_person"}
    appointment_id = (await coaching.http.post(f"/cases/{client_id}/appointments", json=body, headers=me)).json()[
        "appointment_id"
    ]
    moved = await coaching.http.post(
        f"/appointments/{appointment_id}/rescheduling",
        json={"starts_at": "2027-03-04T10:00:00+01:00", "duration_minutes": 30, "reason": "client_request"},
        headers=me,
    )
    assert moved.status_code == 200 and moved.json()["sequence"] == 1
    cancelled = await coaching.http.post(
        f"/appointments/{appointment_id}/cancellation", json={"reason": "client_in_work"}, headers=me
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"

    old = (await coaching.http.post("/staff/me/calendar-token", headers=me)).json()["token"]
    issued = (await coaching.http.post("/staff/me/calendar-token", headers=me)).json()
    assert (await coaching.http.get(f"/staff/lutjenburg-cm-03/calendar.ics?token={old}")).status_code == 403
    assert (await coaching.http.get(f"/staff/lutjenburg-cm-01/calendar.ics?token={issued['token']}")).status_code == 403
    feed = await coaching.http.get(issued["feed_path"])
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    [event] = Calendar.from_ical(feed.content).walk("VEVENT")
    assert (str(event["uid"]), str(event["status"]), int(event["sequence"])) == (
        f"{appointment_id}@lotse",
        "CANCELLED",
        2,
    )
    assert str(client_id) not in feed.text


async def test_an_excuse_revealing_health_is_sealed_shown_to_the_offices_readers_and_audited(
    coaching, tokens, kafka_server
):
    """GDPR Art. 9, § 67b SGB X: "incapacity_certified" (a doctor's certificate) is data concerning health. It is
    stored sealed, kept out of the reply stored for retries, opened only by `GET /appointments/{id}` for the
    office's case managers and coaches, and each write and read is in the audit trail."""
    client_id = await registered(coaching, tokens, kafka_server.bootstrap_servers)
    me = case_manager(tokens)
    body = {"starts_at": "2027-03-25T09:00:00+01:00", "duration_minutes": 30, "channel": "in_person"}
    booked = await coaching.http.post(f"/cases/{client_id}/appointments", json=body, headers=me)
    assert booked.status_code == 201, booked.text
    appointment_id = booked.json()["appointment_id"]
    excused = await coaching.http.put(
        f"/appointments/{appointment_id}/attendance",
        json={"client_id": str(client_id), "attendance": "excused", "reason": "incapacity_certified"},
        headers={**me, "Idempotency-Key": f"excuse-{appointment_id}"},
    )
    assert excused.status_code == 200, excused.text
    assert [(p["attendance"], p["excuse_reason"]) for p in excused.json()["participants"]] == [("excused", None)]
    for table in ("appointment_participants", "outbox", "idempotency_keys", "special_category_audit"):
        assert "incapacity" not in (await raw_text(coaching, table)).lower(), table

    shown = await coaching.http.get(f"/appointments/{appointment_id}", headers=me)
    assert [p["excuse_reason"] for p in shown.json()["participants"]] == ["incapacity_certified"], shown.text
    other_office = case_manager(tokens, "plon-cm-01", offices=("plon",))
    assert (await coaching.http.get(f"/appointments/{appointment_id}", headers=other_office)).status_code == 403
    placement = tokens.headers(Role.PLACEMENT_OFFICER, offices=("lutjenburg",), staff_id="lutjenburg-po-01")
    assert (await coaching.http.get(f"/appointments/{appointment_id}", headers=placement)).status_code == 403
    trail = await audit_trail(coaching, tokens, client_id)
    assert [(action, purpose) for _, action, purpose in trail] == [
        ("write", "PUT /appointments/{appointment_id}/attendance"),
        ("read", "GET /appointments/{appointment_id}"),
    ]

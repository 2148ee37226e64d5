"""Office closures through coaching's API on SQLite and PostgreSQL: Lütjenburg's branch closes while its staff are
retrained and its 850 clients travel to Plön (seed 000) — every appointment moves exactly once, within Plön's
hours, nobody and no room double-booked; booking at the closed office is refused; reopening sets the hours."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from uuid import uuid4

import pytest
from sqlalchemy import func, select

from services.coaching.app import load_reference
from services.coaching.domain.appointments import Booking, clashes
from services.coaching.domain.model import CaseStatus
from services.coaching.domain.offices import BERLIN
from services.coaching.tables import (
    AppointmentParticipantRow,
    AppointmentRow,
    AppointmentStaffRow,
    CaseRow,
    TaskRow,
)
from services.platform.auth.staff import Role
from tests.integration.test_coaching import case_manager, register, worker
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service

CLIENTS = 850
FIRST_DAY, LAST_DAY = date(2027, 3, 1), date(2027, 3, 12)  # two weeks, Monday to Friday, no holiday in SH
STAFF = [f"lutjenburg-cm-{n:02d}" for n in range(1, 10)]
OFFICES = load_reference().offices


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def team_lead(tokens, office="lutjenburg"):
    return tokens.headers(Role.TEAM_LEAD, offices=(office,), staff_id=f"{office}-tl-01")


def slots() -> list[datetime]:
    """Every 30-minute start inside Lütjenburg's hours in the fortnight."""
    office, found, day = OFFICES.get("lutjenburg"), [], FIRST_DAY
    assert office is not None
    while day <= LAST_DAY:
        for span in (s for s in office.opening_hours if s.weekday == day.weekday()):
            start = datetime.combine(day, span.opens, BERLIN)
            while span.covers(start, 30):
                found.append(start)
                start += timedelta(minutes=30)
        day += timedelta(days=1)
    return found


def appointment(starts_at: datetime, staff_id: str, client_ids, office="lutjenburg", **extra) -> list:
    appointment_id, now = uuid4(), datetime.now(UTC)
    group = extra.get("kind") == "group"
    row = AppointmentRow(
        appointment_id=appointment_id,
        client_id=None if group else client_ids[0],
        staff_id=staff_id,
        starts_at=starts_at.astimezone(UTC),
        duration_minutes=extra.pop("minutes", 30),
        channel=extra.pop("channel", "in_person"),
        booked_at=now,
        office_id=office,
        **extra,
    )
    return [
        row,
        AppointmentStaffRow(appointment_id=appointment_id, staff_id=staff_id),
        *(AppointmentParticipantRow(appointment_id=appointment_id, client_id=c, invited_at=now) for c in client_ids),
    ]


def case(client_id, office="lutjenburg", staff_id=None) -> CaseRow:
    now = datetime.now(UTC)
    return CaseRow(
        client_id=client_id,
        household_id=uuid4(),
        office_id=office,
        status=CaseStatus.IN_COACHING,
        case_worker_id=staff_id,
        program_id="standard",
        contact_interval_days=30,
        assigned_at=now,
        opened_at=now,
    )


async def arrange_luetjenburg(coaching) -> dict:
    """Arrange: 850 clients with one appointment each in the fortnight, a workshop in the group room at a time
    both of Plön's rooms that hold it (the group room, the town hall's council chamber) are taken, and a phone
    call that needs no building."""
    starts = slots()
    clients = [uuid4() for _ in range(CLIENTS)]
    workshop_clients, plon_client, town_hall_client, caller = [uuid4() for _ in range(12)], uuid4(), uuid4(), uuid4()
    workshop_at = datetime.combine(date(2027, 3, 2), time(9), BERLIN)
    async with coaching.runtime.uow.transaction() as tx:
        for n, client_id in enumerate([*clients, *workshop_clients, caller]):
            tx.session.add(case(client_id, staff_id=STAFF[n % len(STAFF)]))
        tx.session.add(case(plon_client, "plon", "plon-cm-01"))
        tx.session.add(case(town_hall_client, "plon", "plon-cm-02"))
        await tx.session.flush()
        rows = [
            part
            for n, client_id in enumerate(clients)
            for part in appointment(starts[n // len(STAFF)], STAFF[n % len(STAFF)], [client_id])
        ]
        workshop = appointment(
            workshop_at,
            "lutjenburg-coach-01",
            workshop_clients,
            kind="group",
            room_id="lutjenburg-gruppenraum",
            capacity=16,
            minutes=90,
        )
        taken = [
            *appointment(
                workshop_at, "plon-cm-01", [plon_client], office="plon", room_id="plon-gruppenraum", minutes=60
            ),
            *appointment(
                workshop_at, "plon-cm-02", [town_hall_client], office="plon", room_id="plon-rathaus", minutes=60
            ),
        ]
        call = appointment(starts[0], "lutjenburg-coach-02", [caller], channel="phone")
        parts = [*rows, *workshop, *taken, *call]
        tx.session.add_all(p for p in parts if isinstance(p, AppointmentRow))
        await tx.session.flush()  # the appointments before the rows that refer to them
        tx.session.add_all(p for p in parts if not isinstance(p, AppointmentRow))
        await tx.session.flush()
    return {"workshop": workshop[0].appointment_id, "call": call[0].appointment_id}


def closure(**overrides) -> dict:
    return {
        "starts_on": FIRST_DAY.isoformat(),
        "ends_on": LAST_DAY.isoformat(),
        "reason": "Schulung des Personals",
        "substitute_office_id": "plon",
        **overrides,
    }


async def test_closing_luetjenburg_moves_each_of_its_850_clients_appointments_to_ploen_exactly_once(coaching, tokens):
    ids = await arrange_luetjenburg(coaching)
    headers = {**team_lead(tokens), "Idempotency-Key": "close-lutjenburg-2027-03"}
    closed = await coaching.http.post("/offices/lutjenburg/closures", json=closure(), headers=headers)
    assert closed.status_code == 201, closed.text
    assert (closed.json()["moved_appointments"], closed.json()["unmoved_appointments"]) == (CLIENTS + 1, [])
    again = await coaching.http.post("/offices/lutjenburg/closures", json=closure(), headers=headers)
    assert again.json()["closure_id"] == closed.json()["closure_id"]  # answered once: nothing moved twice

    async with coaching.runtime.uow.transaction() as tx:
        rows = list((await tx.session.scalars(select(AppointmentRow))).all())
        people = list((await tx.session.scalars(select(AppointmentParticipantRow))).all())
        notices = await tx.session.scalar(
            select(func.count()).select_from(TaskRow).where(TaskRow.kind == "client_notice")
        )
    moved = [r for r in rows if r.reschedule_reason == "office_closed"]
    assert len(moved) == CLIENTS + 1 and Counter(r.sequence for r in moved) == {1: CLIENTS + 1}
    assert {r.office_id for r in moved} == {"plon"}
    plon = OFFICES.get("plon")
    assert plon is not None
    for r in moved:
        plon.check_in_person("starts_at", r.starts_at, r.duration_minutes)  # raises outside Plön's hours
    by_appointment: dict = {}
    for p in people:
        by_appointment.setdefault(p.appointment_id, set()).add(p.client_id)
    bookings = [
        Booking(
            r.starts_at,
            r.duration_minutes,
            frozenset({r.staff_id}),
            frozenset(by_appointment[r.appointment_id]),
            r.room_id,
            r.appointment_id,
        )
        for r in rows
        if r.status == "booked" and r.channel == "in_person"
    ]
    assert all(not clashes(b, bookings) for b in bookings)  # nobody and no room double-booked
    (workshop,) = [r for r in rows if r.appointment_id == ids["workshop"]]
    assert workshop.room_id == "plon-gruppenraum"
    assert workshop.starts_at.astimezone(BERLIN).time() == time(10)  # both rooms that hold it are taken until 10:00
    (call,) = [r for r in rows if r.appointment_id == ids["call"]]
    assert (call.office_id, call.sequence) == ("lutjenburg", 0)
    assert notices == CLIENTS + 12

    overlapping = await coaching.http.post(
        "/offices/lutjenburg/closures",
        json=closure(starts_on="2027-03-10", ends_on="2027-03-20"),
        headers=team_lead(tokens),
    )
    assert overlapping.status_code == 409, overlapping.text


async def test_booking_at_a_closed_office_is_refused_naming_the_substitute_and_reopening_sets_the_hours(
    coaching, tokens, kafka_server
):
    client_id = await register(kafka_server.bootstrap_servers, office_id="heikendorf")

    async def known() -> bool:
        return (await coaching.http.get(f"/cases/{client_id}", headers=worker(tokens))).status_code == 200

    await eventually(known)
    luetjenburg_hours = [
        *({"weekday": d, "opens": "08:00", "closes": "12:30"} for d in range(5)),
        {"weekday": 3, "opens": "14:00", "closes": "18:00"},
    ]
    body = closure(starts_on="2027-04-05", ends_on="2027-04-09", reopening_hours=luetjenburg_hours)
    closed = await coaching.http.post(
        "/offices/heikendorf/closures", json=body, headers=team_lead(tokens, "heikendorf")
    )
    assert closed.status_code == 201, closed.text
    staff = case_manager(tokens, "heikendorf-cm-01", ("heikendorf",))

    def at(moment: str) -> dict:
        return {
            "kind": "individual",
            "office_id": "heikendorf",
            "staff_ids": ["heikendorf-cm-01"],
            "starts_at": moment,
            "duration_minutes": 30,
            "channel": "in_person",
            "participants": [{"client_id": str(client_id)}],
        }

    during = await coaching.http.post("/appointments", json=at("2027-04-07T09:00:00+02:00"), headers=staff)
    assert during.status_code == 409 and during.json()["type"].endswith("/office-closed"), during.text
    assert "Plön" in during.json()["detail"]
    before = await coaching.http.post("/appointments", json=at("2027-03-31T09:00:00+02:00"), headers=staff)
    assert before.status_code == 422, before.text  # a Wednesday: Heikendorf was closed on Wednesdays
    wednesday = await coaching.http.post("/appointments", json=at("2027-04-14T09:00:00+02:00"), headers=staff)
    assert wednesday.status_code == 201, wednesday.text  # "daily 8:00–12:30" from the reopening
    thursday = await coaching.http.post("/appointments", json=at("2027-04-15T15:00:00+02:00"), headers=staff)
    assert thursday.status_code == 201, thursday.text  # "Thursday also 14:00–18:00"
    too_late = await coaching.http.post("/appointments", json=at("2027-04-15T18:00:00+02:00"), headers=staff)
    assert too_late.status_code == 422, too_late.text
    office = await coaching.http.get("/offices/heikendorf", params={"on": "2027-04-12"}, headers=staff)
    assert office.json()["opening_hours_text"] == (
        "Mon 08:00–12:30; Tue 08:00–12:30; Wed 08:00–12:30; Thu 08:00–12:30, 14:00–18:00; Fri 08:00–12:30 "
        "(Europe/Berlin)"
    )
    same_office = closure(substitute_office_id="heikendorf", starts_on="2027-05-03", ends_on="2027-05-04")
    refused = await coaching.http.post(
        "/offices/heikendorf/closures", json=same_office, headers=team_lead(tokens, "heikendorf")
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "substitute_office_id"
    not_lead = await coaching.http.post("/offices/heikendorf/closures", json=body, headers=staff)
    assert not_lead.status_code == 403

"""Closing Lütjenburg: its 850 clients' appointments moved to Plön, against a bare update of the same rows.

Run: `python -m bench.office_closure [--clients 850] [--postgres]`

Two coaching databases are migrated and seeded alike (SQLite files, or a throwaway PostgreSQL cluster with
`--postgres`): 850 clients of Lütjenburg, each with a case and one 30-minute in-person appointment inside the
branch's opening hours in a fortnight (2027-03-01 to 2027-03-12, Monday to Friday), nine case managers taking
turns. Then, in one run:

closure  `POST /offices/lutjenburg/closures` as Lütjenburg's team lead, through the real app over in-process
         ASGI: token and office check, the overlap checks, every appointment placed at Plön (its time if a desk is
         free there and Plön is open, else Plön's next free slot), the appointment rows updated, a
         `client_notice` task per client, the closure recorded — one transaction.
raw      on the second database, one transaction of the same row writes without any rule: an UPDATE of each of
         the 850 appointment rows (office, reschedule reason, sequence; executemany) and an INSERT of 850
         task rows.

It prints both times, the appointments moved per second and the ratio closure/raw: what placing each
appointment within Plön's hours and desks, and the checks, add to writing the rows.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from fastapi import FastAPI
from sqlalchemy import bindparam, insert, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from deploy.launcher.postgres import PostgresCluster
from deploy.launcher.process import free_ports
from services.coaching.app import DEFINITION as COACHING
from services.coaching.app import create_app as coaching_app
from services.coaching.app import load_reference
from services.coaching.domain.model import CaseStatus
from services.coaching.domain.offices import BERLIN
from services.coaching.tables import AppointmentParticipantRow, AppointmentRow, AppointmentStaffRow, CaseRow, TaskRow
from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import generate_key_pair, issue
from services.platform.migrations import upgrade_async
from services.platform.privacy.keys import ensure_key_ring
from services.platform.service_app import build_runtime
from services.platform.settings import ServiceSettings

FIRST_DAY, LAST_DAY = date(2027, 3, 1), date(2027, 3, 12)
STAFF = [f"lutjenburg-cm-{n:02d}" for n in range(1, 10)]
SEALED_SIZE = 400  # about a sealed notice text (AES-GCM, base64): the raw run writes as many bytes, unencrypted


def serve(url: str, keys: Path) -> FastAPI:
    """Coaching's app with its runtime, without the lifespan's Kafka consumers and relay (no events here)."""
    settings = ServiceSettings(
        service_name="coaching",
        database_url=url,
        jwt_public_key_file=keys / "jwt-public-key.pem",
        data_key_file=ensure_key_ring(keys / "coaching-data.key"),
    )
    app = coaching_app(settings)
    app.state.runtime = build_runtime(COACHING, settings)
    return app


def slots() -> list[datetime]:
    """Every 30-minute start inside Lütjenburg's opening hours in the fortnight."""
    office, found, day = load_reference().offices.get("lutjenburg"), [], FIRST_DAY
    assert office is not None
    while day <= LAST_DAY:
        for span in (s for s in office.opening_hours if s.weekday == day.weekday()):
            start = datetime.combine(day, span.opens, BERLIN)
            while span.covers(start, 30):
                found.append(start)
                start += timedelta(minutes=30)
        day += timedelta(days=1)
    return found


async def seed(engine: AsyncEngine, clients: int) -> list[tuple[uuid.UUID, uuid.UUID, str]]:
    """The cases and appointments; returns (appointment, client, case manager) per client."""
    starts, now = slots(), datetime.now(UTC)
    made = [(uuid.uuid4(), uuid.uuid4(), STAFF[n % len(STAFF)]) for n in range(clients)]
    cases = [
        {"client_id": c, "household_id": uuid.uuid4(), "office_id": "lutjenburg", "status": CaseStatus.IN_COACHING,
         "case_worker_id": s, "program_id": "standard", "contact_interval_days": 30, "assigned_at": now,
         "opened_at": now}
        for _, c, s in made
    ]  # fmt: skip
    appointments = [
        {"appointment_id": a, "client_id": c, "staff_id": s, "starts_at": starts[n // len(STAFF)].astimezone(UTC),
         "duration_minutes": 30, "channel": "in_person", "booked_at": now, "office_id": "lutjenburg"}
        for n, (a, c, s) in enumerate(made)
    ]  # fmt: skip
    async with engine.begin() as connection:
        await connection.execute(insert(CaseRow), cases)
        await connection.execute(insert(AppointmentRow), appointments)
        await connection.execute(
            insert(AppointmentStaffRow), [{"appointment_id": a, "staff_id": s} for a, _, s in made]
        )
        await connection.execute(
            insert(AppointmentParticipantRow),
            [{"appointment_id": a, "client_id": c, "invited_at": now} for a, c, _ in made],
        )
    return made


async def raw_writes(engine: AsyncEngine, made: list[tuple[uuid.UUID, uuid.UUID, str]]) -> float:
    now = datetime.now(UTC)
    started = time.perf_counter()
    async with engine.begin() as connection:
        await connection.execute(
            update(AppointmentRow)
            .where(col(AppointmentRow.appointment_id) == bindparam("a_id"))
            .values(office_id="plon", reschedule_reason="office_closed", sequence=AppointmentRow.sequence + 1),
            [{"a_id": a} for a, _, _ in made],
        )
        await connection.execute(
            insert(TaskRow),
            [
                {"task_id": uuid.uuid4(), "client_id": c, "office_id": "lutjenburg", "case_worker_id": s,
                 "kind": "client_notice", "status": "open", "due_at": now, "sealed_detail": SEALED_SIZE * "x",
                 "created_at": now, "created_by": "bench"}
                for _, c, s in made
            ],
        )  # fmt: skip
    return time.perf_counter() - started


async def measure(args: argparse.Namespace, urls: dict[str, str], keys: Path) -> tuple[float, float, dict]:
    private_key, _ = generate_key_pair(keys)
    for url in urls.values():
        await upgrade_async("coaching", url)
    closing, raw = serve(urls["closure"], keys), serve(urls["raw"], keys)
    await seed(closing.state.runtime.engine, args.clients)
    made = await seed(raw.state.runtime.engine, args.clients)
    lead = StaffUser("lutjenburg-tl-01", frozenset({Role.TEAM_LEAD}), frozenset({"lutjenburg"}))
    headers = {"Authorization": f"Bearer {issue(private_key.read_bytes(), lead, 'lotse-dev', 'lotse')}"}
    body = {
        "starts_on": FIRST_DAY.isoformat(),
        "ends_on": LAST_DAY.isoformat(),
        "reason": "Schulung des Personals",
        "substitute_office_id": "plon",
    }
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=closing), base_url="http://coaching") as http:
        started = time.perf_counter()
        reply = await http.post("/offices/lutjenburg/closures", json=body, headers=headers)
        closed = time.perf_counter() - started
    assert reply.status_code == 201, reply.text
    bare = await raw_writes(raw.state.runtime.engine, made)
    for app in (closing, raw):
        await app.state.runtime.engine.dispose()
    return closed, bare, reply.json()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=850)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-closure-") as directory:
        keys = Path(directory) / "keys"
        if args.postgres:
            (port,) = free_ports(1)
            with PostgresCluster(Path(directory) / "postgres", port, ephemeral=True) as cluster:
                for name in ("closure", "raw"):
                    cluster.create_database(name)
                closed, bare, reply = asyncio.run(measure(args, {n: cluster.dsn(n) for n in ("closure", "raw")}, keys))
        else:
            urls = {n: f"sqlite+aiosqlite:///{Path(directory) / f'{n}.db'}" for n in ("closure", "raw")}
            closed, bare, reply = asyncio.run(measure(args, urls, keys))
    database = "PostgreSQL" if args.postgres else "SQLite"
    moved, unmoved = reply["moved_appointments"], len(reply["unmoved_appointments"])
    print(f"{database}: {args.clients} Lütjenburg clients' appointments, closure 2027-03-01..2027-03-12 to Plön")
    print(f"closure (POST /offices/lutjenburg/closures): {closed * 1000:8.0f} ms  moved {moved}, unmoved {unmoved}, "
          f"{moved / closed:,.0f} appointments/s")  # fmt: skip
    print(f"raw (UPDATE {len(reply['unmoved_appointments']) + moved} rows + INSERT tasks): {bare * 1000:8.0f} ms")
    print(f"ratio closure/raw: {closed / bare:.1f}")


if __name__ == "__main__":
    main()

"""The Joboffensive's selection at Gelsenkirchen's size: 1,900 proposals out of 20,000 cases, against a bare SELECT.

Run: `python -m bench.programme_selection [--cases 20000] [--places 1900] [--requests 10] [--database sqlite|postgres]`

One office holds `--cases` active cases (a fifth ready for placement; target groups, last contacts and
cooperation plans with ordinary obstacles drawn at random, a few hundred already in Gemeinsam). Then, in
one run:

proposals  `GET /programmes/joboffensive/proposals?office_id=celle&limit=1900` as a team lead, through the
           real app (token check, office scope, the three reads, scoring and ranking every case, JSON) over
           in-process ASGI, `--requests` times;
raw        the bare statements of the same rows (active cases, their plans, current participations) on a
           connection of the same engine, fetched as tuples.

Each figure is p50/p95 after two warm-up requests; the ratio is what HTTP, auth, the domain's scoring and
the JSON reply add to the database's own work.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from deploy.launcher.postgres import PostgresCluster
from deploy.launcher.process import free_ports
from services.coaching.app import DEFINITION as COACHING
from services.coaching.app import create_app
from services.coaching.domain.model import CaseStatus, ObstacleKind, ObstacleStatus
from services.coaching.domain.offices import OfficeDirectory
from services.coaching.domain.reference import Reference
from services.coaching.tables import CaseRow, CooperationPlanRow, ParticipationRow
from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import generate_key_pair, issue
from services.platform.migrations import upgrade_async
from services.platform.privacy.keys import ensure_key_ring
from services.platform.service_app import build_runtime
from services.platform.settings import ServiceSettings

OFFICE = "celle"
WARM_UP = 2
ORDINARY = [ObstacleKind.DEBTS, ObstacleKind.MOBILITY, ObstacleKind.MISSING_QUALIFICATION, ObstacleKind.CHILDCARE,
            ObstacleKind.LANGUAGE]  # fmt: skip
GROUPS = (("long_term_unemployed", 0.4), ("unskilled", 0.2), ("single_parent", 0.15), ("migrant_or_refugee", 0.1))


def case_row(n: int, rng: random.Random, now: datetime) -> dict[str, object]:
    last = now - timedelta(days=rng.randrange(200)) if rng.random() < 0.9 else None
    return {
        "client_id": uuid.uuid4(),
        "household_id": uuid.uuid4(),
        "office_id": OFFICE,
        "status": CaseStatus.READY_FOR_PLACEMENT if rng.random() < 0.2 else CaseStatus.IN_COACHING,
        "case_worker_id": f"celle-cm-{n % 17 + 1:02d}",
        "opened_at": now - timedelta(days=rng.randrange(30, 900)),
        "target_groups": sorted(g for g, share in GROUPS if rng.random() < share),
        "program_id": "standard",
        "contact_interval_days": 30,
        "assigned_at": now - timedelta(days=29),
        "last_contact_at": last,
        "next_contact_due_at": (last or now) + timedelta(days=30),
        "age_band": "25_and_over",
    }


def plan_row(client_id: uuid.UUID, rng: random.Random, now: datetime) -> dict[str, object]:
    kinds = rng.sample(ORDINARY, rng.choice([0, 0, 1, 1, 2, 3]))
    statuses = list(ObstacleStatus)
    return {
        "plan_id": uuid.uuid4(),
        "client_id": client_id,
        "case_worker_id": "celle-cm-01",
        "agreed_at": now - timedelta(days=40),
        "review_due": date.today() + timedelta(days=140),
        "obstacles": [{"kind": k.value, "status": rng.choice(statuses).value, "note": None} for k in kinds],
        "sealed_content": "k1:not-opened-in-the-benchmark",
        "recorded_at": now - timedelta(days=40),
    }


async def seed(engine: AsyncEngine, cases: int, rng: random.Random) -> None:
    now = datetime.now(UTC)
    rows = [case_row(n, rng, now) for n in range(cases)]
    ids = [r["client_id"] for r in rows]
    plans = [plan_row(i, rng, now) for i in ids if rng.random() < 0.7]  # type: ignore[arg-type]
    enrolled = [
        {"participation_id": uuid.uuid4(), "client_id": i, "program_id": "gemeinsam", "office_id": OFFICE,
         "started_on": date.today(), "started_by": "bench", "recorded_at": now}
        for i in rng.sample(ids, cases // 50)
    ]  # fmt: skip
    async with engine.begin() as connection:
        for table, values in ((CaseRow, rows), (CooperationPlanRow, plans), (ParticipationRow, enrolled)):
            for start in range(0, len(values), 2000):
                await connection.execute(insert(table), values[start : start + 2000])
        await connection.exec_driver_sql("ANALYZE")


async def raw(engine: AsyncEngine) -> int:
    """The same rows the proposal list reads, bare."""
    active = [CaseStatus.IN_COACHING.value, CaseStatus.READY_FOR_PLACEMENT.value]
    async with engine.connect() as connection:
        cases = (
            await connection.execute(
                select(col(CaseRow.client_id), col(CaseRow.status), col(CaseRow.target_groups), col(CaseRow.age_band),
                       col(CaseRow.turns_25_on), col(CaseRow.last_contact_at), col(CaseRow.opened_at))
                .where(col(CaseRow.office_id) == OFFICE, col(CaseRow.status).in_(active))
            )
        ).all()  # fmt: skip
        await connection.execute(
            select(col(CooperationPlanRow.client_id), col(CooperationPlanRow.obstacles))
            .join(CaseRow, col(CaseRow.client_id) == col(CooperationPlanRow.client_id))
            .where(col(CaseRow.office_id) == OFFICE, col(CaseRow.status).in_(active))
            .order_by(col(CooperationPlanRow.recorded_at), col(CooperationPlanRow.plan_id))
        )
        await connection.execute(
            select(col(ParticipationRow.client_id), col(ParticipationRow.program_id)).where(
                col(ParticipationRow.office_id) == OFFICE, col(ParticipationRow.ended_on).is_(None)
            )
        )
    return len(cases)


def with_places(ref: Reference, places: int) -> Reference:
    """The office as large as Gelsenkirchen's Joboffensive: `places` places (seed 003: 1,900)."""
    offices = [
        replace(o, places={**o.places, "joboffensive": places}) if o.office_id == OFFICE else o
        for o in ref.offices.all()
    ]
    return replace(ref, offices=OfficeDirectory(offices))


async def timed(count: int, one: Callable[[], Awaitable[object]]) -> list[float]:
    for _ in range(WARM_UP):
        await one()
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        await one()
        samples.append(time.perf_counter() - started)
    return samples


async def measure(args: argparse.Namespace, url: str, keys: Path) -> tuple[list[float], list[float], dict[str, int]]:
    private_key, _ = generate_key_pair(keys)
    await upgrade_async("coaching", url)
    settings = ServiceSettings(
        service_name="coaching",
        database_url=url,
        jwt_public_key_file=keys / "jwt-public-key.pem",
        data_key_file=ensure_key_ring(keys / "coaching-data.key"),
    )
    app = create_app(settings)
    app.state.reference = with_places(app.state.reference, args.places)
    app.state.runtime = build_runtime(COACHING, settings)  # without the lifespan's Kafka consumers and relay
    engine = app.state.runtime.engine
    await seed(engine, args.cases, random.Random(3))
    lead = StaffUser("celle-tl-01", frozenset({Role.TEAM_LEAD}), frozenset({OFFICE}))
    headers = {"Authorization": f"Bearer {issue(private_key.read_bytes(), lead, 'lotse-dev', 'lotse')}"}
    params = {"office_id": OFFICE, "limit": args.places}
    shape: dict[str, int] = {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://coaching") as http:

        async def propose() -> None:
            reply = await http.get("/programmes/joboffensive/proposals", params=params, headers=headers)
            assert reply.status_code == 200, reply.text
            selection = reply.json()["selection"]
            shape.update(
                considered=selection["considered"],
                eligible=selection["eligible"],
                proposed=len(selection["proposals"]),
                excluded=selection["excluded_total"],
            )

        endpoint = await timed(args.requests, propose)
        bare = await timed(args.requests, lambda: raw(engine))
    await engine.dispose()
    return endpoint, bare, shape


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--places", type=int, default=1_900)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-selection-") as directory, ExitStack() as stack:
        root = Path(directory)
        if args.database == "postgres":
            (port,) = free_ports(1)
            cluster = stack.enter_context(PostgresCluster(root / "postgres", port, ephemeral=True))
            cluster.create_database("coaching")
            url = cluster.dsn("coaching")
        else:
            url = f"sqlite+aiosqlite:///{root / 'coaching.db'}"
        endpoint, bare, shape = asyncio.run(measure(args, url, root / "keys"))
    (p50, p95), (r50, r95) = percentiles(endpoint), percentiles(bare)
    print(f"{args.database}: {shape['considered']} cases considered, {shape['eligible']} eligible, "
          f"{shape['excluded']} excluded, {shape['proposed']} proposed")  # fmt: skip
    print(f"{'':<34}{'p50 ms':>9}{'p95 ms':>9}{'raw p50':>9}{'raw p95':>9}{'p50/raw':>9}")
    label = f"proposals ({args.places} of {args.cases})"
    print(f"{label:<34}{p50:>9.1f}{p95:>9.1f}{r50:>9.1f}{r95:>9.1f}{p50 / r50:>9.1f}")


if __name__ == "__main__":
    main()

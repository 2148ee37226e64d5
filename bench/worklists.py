"""The find-and-list APIs against the bare SQL of the same rows, on PostgreSQL.

Run: `python -m bench.worklists [--clients 25000] [--caseload 850] [--requests 200]`

A throwaway PostgreSQL cluster (deploy/launcher) holds an intake database of `--clients` clients spread
over the district's offices (German family names, a third of them among the forty most common, the rest
made up; every client with its name tokens, as registration writes them) and a coaching database with a
caseload of `--caseload` active cases in Lütjenburg, two open tasks each (one overdue). Then, in one run:

cases   `GET /cases?office_id=lutjenburg&limit=200` as a Lütjenburg case manager, through the real app
        (token check, office scope, keyset query, task counts, JSON) over in-process ASGI, `--requests`
        times; against the two bare statements of the same rows (the page of cases and its task counts)
        on a connection of the same engine.
search  `GET /clients/search?name=…` over all offices (a benefits clerk acting for every office), each
        request a different client's name with a one-letter typo, sometimes with the given name; the
        endpoint narrows, ranks and audits (one sealed insert and a commit). Against the bare narrowing
        query of the same candidate rows.

Each figure is p50/p95 over the requests, after ten warm-up requests; the ratio endpoint/raw is what
HTTP, auth, ranking and auditing add to the database's own work.
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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from fastapi import FastAPI
from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from deploy.launcher.postgres import PostgresCluster
from deploy.launcher.process import free_ports
from services.coaching.app import DEFINITION as COACHING
from services.coaching.app import create_app as coaching_app
from services.coaching.domain.model import CaseStatus, TaskStatus
from services.coaching.tables import CaseRow, TaskRow
from services.intake.app import DEFINITION as INTAKE
from services.intake.app import create_app as intake_app
from services.intake.domain.search import SearchCriteria
from services.intake.tables import ClientNameTokenRow, ClientNumberCounterRow, ClientRow, name_token_rows
from services.intake.use_cases.search import candidates_query
from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import generate_key_pair, issue
from services.platform.migrations import upgrade_async
from services.platform.privacy.keys import ensure_key_ring
from services.platform.service_app import build_runtime
from services.platform.settings import ServiceSettings
from simulator.names import FAMILY, GIVEN_FEMALE, GIVEN_MALE

OFFICE_POSTCODES = {
    "lutjenburg": "24321",
    "plon": "24306",
    "preetz": "24211",
    "heikendorf": "24226",
    "celle": "29221",
}
MADE_UP = (
    [a + b for a in ("Brand", "Ost", "Wies", "Lind", "Kron", "Hol", "Scher", "Tann", "Rode", "Mark", "Sie", "Hage")
     for b in ("mann", "ke", "berg", "feld", "ler", "sen", "hoff", "stedt", "bach", "wald", "er", "hagen")]
)  # fmt: skip
GIVEN = GIVEN_FEMALE + GIVEN_MALE
WARM_UP = 10


def family_name(rng: random.Random) -> str:
    name = rng.choice(FAMILY) if rng.random() < 1 / 3 else rng.choice(MADE_UP)
    return f"{name}-{rng.choice(MADE_UP)}" if rng.random() < 0.05 else name


def typo(name: str, rng: random.Random) -> str:
    """One letter changed after the third, as staff mistype a name they hear."""
    if len(name) < 5:
        return name
    at = rng.randrange(3, len(name))
    return name[:at] + rng.choice("aeiounrst") + name[at + 1 :]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


async def timed(count: int, one: Callable[[int], Awaitable[object]]) -> list[float]:
    for n in range(WARM_UP):
        await one(n)
    samples = []
    for n in range(count):
        started = time.perf_counter()
        await one(n)
        samples.append(time.perf_counter() - started)
    return samples


# --- the data ----------------------------------------------------------------------------------------


async def seed_intake(engine: AsyncEngine, clients: int, rng: random.Random) -> list[tuple[str, str]]:
    offices, names, rows, tokens = list(OFFICE_POSTCODES), [], [], []
    now = datetime.now(UTC)
    for n in range(clients):
        given, family, office = rng.choice(GIVEN), family_name(rng), offices[n % len(offices)]
        client_id = uuid.uuid4()
        names.append((given, family))
        rows.append(
            {
                "client_id": client_id,
                "client_number": f"L-{n + 1:06d}",
                "household_id": uuid.uuid4(),
                "office_id": office,
                "given_name": given,
                "family_name": family,
                "birth_date": date(1960, 1, 1) + timedelta(days=rng.randrange(15_000)),
                "postcode": OFFICE_POSTCODES[office],
                "target_groups": [],
                "special_categories": "k1:not-opened-in-the-benchmark",
                "consent_given_at": now,
                "registered_at": now,
                "registered_on": now.date(),
                "registered_by": "bench",
            }
        )
        tokens += [t.model_dump() for t in name_token_rows(client_id, given, family)]
    async with engine.begin() as connection:
        for start in range(0, len(rows), 2000):
            await connection.execute(insert(ClientRow), rows[start : start + 2000])
        for start in range(0, len(tokens), 5000):
            await connection.execute(insert(ClientNameTokenRow), tokens[start : start + 5000])
        await connection.execute(update(ClientNumberCounterRow).values(last=clients))
        await connection.exec_driver_sql("ANALYZE")
    return names


async def seed_coaching(engine: AsyncEngine, caseload: int, rng: random.Random) -> None:
    now = datetime.now(UTC)
    cases, tasks = [], []
    for n in range(caseload):
        client_id = uuid.uuid4()
        last = now - timedelta(days=rng.randrange(60))
        cases.append(
            {
                "client_id": client_id,
                "household_id": uuid.uuid4(),
                "office_id": "lutjenburg",
                "status": CaseStatus.IN_COACHING if n % 5 else CaseStatus.READY_FOR_PLACEMENT,
                "case_worker_id": f"lutjenburg-cm-0{n % 4 + 1}",
                "opened_at": now - timedelta(days=90),
                "target_groups": [],
                "program_id": "standard",
                "contact_interval_days": 30,
                "assigned_at": now - timedelta(days=89),
                "last_contact_at": last,
                "next_contact_due_at": last + timedelta(days=30),
            }
        )
        for due in (now - timedelta(days=1), now + timedelta(days=5)):
            tasks.append(
                {
                    "task_id": uuid.uuid4(),
                    "client_id": client_id,
                    "office_id": "lutjenburg",
                    "case_worker_id": cases[-1]["case_worker_id"],
                    "kind": "contact_overdue",
                    "status": TaskStatus.OPEN,
                    "due_at": due,
                    "sealed_detail": "k1:not-opened-in-the-benchmark",
                    "created_at": now,
                    "created_by": "bench",
                }
            )
    async with engine.begin() as connection:
        await connection.execute(insert(CaseRow), cases)
        await connection.execute(insert(TaskRow), tasks)
        await connection.exec_driver_sql("ANALYZE")


# --- the apps and the raw statements --------------------------------------------------------------


def serve(name: str, create: Callable[[ServiceSettings], FastAPI], url: str, keys: Path) -> FastAPI:
    """The service's app with its runtime, without the lifespan's Kafka consumers and relay (no events here)."""
    settings = ServiceSettings(
        service_name=name,
        database_url=url,
        jwt_public_key_file=keys / "jwt-public-key.pem",
        data_key_file=ensure_key_ring(keys / f"{name}-data.key"),
    )
    app = create(settings)
    app.state.runtime = build_runtime(INTAKE if name == "intake" else COACHING, settings)
    return app


async def raw_cases(engine: AsyncEngine) -> None:
    due = col(CaseRow.next_contact_due_at)
    async with engine.connect() as connection:
        ids = (
            await connection.execute(
                select(col(CaseRow.client_id), col(CaseRow.office_id), col(CaseRow.case_worker_id),
                       col(CaseRow.status), col(CaseRow.program_id), col(CaseRow.last_contact_at), due)
                .where(col(CaseRow.office_id).in_(["lutjenburg"]), col(CaseRow.status).in_(["awaiting_assignment",
                       "in_coaching", "ready_for_placement"]))
                .order_by(due.is_(None), due, col(CaseRow.client_id)).limit(201)
            )
        ).scalars().all()  # fmt: skip
        await connection.execute(
            select(col(TaskRow.client_id), func.count())
            .where(col(TaskRow.client_id).in_(ids[:200]), col(TaskRow.status) == TaskStatus.OPEN)
            .group_by(col(TaskRow.client_id))
        )


async def raw_search(engine: AsyncEngine, criteria: SearchCriteria) -> None:
    async with engine.connect() as connection:
        (await connection.execute(candidates_query(criteria, criteria.tokens(), None))).all()


def header(private_key: Path, role: Role, office: str, staff_id: str) -> dict[str, str]:
    token = issue(
        private_key.read_bytes(), StaffUser(staff_id, frozenset({role}), frozenset({office})), "lotse-dev", "lotse"
    )
    return {"Authorization": f"Bearer {token}"}


async def measure(
    args: argparse.Namespace, cluster: PostgresCluster, keys: Path
) -> list[tuple[str, list[float], list[float]]]:
    rng = random.Random(9)
    private_key, _ = generate_key_pair(keys)
    for name in ("intake", "coaching"):
        cluster.create_database(name)
        await upgrade_async(name, cluster.dsn(name))
    intake = serve("intake", intake_app, cluster.dsn("intake"), keys)
    coaching = serve("coaching", coaching_app, cluster.dsn("coaching"), keys)
    names = await seed_intake(intake.state.runtime.engine, args.clients, rng)
    await seed_coaching(coaching.state.runtime.engine, args.caseload, rng)

    queries = []
    for given, family in rng.sample(names, args.requests + WARM_UP):
        queries.append(f"{typo(family, rng)} {given}" if rng.random() < 0.5 else typo(family, rng))
    manager = header(private_key, Role.CASE_MANAGER, "lutjenburg", "lutjenburg-cm-01")
    clerk = header(private_key, Role.BENEFITS_CLERK, "*", "bench-clerk")
    results = []
    async with (
        httpx.AsyncClient(transport=httpx.ASGITransport(app=coaching), base_url="http://coaching") as c_http,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=intake), base_url="http://intake") as i_http,
    ):

        async def one_case_page(_: int) -> None:
            reply = await c_http.get("/cases", params={"office_id": "lutjenburg", "limit": 200}, headers=manager)
            assert reply.status_code == 200 and len(reply.json()["items"]) == min(200, args.caseload), reply.text

        async def one_search(n: int) -> None:
            reply = await i_http.get("/clients/search", params={"name": queries[n]}, headers=clerk)
            assert reply.status_code == 200, reply.text

        c_engine, i_engine = coaching.state.runtime.engine, intake.state.runtime.engine
        cases_label = f"GET /cases (caseload {args.caseload}, page of 200)"
        results.append(
            (
                cases_label,
                await timed(args.requests, one_case_page),
                await timed(args.requests, lambda _: raw_cases(c_engine)),
            )
        )
        search_label = f"GET /clients/search ({args.clients} clients)"
        searched = await timed(args.requests, one_search)
        raw = await timed(args.requests, lambda n: raw_search(i_engine, SearchCriteria(queries[n])))
        results.append((search_label, searched, raw))
        hits = (await i_http.get("/clients/search", params={"name": queries[0]}, headers=clerk)).json()["items"]
        print(f"e.g. {queries[0]!r} → {[(h['given_name'] + ' ' + h['family_name'], h['score']) for h in hits[:3]]}")
    for app in (intake, coaching):
        await app.state.runtime.engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=25_000)
    parser.add_argument("--caseload", type=int, default=850)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-worklists-") as directory:
        (port,) = free_ports(1)
        with PostgresCluster(Path(directory) / "postgres", port, ephemeral=True) as cluster:
            results = asyncio.run(measure(args, cluster, Path(directory) / "keys"))
    print(f"{'':<44}{'p50 ms':>9}{'p95 ms':>9}{'raw p50':>9}{'raw p95':>9}{'p50/raw':>9}")
    for label, endpoint, raw in results:
        (p50, p95), (r50, r95) = percentiles(endpoint), percentiles(raw)
        print(f"{label:<44}{p50:>9.1f}{p95:>9.1f}{r50:>9.1f}{r95:>9.1f}{p50 / r50:>9.1f}")


if __name__ == "__main__":
    main()

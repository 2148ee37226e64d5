"""Server time of the staff app's main pages against the service calls each page makes, in the same run.

Run: `python -m bench.staff_app [--clients 850] [--requests 200]`

The platform runs as `make run` runs it (launcher, free ports, throw-away data dir, without the simulator;
journeys on the real calendar). N clients are registered in Lütjenburg (untimed) and the journeys have
coaching assign them. Then, as the case manager with the most of them (signed in through the roster form):

page   `--requests` sequential GETs of Mein Arbeitsplatz, one client file (a different client each time) and
       the search (a misspelled family name), timed at the staff app's HTTP client;
calls  the same requests each page sends to the services and the journeys API, sent one after another with
       the same token: the floor a page can reach without its own work (the page sends some in parallel,
       so it may come in under the sum).

Printed: p50 and p95 of both per page, and page/calls per percentile; target: page p95 under 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx

from bench.journeys import bounded, running_platform, service_url
from deploy.launcher.stack import LocalStack
from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import issue

OFFICE, POSTCODE = "lutjenburg", "24321"
FAMILY_NAMES = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann")
TARGET_P95 = 0.300
Call = tuple[str, str, httpx.QueryParams | None]  # service, path, query


@dataclass
class Timing:
    page: list[float]
    calls: list[float]

    def row(self, name: str) -> str:
        p = {q: (percentile(self.page, q), percentile(self.calls, q)) for q in (50, 95)}
        verdict = "ok" if p[95][0] < TARGET_P95 else "over target"
        return (
            f"{name:<18} page p50 {p[50][0] * 1000:7.1f} ms  p95 {p[95][0] * 1000:7.1f} ms   "
            f"calls p50 {p[50][1] * 1000:7.1f} ms  p95 {p[95][1] * 1000:7.1f} ms   "
            f"page/calls {p[50][0] / p[50][1]:4.2f} / {p[95][0] / p[95][1]:4.2f}   {verdict}"
        )


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def token(stack: LocalStack, user: StaffUser) -> str:
    key = (stack.config.data_dir / "keys" / "jwt-signing-key.pem").read_bytes()
    return issue(key, user, "lotse-dev", "lotse")


async def register(stack: LocalStack, clients: int) -> list[str]:
    headers = {
        "Authorization": f"Bearer {token(stack, StaffUser('bench', frozenset({Role.INTAKE_CLERK}), frozenset({'*'})))}"
    }
    ids: list[str] = []
    async with httpx.AsyncClient(base_url=service_url(stack, "intake"), headers=headers, timeout=60) as intake:

        async def one(n: int) -> None:
            body = {
                "person": {
                    "given_name": f"Bench{n}",
                    "family_name": FAMILY_NAMES[n % len(FAMILY_NAMES)],
                    "birth_date": "1990-05-17",
                },
                "residence_postcode": POSTCODE,
                "consent": True,
            }
            answer = await intake.post("/clients", json=body, headers={"Idempotency-Key": f"bench-staff-app-{n}"})
            ids.append(str(answer.raise_for_status().json()["client_id"]))

        await bounded(clients, 8, one)
    return ids


async def assigned(stack: LocalStack, ids: list[str], timeout: float = 900) -> dict[str, str]:
    """client → case manager, once the journeys had coaching assign every client."""
    reader = StaffUser("bench", frozenset({Role.CASE_MANAGER}), frozenset({"*"}))
    headers = {"Authorization": f"Bearer {token(stack, reader)}"}
    found: dict[str, str] = {}
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=service_url(stack, "coaching"), headers=headers, timeout=60) as coaching:
        while len(found) < len(ids):
            if time.monotonic() > deadline:
                raise SystemExit(f"only {len(found)} of {len(ids)} clients were assigned in {timeout:g} s")

            async def look(client_id: str) -> None:
                answer = await coaching.get(f"/cases/{client_id}")
                if answer.status_code == 200 and answer.json().get("case_worker_id"):
                    found[client_id] = str(answer.json()["case_worker_id"])

            await asyncio.gather(*(look(c) for c in ids if c not in found))
            await asyncio.sleep(1)
    return found


async def signed_in(app: httpx.AsyncClient, staff_id: str) -> None:
    page = await app.get("/anmelden")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf is not None
    answer = await app.post("/anmelden", data={"staff_id": staff_id, "csrf_token": csrf.group(1)})
    assert answer.status_code == 303, answer.text


async def timed(n: int, page: Callable[[int], Awaitable[None]], calls: Callable[[int], Awaitable[None]]) -> Timing:
    timing = Timing([], [])
    for i in range(n):
        started = time.perf_counter()
        await page(i)
        timing.page.append(time.perf_counter() - started)
        started = time.perf_counter()
        await calls(i)
        timing.calls.append(time.perf_counter() - started)
    return timing


async def measure(stack: LocalStack, clients: int, requests: int) -> dict[str, Timing]:
    ids = await register(stack, clients)
    workers = await assigned(stack, ids)
    staff_id, _ = Counter(workers.values()).most_common(1)[0]
    mine = [c for c, w in workers.items() if w == staff_id]
    user = StaffUser(staff_id, frozenset({Role.CASE_MANAGER}), frozenset({OFFICE}))
    headers = {"Authorization": f"Bearer {token(stack, user)}"}
    urls = {name: service_url(stack, name) for name in stack.config.service_ports}
    urls["journeys"] = f"http://127.0.0.1:{stack.config.journeys_api_port}"
    staff_app = f"http://127.0.0.1:{stack.config.staff_app_port}"
    async with httpx.AsyncClient(base_url=staff_app, timeout=60) as app, httpx.AsyncClient(timeout=60) as direct:
        await signed_in(app, staff_id)

        async def call_all(calls: list[Call]) -> None:
            for service, path, query in calls:
                (await direct.get(urls[service] + path, params=query, headers=headers)).raise_for_status()

        async def page(path: str, query: dict[str, str] | None = None) -> None:
            (await app.get(path, params=query)).raise_for_status()

        today = date.today().isoformat()
        worklist: list[Call] = [
            ("coaching", "/appointments", httpx.QueryParams({"staff_id": "me", "day": today})),
            ("coaching", "/tasks", httpx.QueryParams({"case_worker_id": staff_id, "status": "open"})),
            ("coaching", "/cases", httpx.QueryParams({"case_worker_id": "me"})),
            ("intake", "/clients", httpx.QueryParams([("client_id", c) for c in sorted(mine)[:200]])),
        ]

        def file_calls(i: int) -> list[Call]:
            client = mine[i % len(mine)]
            return [
                ("intake", f"/clients/{client}", None),
                ("coaching", f"/cases/{client}", None),
                ("coaching", f"/offices/{OFFICE}", None),
                ("journeys", f"/journeys/{client}", None),
            ]

        misspelled = httpx.QueryParams({"name": "Schmitt"})
        return {
            "Mein Arbeitsplatz": await timed(requests, lambda i: page("/"), lambda i: call_all(worklist)),
            "Akte": await timed(
                requests, lambda i: page(f"/akte/{mine[i % len(mine)]}"), lambda i: call_all(file_calls(i))
            ),
            "Suche": await timed(
                requests,
                lambda i: page("/suche", {"q": "Schmitt"}),
                lambda i: call_all([("intake", "/clients/search", misspelled)]),
            ),
        }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=850)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lotse-bench-staff-app-") as tmp, running_platform(Path(tmp)) as stack:
        timings = asyncio.run(measure(stack, args.clients, args.requests))
    print(f"staff app, {args.clients} clients in {OFFICE}, {args.requests} requests per page (sequential)")
    for name, timing in timings.items():
        print(timing.row(name))
    sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Server time of the staff app's main pages with a whole office loaded, against the service calls each page makes.

Run: `python -m bench.staff_app [--clients 850] [--office lutjenburg] [--requests 200] [--concurrency 8]
[--seconds-per-month S]`

The platform runs as `make run` runs it (the project's launcher on free ports, a throw-away data dir). The
office's clients are loaded in bulk through the services' public APIs (bench/office_load.py: the simulator's
people and requests, 8 at a time), until the journeys have given each a case manager; then the signed-in case
manager gets a day's work (a contact per client, an overdue and an open task per client, phone appointments
today). The journeys run in real time by default, as in production: nothing falls due while the pages are
timed; `--seconds-per-month 57` is the demo's compressed calendar, whose 850 journeys raise tasks meanwhile.

page   The staff app runs in this process (its ASGI app through httpx's ASGI transport: the page's server time,
       without a browser or a socket in front of it), signed in through its own roster as the office's case
       manager with the largest caseload. Each of Mein Arbeitsplatz, that case manager's first client's file
       and a search by a misspelt family name is requested R times, one after the other.
calls  The staff app's HTTP clients record every service call a page makes (method, URL, headers). Right after
       each page request the very same calls are made again, one after the other, with the same token: their
       sum is what the page costs at least if it made its calls in sequence (it makes some at the same time,
       so a page can be faster than its calls' sum).

page/calls is the page's own overhead: templates, the session, its own parsing of the answers.
Target (#9): p95 under 300 ms per page on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench import office_load
from bench.journeys import running_platform, service_url, staff_headers
from deploy.launcher.stack import LocalStack, staff_app_env
from services.platform.auth.staff import Role
from simulator.api import Services
from staff_app.app import create_app
from staff_app.settings import StaffAppSettings

SERVICES = ("intake", "coaching", "placement", "benefits", "journeys")
TARGET_P95_MS = 300.0
LOAD_TIMEOUT = 600.0  # the journeys assign 850 clients in about a minute on a quiet machine
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Call:
    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    content: bytes


@dataclass
class Recorder(httpx.AsyncBaseTransport):
    """The staff app's transport to one service: passes every request on and remembers it."""

    inner: httpx.AsyncBaseTransport
    calls: list[Call] = field(default_factory=list)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        content = await request.aread()
        self.calls.append(Call(request.method, str(request.url), tuple(request.headers.multi_items()), content))
        return await self.inner.handle_async_request(request)


@dataclass
class Timings:
    page_ms: list[float] = field(default_factory=list)
    calls_ms: list[float] = field(default_factory=list)
    calls_per_page: Counter[int] = field(default_factory=Counter)
    per_call_ms: dict[str, list[float]] = field(default_factory=dict)  # "coaching GET /cases/{id}" → durations


# --- the office's clients ---------------------------------------------------------------------------


async def load_office(stack: LocalStack, args: argparse.Namespace) -> list[dict[str, Any]]:
    """The office's clients in bulk through the public APIs (bench/office_load.py), each with a case manager."""
    key = (stack.config.data_dir / "keys" / "jwt-signing-key.pem").read_bytes()
    urls = {name: service_url(stack, name) for name in SERVICES if name != "journeys"}
    run_id = f"{int(time.time()):x}"
    async with Services(urls, key, args.concurrency) as api:
        started = time.perf_counter()
        await office_load.staff_office(api, args.office, args.clients, run_id)
        args.clients = await office_load.register_all(api, args.office, args.clients, run_id, args.concurrency)
        registered = time.perf_counter()
        cases = await office_load.until_assigned(api, args.office, args.clients, LOAD_TIMEOUT, print)
        args.load_seconds = (registered - started, time.perf_counter() - started)
        case_manager, _ = Counter(c["case_worker_id"] for c in cases).most_common(1)[0]
        theirs = [c["client_id"] for c in cases if c["case_worker_id"] == case_manager]
        await office_load.fill_the_day(api, args.office, case_manager, theirs, run_id, args.concurrency)
        args.day_seconds = time.perf_counter() - started - args.load_seconds[1]
    return cases


# --- the staff app in this process -------------------------------------------------------------------


def staff_app(stack: LocalStack) -> tuple[httpx.AsyncClient, dict[str, Recorder]]:
    urls = {name: service_url(stack, name) for name in SERVICES if name != "journeys"}
    urls["journeys"] = f"http://127.0.0.1:{stack.config.journeys_api_port}"
    recorders = {name: Recorder(httpx.AsyncHTTPTransport()) for name in SERVICES}
    clients = {name: httpx.AsyncClient(base_url=urls[name], transport=recorders[name], timeout=30) for name in urls}
    sessions = staff_app_env(stack.config)  # the stack's staff app database, migrated when the stack started
    settings = StaffAppSettings(
        database_url=sessions["LOTSE_STAFF_APP_DATABASE_URL"],
        session_key_file=Path(sessions["LOTSE_STAFF_APP_SESSION_KEY_FILE"]),
        dev_keys_dir=stack.config.data_dir / "keys",
        intake_url=urls["intake"],
        coaching_url=urls["coaching"],
        placement_url=urls["placement"],
        benefits_url=urls["benefits"],
        journeys_url=urls["journeys"],
    )
    app = create_app(settings, clients=clients)
    browser = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://staff-app.test")
    return browser, recorders


async def sign_in(browser: httpx.AsyncClient, staff_id: str) -> None:
    form = (await browser.get("/anmelden")).raise_for_status().text
    token = CSRF.search(form)
    assert token is not None, "no CSRF token on the sign-in page"
    signed_in = await browser.post("/anmelden", data={"csrf_token": token.group(1), "staff_id": staff_id})
    assert signed_in.status_code == 303, f"sign-in as {staff_id} refused: {signed_in.status_code}"


async def time_page(
    browser: httpx.AsyncClient, recorders: dict[str, Recorder], raw: httpx.AsyncClient, path: str, requests: int
) -> Timings:
    timings = Timings()
    for n in range(-5, requests):  # five to warm up connections and caches
        for recorder in recorders.values():
            recorder.calls.clear()
        started = time.perf_counter()
        page = await browser.get(path)
        page_ms = (time.perf_counter() - started) * 1000
        assert page.status_code == 200, f"{path} → {page.status_code}"
        calls = [(service, call) for service, recorder in recorders.items() for call in recorder.calls]
        calls_ms = 0.0
        for service, call in calls:
            started = time.perf_counter()
            answer = await raw.request(call.method, call.url, headers=dict(call.headers), content=call.content)
            took = (time.perf_counter() - started) * 1000
            calls_ms += took
            assert answer.status_code < 500, f"{call.method} {call.url} → {answer.status_code}"
            if n >= 0:
                timings.per_call_ms.setdefault(call_name(service, call), []).append(took)
        if n >= 0:
            timings.page_ms.append(page_ms)
            timings.calls_ms.append(calls_ms)
            timings.calls_per_page[len(calls)] += 1
    return timings


def call_name(service: str, call: Call) -> str:
    return f"{service} {call.method} {UUID.sub('{id}', httpx.URL(call.url).path)}"


def misspelt(name: str) -> str:
    """The family name as a hurried clerk types it: umlauts and ß spelled out, one letter left out."""
    plain = name.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return plain[:-2] + plain[-1] if len(plain) > 4 else plain


async def measure(stack: LocalStack, args: argparse.Namespace) -> dict[str, Timings]:
    cases = await load_office(stack, args)
    args.loaded = len(cases)
    case_manager, args.caseload = Counter(c["case_worker_id"] for c in cases).most_common(1)[0]
    client_id = next(c["client_id"] for c in cases if c["case_worker_id"] == case_manager)
    browser, recorders = staff_app(stack)
    async with browser, httpx.AsyncClient(timeout=30) as raw:
        person = (
            (
                await raw.get(
                    f"{service_url(stack, 'intake')}/clients/{client_id}",
                    headers=staff_headers(stack, Role.CASE_MANAGER),
                )
            )
            .raise_for_status()
            .json()["person"]
        )
        await sign_in(browser, case_manager)
        pages = {
            "Mein Arbeitsplatz": "/",
            "client file (Akte)": f"/akte/{client_id}",
            "search (misspelt name)": f"/suche?name={misspelt(person['family_name'])}",
        }
        args.load_before = os.getloadavg()[0]
        timed = {name: await time_page(browser, recorders, raw, path, args.requests) for name, path in pages.items()}
        args.load_after = os.getloadavg()[0]
        return timed


# --- output ----------------------------------------------------------------------------------------


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def report(results: dict[str, Timings], args: argparse.Namespace) -> None:
    print(
        f"{args.loaded} clients with a case manager in {args.office} ({args.caseload} of them the signed-in case "
        f"manager's), {args.requests} requests per page one after the other, "
        f"Python {sys.version.split()[0]}, whole platform on one machine (SQLite), staff app in-process (ASGI)"
    )
    registered, assigned = args.load_seconds
    calendar = f"a month every {args.seconds_per_month:g} s" if args.seconds_per_month else "real time"
    print(
        f"loaded in {assigned:.0f} s (registered after {registered:.0f} s; "
        f"the case manager's day {args.day_seconds:.0f} s more), "
        f"journeys on {calendar}; load average {args.load_before:.1f} before the timing, {args.load_after:.1f} after "
        f"({os.cpu_count()} cores, shared)"
    )
    head = f"{'page':<24}{'p50 ms':>8}{'p95 ms':>8}{'calls':>7}{'sum p50':>9}{'sum p95':>9}{'ratio p50':>11}"
    print(head + f"{'ratio p95':>11}  target p95 < {TARGET_P95_MS:g} ms")
    for name, t in results.items():
        page50, page95 = percentile(t.page_ms, 50), percentile(t.page_ms, 95)
        calls50, calls95 = percentile(t.calls_ms, 50), percentile(t.calls_ms, 95)
        calls = "/".join(str(n) for n in sorted(t.calls_per_page))
        verdict = "met" if page95 < TARGET_P95_MS else "MISSED"
        print(
            f"{name:<24}{page50:>8.1f}{page95:>8.1f}{calls:>7}{calls50:>9.1f}{calls95:>9.1f}"
            f"{page50 / calls50:>11.2f}{page95 / calls95:>11.2f}  {verdict}"
        )
        for call, took in sorted(t.per_call_ms.items()):
            print(f"    {call:<48} p50 {percentile(took, 50):7.1f} ms  p95 {percentile(took, 95):7.1f} ms")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=850, help="clients in the office (default 850)")
    parser.add_argument("--office", default="lutjenburg", help="the office (default lutjenburg)")
    parser.add_argument("--requests", type=int, default=200, help="requests per page (default 200)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight while loading (default 8)")
    parser.add_argument(
        "--seconds-per-month",
        type=float,
        default=None,
        help="the journeys' calendar (default: real time, as in production: no deadline falls due while timed)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    month = args.seconds_per_month
    with tempfile.TemporaryDirectory(prefix="lotse-bench-") as tmp, running_platform(Path(tmp), month) as stack:
        print(f"loading {args.clients} clients into {args.office}, {args.concurrency} requests at a time", flush=True)
        results = asyncio.run(measure(stack, args))
    report(results, args)


if __name__ == "__main__":
    main()

"""The monthly management report of a Lütjenburg-sized office over 24 months: its time as HTML and as PDF,
against the month's indicators (the raw limit: one month counted by the database, as `GET /indicators` does).

Run: `python -m bench.reporting_report [--clients 850] [--months 24] [--database sqlite|postgres] [--runs 3]`

The read model is built from the same synthetic events as `bench.reporting_rebuild` (850 clients, 47,428
events, plus an eight-month Gemeinsam participation for a tenth of them), applied through the rebuild's batches
without a broker (`services.reporting.rebuild.apply_envelopes`). Then, after one untimed warm-up of each:

indicators  the office's figures of the last month, counted by the database
report     `presentations.monthly_report` for the office: the twelve months' figures, the programme yardsticks
html       report + `render_report_html` (SVG charts; no longer what a request is served)
pdf        report + `render_report` (typesetting after `printer.warm_up`, as reporting's start-up does)
typeset    `stored_reports.typeset`: report + HTML and PDF from one drawing of the charts, stored: what the
           background work (or a request's first asking) does ahead of the request
bare pdf   WeasyPrint alone on the same report's HTML (charts already drawn): the raw limit of typesetting
stored     what a request costs now: the read model's version and the stored report, read

Each p50 of `--runs`; x = against the bare WeasyPrint render; the staff app gives reporting 10 s (its service
timeout) before the Kennzahlen page's PDF link turns into a 503.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from weasyprint import HTML

from bench.reporting_rebuild import OFFICE, add_months, client_events, database, envelope
from contracts.envelope import Envelope
from contracts.events import ClientRegisteredV1, ParticipationEndedV1, ParticipationStartedV1
from services.platform.auth.staff import ALL_OFFICES, Role, StaffUser
from services.platform.database import create_engine, session_factory
from services.platform.inbox import Inbox
from services.platform.migrations import upgrade_async
from services.platform.outbox import Outbox
from services.platform.unit_of_work import UnitOfWork
from services.reporting.consumers import EFFECTS
from services.reporting.domain.figures import figures_of, months_counted, months_summed
from services.reporting.domain.population import Breakdown
from services.reporting.programme_terms import load_programme_terms
from services.reporting.rebuild import BATCH, Rebuilt, apply_envelopes
from services.reporting.report import printer, render_report, render_report_html
from services.reporting.report.printer import PDF_VARIANT
from services.reporting.tables import plumbing
from services.reporting.use_cases.counting import count_months
from services.reporting.use_cases.presentations import Scope, monthly_report
from services.reporting.use_cases.stored_reports import ReportKey, read_model_version, stored, typeset

STAFF_APP_TIMEOUT_S = 10.0
MANAGEMENT = StaffUser("bench-management", frozenset({Role.MANAGEMENT}), frozenset({ALL_OFFICES}))


def participation(rng: random.Random, registered: ClientRegisteredV1, first: date, months: int) -> list[Envelope]:
    """An eight-month Gemeinsam participation starting in one of the first months, ending in one of three ways."""
    start = add_months(first, rng.randrange(max(1, months - 8)))
    end = add_months(start, 8) - timedelta(days=1)
    pid, at = uuid.uuid4(), datetime.combine(start, datetime.min.time(), UTC)
    common: dict[str, Any] = {"client_id": registered.client_id, "participation_id": pid, "office_id": OFFICE}
    started = ParticipationStartedV1(
        **common, program_id="gemeinsam", case_worker_id="cm-1", started_on=start, planned_end_on=end,
        contact_interval_days=7, started_at=at,
    )  # fmt: skip
    ended = ParticipationEndedV1(
        **common, program_id="gemeinsam", reason=rng.choice(("completed", "in_work", "dropped_out")), ended_on=end,
        ended_at=datetime.combine(end, datetime.min.time(), UTC), next_program_id="standard", contact_interval_days=30,
    )  # fmt: skip
    return [envelope(started, at), envelope(ended, ended.ended_at)]


def district_events(clients: int, months: int) -> tuple[list[Envelope], date]:
    rng, first = random.Random(48), date(2024, 9, 1)
    events: list[Envelope] = []
    for _ in range(clients):
        mine = client_events(rng, first, months)
        registered = mine[0].data
        assert isinstance(registered, ClientRegisteredV1)
        events += mine + (participation(rng, registered, first, months) if rng.random() < 0.1 else [])
    return events, add_months(first, months - 1)


async def build(url: str, events: Sequence[Envelope]) -> None:
    await upgrade_async("reporting", url)
    engine = create_engine(url)
    uow = UnitOfWork(session_factory(engine), Outbox(plumbing, source="/lotse/reporting"), Inbox(plumbing))
    by_topic: dict[str, list[Envelope]] = defaultdict(list)
    for e in events:
        by_topic[e.data.topic.name].append(e)
    done = Rebuilt()
    try:
        for topic in EFFECTS:
            mine = by_topic[topic.name]
            for at in range(0, len(mine), BATCH):
                await apply_envelopes(uow, topic, mine[at : at + BATCH], done)
    finally:
        await engine.dispose()


async def timings(url: str, month: date, runs: int) -> dict[str, float]:
    engine = create_engine(url)
    uow = UnitOfWork(session_factory(engine), Outbox(plumbing, source="/lotse/reporting"), Inbox(plumbing))
    terms, scope = load_programme_terms(), Scope(month, OFFICE)

    async def indicators() -> object:
        async with uow.transaction() as tx:
            counts = await count_months(tx.session, frozenset({OFFICE}), *months_counted(month), months_summed(month))
            return figures_of(counts, month, Breakdown(office_id=OFFICE))

    async def report() -> Any:
        async with uow.transaction() as tx:
            return await monthly_report(tx, scope, MANAGEMENT, jobcenter="Jobcenter Kreis Plön", terms=terms)

    async def html() -> object:
        return await asyncio.to_thread(render_report_html, await report())

    async def pdf() -> object:
        return await asyncio.to_thread(render_report, await report())

    key = ReportKey(month, OFFICE, frozenset({OFFICE}))

    async def typeset_ahead() -> object:
        return await typeset(uow, key, jobcenter="Jobcenter Kreis Plön", terms=terms)

    same_html = printer.ReportPrinter().html(await report(), raster=True)

    async def bare_pdf() -> object:
        return await asyncio.to_thread(lambda: HTML(string=same_html).write_pdf(pdf_variant=PDF_VARIANT))

    async def served() -> object:
        async with uow.transaction() as tx:
            await read_model_version(tx.session)
            found = await stored(tx.session, key)
        assert found is not None
        return found

    steps: dict[str, Callable[[], Awaitable[object]]] = {
        "indicators": indicators, "report": report, "html": html, "pdf": pdf, "typeset": typeset_ahead,
        "bare pdf": bare_pdf, "stored": served,
    }  # fmt: skip
    found: dict[str, float] = {}
    try:
        for name, step in steps.items():
            await step()  # warm-up: the engines, fonts and caches a running service already holds
            seconds = []
            for _ in range(runs):
                started = time.perf_counter()
                await step()
                seconds.append(time.perf_counter() - started)
            found[name] = statistics.median(seconds)
    finally:
        await engine.dispose()
    return found


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=850)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    events, month = district_events(args.clients, args.months)
    printer.warm_up()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp, database(args.database, Path(tmp)) as url:
        started = time.perf_counter()
        asyncio.run(build(url, events))
        print(f"{args.clients} clients of one office over {args.months} months: {len(events):,} events applied in "
              f"{time.perf_counter() - started:.1f} s ({args.database}); report month {month:%Y-%m}")  # fmt: skip
        found = asyncio.run(timings(url, month, args.runs))
    raw = found["bare pdf"]
    print(f"{'step':<12}{'p50 s':>9}{'x bare pdf':>12}{'of 10 s timeout':>17}   (p50 of {args.runs})")
    for name, seconds in found.items():
        share = seconds / STAFF_APP_TIMEOUT_S
        print(f"{name:<12}{seconds:>9.3f}{seconds / raw:>12.2f}{share:>16.1%}")


if __name__ == "__main__":
    main()

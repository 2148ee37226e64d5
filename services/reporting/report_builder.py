"""The monthly reports typeset ahead of the request, and a request's answer while one is being typeset.

Ahead: every `report_prebuild_seconds` the last full month's report of each office and of every office
(management's) is typeset when the read model changed since it was stored. On request (`serve`): the stored
report when `stored_reports.servable`; else a typesetting is started (one per report, however many ask) and
waited for `report_wait_seconds`, then the caller answers 202 and the next request finds it stored. A report
that is served although stale starts its new typesetting too.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from functools import cache

from services.platform.service_app import ServiceRuntime
from services.platform.supervision import sleep_unless
from services.reporting.domain.months import add_months, first_of_month
from services.reporting.programme_terms import ProgrammeTerms
from services.reporting.use_cases.stored_reports import (
    ReportKey,
    StoredReport,
    read_model_version,
    reported_offices,
    servable,
    stored,
    typeset,
)

log = logging.getLogger(__name__)


def last_full_month(today: date) -> date:
    return add_months(first_of_month(today), -1)


class ReportBuilder:
    def __init__(self, *, jobcenter: str, terms: Callable[[], Mapping[str, ProgrammeTerms]]) -> None:
        self._jobcenter = jobcenter
        self._terms = cache(terms)
        self._typesetting: dict[ReportKey, asyncio.Task[StoredReport | None]] = {}

    async def serve(self, runtime: ServiceRuntime, key: ReportKey) -> StoredReport | None:
        """The report to answer with, or None while it is being typeset (answer 202)."""
        async with runtime.uow.transaction() as tx:
            version = await read_model_version(tx.session)
            found = await stored(tx.session, key)
        if found is not None and found.version == version:
            return found
        typesetting = self._start(runtime, key)
        fresh_for = timedelta(seconds=runtime.settings.report_fresh_seconds)
        if servable(found, version, datetime.now(UTC), fresh_for):
            return found
        try:
            return await asyncio.wait_for(asyncio.shield(typesetting), runtime.settings.report_wait_seconds)
        except TimeoutError:
            return None

    async def prebuild(self, runtime: ServiceRuntime, month: date, stop: asyncio.Event | None = None) -> int:
        """Typesets `month`'s reports whose read model changed, one after another; how many it typeset."""
        async with runtime.uow.transaction() as tx:
            offices = await reported_offices(tx.session)
        keys = [ReportKey(month, o, frozenset({o})) for o in offices]
        keys = [ReportKey(month, None, None), *keys] if keys else []
        made = 0
        for key in keys:
            if stop is not None and stop.is_set():
                break
            async with runtime.uow.transaction() as tx:
                version = await read_model_version(tx.session)
                found = await stored(tx.session, key)
            if found is None or found.version != version:
                made += await self._start(runtime, key) is not None
        return made

    async def run(self, runtime: ServiceRuntime, stop: asyncio.Event) -> None:
        """The service's background work: `prebuild` the last full month every `report_prebuild_seconds` (0:
        never) until `stop`; then waits for the typesetting under way, so the database outlives it."""
        every = runtime.settings.report_prebuild_seconds
        try:
            while not stop.is_set():
                await sleep_unless(stop, every if every > 0 else 3600)
                if every > 0 and not stop.is_set():
                    await self.prebuild(runtime, last_full_month(datetime.now(UTC).date()), stop)
        finally:
            await asyncio.gather(*self._typesetting.values(), return_exceptions=True)

    def _start(self, runtime: ServiceRuntime, key: ReportKey) -> asyncio.Task[StoredReport | None]:
        task = self._typesetting.get(key)
        if task is None:
            task = asyncio.create_task(self._typeset(runtime, key), name=f"report-{key.columns}")
            self._typesetting[key] = task
            task.add_done_callback(lambda done: self._forget(key, done))
        return task

    def _forget(self, key: ReportKey, task: asyncio.Task[StoredReport | None]) -> None:
        if self._typesetting.get(key) is task:
            del self._typesetting[key]

    async def _typeset(self, runtime: ServiceRuntime, key: ReportKey) -> StoredReport | None:
        try:
            return await typeset(runtime.uow, key, jobcenter=self._jobcenter, terms=self._terms())
        except Exception:  # the request answers 202 and the next one tries again; never a 500
            log.exception("typesetting the monthly report %s failed", key.columns)
            return None

"""The durable timer of reminders: while coaching runs it raises the reminders due every few minutes.

Durable because nothing waits in memory: what is due follows from the booked appointments in the database
and what was raised is recorded once per recipient, so a restart loses nothing and a reschedule or a
cancellation needs no timer moved (see README, "Appointments").
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from fastapi import FastAPI

from services.coaching.domain.appointment_policy import AppointmentPolicy
from services.coaching.use_cases.reminders import raise_due_reminders
from services.platform.service_app import ServiceRuntime

log = logging.getLogger(__name__)
EVERY_SECONDS = 300.0


async def _look(runtime: ServiceRuntime, policy: AppointmentPolicy) -> None:
    while True:
        try:
            async with runtime.uow.transaction() as tx:
                await raise_due_reminders(tx, datetime.now(UTC), policy.reminders)
        except Exception:  # a database hiccup: the next look raises what this one missed
            log.exception("raising due reminders failed; trying again in %s s", EVERY_SECONDS)
        await asyncio.sleep(EVERY_SECONDS)


@asynccontextmanager
async def reminders_while_running(app: FastAPI) -> AsyncIterator[None]:
    task = asyncio.create_task(_look(app.state.runtime, app.state.appointment_policy), name="coaching-reminders")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

"""Composition root of the coaching service: `uvicorn services.coaching.app:create_app --factory`."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from services.coaching import api, consumers, reminder_timer, retention_api
from services.coaching.domain.appointment_policy import AppointmentPolicy
from services.coaching.domain.appointments import DoubleBooking
from services.coaching.domain.closures import OfficeClosed
from services.coaching.domain.model import SPECIAL_CATEGORY_READERS
from services.coaching.domain.reference import Reference
from services.coaching.domain.staffing import NoCapacity
from services.coaching.person_data import PERSON_DATA
from services.coaching.tables import audit, metadata, person_keys, plumbing
from services.coaching.use_cases import roster
from services.platform.http.problems import problem
from services.platform.privacy import api as privacy_api
from services.platform.privacy import person_api
from services.platform.privacy.person_api import PersonParts
from services.platform.privacy.vault import SpecialCategories
from services.platform.service_app import ServiceDefinition, ServiceRuntime, create_service_app
from services.platform.settings import ServiceSettings, load_settings

NO_CAPACITY = "https://lotse.de/problems/no-capacity"
DOUBLE_BOOKING = "https://lotse.de/problems/double-booking"
OFFICE_CLOSED = "https://lotse.de/problems/office-closed"
DATA_DIR = Path(__file__).parent / "data"


def load_reference(directory: Path = DATA_DIR) -> Reference:
    """The district's offices, programmes, staff roster and § 16a providers, read from the data files."""

    def read(name: str) -> dict[str, object]:
        data: dict[str, object] = json.loads((directory / name).read_text(encoding="utf-8"))
        return data

    return Reference.from_data(
        read("offices.json"), read("programmes.json"), read("staff.json"), read("providers.json")
    )


def load_appointment_policy(directory: Path = DATA_DIR) -> AppointmentPolicy:
    """Rooms, the Land of each district, consultation-day slots and reminder lead times."""
    return AppointmentPolicy.from_data(json.loads((directory / "appointments.json").read_text(encoding="utf-8")))


@asynccontextmanager
async def roster_on_startup(app: FastAPI) -> AsyncIterator[None]:
    """After the runtime is up: upsert the district's staff roster (idempotent, every start)."""
    runtime: ServiceRuntime = app.state.runtime
    reference: Reference = app.state.reference
    await roster.load_roster(runtime.uow, reference.roster)
    yield


DEFINITION = ServiceDefinition(
    name="coaching",
    title="Lotse coaching",
    description="Case management and coaching: offices and opening hours, programmes and caseload ratios "
    "(Betreuungsschlüssel, § 44c Abs. 4 SGB II), assignment of case managers, contacts, appointments, "
    "the cooperation plan (Kooperationsplan, § 15 SGB II), tasks, readiness for placement.",
    metadata=metadata,
    tables=plumbing,
    routers=[
        *api.ROUTERS,
        privacy_api.router,
        retention_api.router,
        person_api.router,
        APIRouter(lifespan=roster_on_startup),
        APIRouter(lifespan=reminder_timer.reminders_while_running),
    ],
    openapi_tags=[
        {
            "name": "cases",
            "description": "A client's case (assignment, contacts, appointments, plan, readiness); the caseload",
        },
        {
            "name": "appointments",
            "description": "Appointments of every kind (individual, team, group, consultation days, weekly series), "
            "attendance, reminders, the staff calendar feed; a day's appointments per staff member and office",
        },
        {"name": "tasks", "description": "Work for case managers, e.g. overdue contacts and plan reviews"},
        {"name": "offices", "description": "Offices and opening hours (Europe/Berlin)"},
        {"name": "programmes", "description": "Programmes with caseload ratio and contact cadence"},
        {"name": "staff", "description": "Case managers, coaches and their caseloads"},
        {"name": "audit", "description": "Who read or wrote special-category data (GDPR Art. 9)"},
        {"name": "persons", "description": "Right of access (Art. 15 GDPR), retention and erasure (Art. 17)"},
    ],
)


async def _no_capacity(_: Request, exc: Exception) -> JSONResponse:
    return problem(409, "No capacity", str(exc), type=NO_CAPACITY)


async def _double_booking(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DoubleBooking)
    return problem(409, "Double booking", str(exc), type=DOUBLE_BOOKING, clashes=exc.what)


async def _office_closed(_: Request, exc: Exception) -> JSONResponse:
    return problem(409, "Office closed", str(exc), type=OFFICE_CLOSED)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or load_settings("coaching")
    vault = SpecialCategories.from_settings(settings, audit, SPECIAL_CATEGORY_READERS, person_keys)
    reference, policy = load_reference(), load_appointment_policy()
    subscriptions = partial(consumers.subscriptions, ref=reference, vault=vault, policy=policy)
    definition = replace(DEFINITION, subscriptions=subscriptions)
    app = create_service_app(definition, settings)
    app.state.special_categories, app.state.reference = vault, reference
    app.state.person_parts = PersonParts(PERSON_DATA, person_keys, audit, plumbing, vault)
    app.add_exception_handler(NoCapacity, _no_capacity)
    app.state.appointment_policy = policy
    app.add_exception_handler(DoubleBooking, _double_booking)
    app.add_exception_handler(OfficeClosed, _office_closed)
    return app

"""Composition root of the reporting service: `uvicorn services.reporting.app:create_app --factory`."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace

from fastapi import FastAPI

from services.platform.privacy import person_api
from services.platform.privacy.person_api import PersonParts
from services.platform.service_app import ServiceDefinition, create_service_app
from services.platform.settings import ServiceSettings, load_settings
from services.platform.unit_of_work import UnitOfWork
from services.reporting import api, api_views, consumers
from services.reporting.person_data import PERSON_DATA
from services.reporting.programme_terms import load_programme_terms
from services.reporting.report import printer
from services.reporting.report_builder import ReportBuilder
from services.reporting.tables import audit, metadata, person_keys, plumbing

log = logging.getLogger(__name__)


async def warm_up_printer(_: UnitOfWork) -> None:
    """Starts typesetting a report of nothing beside the start-up, so no request pays for the process's first PDF
    (several seconds: the Vega engine, the fonts). A daemon thread: a stop does not wait for it."""
    threading.Thread(target=_warm_up, name="reporting-printer-warm-up", daemon=True).start()


def _warm_up() -> None:
    try:
        printer.warm_up()
    except Exception:  # a request then pays the first render itself, as before; the service still serves
        log.exception("warming up the report printer failed")


DEFINITION = ServiceDefinition(
    name="reporting",
    title="Lotse reporting",
    description="The read model of the § 48a SGB II indicators (Kennzahlen-Verordnung), built from the platform's "
    "events and rebuildable from the topics (`python -m services.reporting rebuild`). Decides nothing.",
    metadata=metadata,
    tables=plumbing,
    routers=(*api.ROUTERS, *api_views.ROUTERS, person_api.router),
    subscriptions=consumers.subscriptions,
    on_start=warm_up_printer,
    openapi_tags=[
        {"name": "indicators", "description": "K1–K3 and their supplements, monthly, by office and sex"},
        {"name": "reports", "description": "the monthly management report (PDF, HTML) and the programmes' yardsticks"},
        {"name": "persons", "description": "person-level facts for the right of access; anonymised on erasure"},
    ],
)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    builder = ReportBuilder(jobcenter=api_views.JOBCENTER, terms=load_programme_terms)
    app = create_service_app(replace(DEFINITION, background=builder.run), settings or load_settings("reporting"))
    app.state.report_builder = builder
    app.state.person_parts = PersonParts(PERSON_DATA, person_keys, audit, plumbing)
    return app

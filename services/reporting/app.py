"""Composition root of the reporting service: `uvicorn services.reporting.app:create_app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from services.platform.service_app import ServiceDefinition, create_service_app
from services.platform.settings import ServiceSettings, load_settings
from services.reporting import api, api_views, consumers
from services.reporting.tables import metadata, plumbing

DEFINITION = ServiceDefinition(
    name="reporting",
    title="Lotse reporting",
    description="The read model of the § 48a SGB II indicators (Kennzahlen-Verordnung), built from the platform's "
    "events and rebuildable from the topics (`python -m services.reporting rebuild`). Decides nothing.",
    metadata=metadata,
    tables=plumbing,
    routers=(*api.ROUTERS, *api_views.ROUTERS),
    subscriptions=consumers.subscriptions,
    openapi_tags=[
        {"name": "indicators", "description": "K1–K3 and their supplements, monthly, by office and sex"},
        {"name": "reports", "description": "the monthly management report (PDF, HTML) and the programmes' yardsticks"},
    ],
)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    return create_service_app(DEFINITION, settings or load_settings("reporting"))

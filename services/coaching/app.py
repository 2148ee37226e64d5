"""Composition root of the coaching service: `uvicorn services.coaching.app:create_app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from services.coaching import api, consumers
from services.coaching.tables import metadata, plumbing
from services.platform.service_app import ServiceDefinition, create_service_app
from services.platform.settings import ServiceSettings, load_settings

DEFINITION = ServiceDefinition(
    name="coaching",
    title="Lotse coaching",
    description="Case management and coaching: cases, contacts, cooperation plan (Kooperationsplan, § 15 SGB II).",
    metadata=metadata,
    tables=plumbing,
    routers=[api.router],
    subscriptions=consumers.subscriptions,
    openapi_tags=[{"name": "cases", "description": "A client's case and contacts"}],
)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    return create_service_app(DEFINITION, settings or load_settings("coaching"))

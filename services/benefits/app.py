"""Composition root of the benefits service: `uvicorn services.benefits.app:create_app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from services.benefits import api, consumers
from services.benefits.tables import metadata, plumbing
from services.platform.service_app import ServiceDefinition, create_service_app
from services.platform.settings import ServiceSettings, load_settings

DEFINITION = ServiceDefinition(
    name="benefits",
    title="Lotse benefits",
    description="Households (Bedarfsgemeinschaft), entitlement and payments (Grundsicherungsgeld, SGB II).",
    metadata=metadata,
    tables=plumbing,
    routers=[api.router],
    subscriptions=consumers.subscriptions,
    openapi_tags=[{"name": "households", "description": "Households and their income"}],
)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    return create_service_app(DEFINITION, settings or load_settings("benefits"))

"""Composition root of the placement service: `uvicorn services.placement.app:create_app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from services.placement import api
from services.placement.tables import metadata, plumbing
from services.platform.service_app import ServiceDefinition, create_service_app
from services.platform.settings import ServiceSettings, load_settings

DEFINITION = ServiceDefinition(
    name="placement",
    title="Lotse placement",
    description="Employers, vacancies and hires. Publishes the employment events benefits systems consume.",
    metadata=metadata,
    tables=plumbing,
    routers=[api.employers, api.employments],
    openapi_tags=[{"name": "employers", "description": "Employers and partner companies"},
                  {"name": "employments", "description": "Hires and their contracts"}],
)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    return create_service_app(DEFINITION, settings or load_settings("placement"))

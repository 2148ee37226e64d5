"""Composition root of the benefits service: `uvicorn services.benefits.app:create_app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from services.benefits import consumers
from services.benefits.api import decisions, households, payment_runs, savings
from services.benefits.tables import metadata, plumbing
from services.platform.service_app import ServiceDefinition, create_service_app
from services.platform.settings import ServiceSettings, load_settings

DEFINITION = ServiceDefinition(
    name="benefits",
    title="Lotse benefits",
    description="Households (Bedarfsgemeinschaft), entitlement and payments (Grundsicherungsgeld, SGB II).",
    metadata=metadata,
    tables=plumbing,
    routers=[households.router, decisions.router, savings.router, payment_runs.router],
    subscriptions=consumers.subscriptions,
    openapi_tags=[
        {"name": "households", "description": "Households (Bedarfsgemeinschaft, § 7 Abs. 3 SGB II), their inputs "
                                              "and income, what-if computations"},
        {"name": "decisions", "description": "Decisions (Bescheide): immutable, with inputs and explanation"},
        {"name": "savings", "description": "Savings from employment starts (seed 003)"},
    ],
)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    return create_service_app(DEFINITION, settings or load_settings("benefits"))

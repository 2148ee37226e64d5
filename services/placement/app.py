"""Composition root of the placement service: `uvicorn services.placement.app:create_app --factory`."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI

from services.placement import api, consumers
from services.placement.domain.commute import CommuteTable
from services.placement.person_data import PERSON_DATA
from services.placement.tables import audit, metadata, person_keys, plumbing
from services.platform.privacy import person_api
from services.platform.privacy.person_api import PersonParts
from services.platform.service_app import ServiceDefinition, create_service_app
from services.platform.settings import ServiceSettings, load_settings

COMMUTE_FILE = Path(__file__).parent / "data" / "commute.json"

DEFINITION = ServiceDefinition(
    name="placement",
    title="Lotse placement",
    description="Employers, vacancies, matching under hard constraints, proposals (Vermittlungsvorschläge), hires "
    "and the months after them. Publishes the employment events benefits systems consume.",
    metadata=metadata,
    tables=plumbing,
    routers=[*api.ROUTERS, person_api.router],
    subscriptions=consumers.subscriptions,
    openapi_tags=[
        {"name": "employers", "description": "Employers and partner companies"},
        {"name": "vacancies", "description": "Jobs and apprenticeships, including the hidden job market"},
        {"name": "searches", "description": "A client's job search and the vacancies that match it"},
        {"name": "proposals", "description": "Vacancies proposed to clients and what came of them"},
        {"name": "employments", "description": "Hires, monthly continuation checks (K2E3) and ends"},
        {"name": "persons", "description": "Right of access (Art. 15 GDPR) and erasure (Art. 17)"},
    ],
)


def load_commutes(path: Path = COMMUTE_FILE) -> CommuteTable:
    return CommuteTable.from_data(json.loads(path.read_text(encoding="utf-8")))


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    app = create_service_app(DEFINITION, settings or load_settings("placement"))
    app.state.commutes = load_commutes()
    # The district's offices: those the commute table runs from (employers are checked against them).
    app.state.offices = frozenset(app.state.commutes.office_towns)
    app.state.person_parts = PersonParts(PERSON_DATA, person_keys, audit, plumbing)
    return app

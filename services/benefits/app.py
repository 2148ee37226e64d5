"""Composition root of the benefits service: `uvicorn services.benefits.app:create_app --factory`."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import partial
from pathlib import Path

from fastapi import FastAPI

from services.benefits import consumers
from services.benefits.api import continuations, decisions, households, letters, payment_runs, reductions, savings
from services.benefits.domain.appropriate_rents import AppropriateRents
from services.benefits.domain.households import SPECIAL_CATEGORY_READERS
from services.benefits.letters.letterheads import Letterheads
from services.benefits.letters.printer import LetterPrinter
from services.benefits.person_data import PERSON_DATA
from services.benefits.rule_tables import SHIPPED, load_rule_tables
from services.benefits.tables import audit, metadata, person_keys, plumbing
from services.benefits.use_cases import pending_decisions
from services.benefits.use_cases.person_erasure import HouseholdErasure
from services.platform.privacy import api as privacy_api
from services.platform.privacy import person_api
from services.platform.privacy.person_api import PersonParts
from services.platform.privacy.vault import SpecialCategories
from services.platform.service_app import ServiceDefinition, create_service_app
from services.platform.settings import ServiceSettings, load_settings

DATA_DIR = Path(__file__).parent / "data"
# The subscriptions need the service's key ring: create_app adds them (consumers.subscriptions).
DEFINITION = ServiceDefinition(
    name="benefits",
    title="Lotse benefits",
    description="Households (Bedarfsgemeinschaft), entitlement and payments (Grundsicherungsgeld, SGB II).",
    metadata=metadata,
    tables=plumbing,
    routers=[
        households.router,
        continuations.router,
        continuations.periods,
        decisions.router,
        letters.router,
        savings.router,
        payment_runs.router,
        reductions.router,
        privacy_api.router,
        person_api.router,
    ],
    openapi_tags=[
        {
            "name": "households",
            "description": "Households (Bedarfsgemeinschaft, § 7 Abs. 3 SGB II), their inputs "
            "and income, what-if computations",
        },
        {"name": "decisions", "description": "Decisions (Bescheide): immutable, with inputs and explanation"},
        {"name": "savings", "description": "Savings from employment starts (seed 003)"},
        {"name": "audit", "description": "Who read or wrote special-category data (GDPR Art. 9)"},
    ],
)


def load_appropriate_rents() -> AppropriateRents:
    """Each district's appropriate rent by household size (§ 22 Abs. 1 SGB II), from data/appropriate_rents.json."""
    return AppropriateRents.from_data(json.loads((DATA_DIR / "appropriate_rents.json").read_text(encoding="utf-8")))


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or load_settings("benefits")
    # Refuses to start on a malformed or overlapping table (RuleTableError names the file and the value).
    load_rule_tables(settings.rule_tables_dir or SHIPPED).install()
    vault = SpecialCategories.from_settings(settings, audit, SPECIAL_CATEGORY_READERS)
    definition = replace(
        DEFINITION,
        subscriptions=partial(consumers.subscriptions, vault=vault, rents=load_appropriate_rents()),
        on_start=partial(pending_decisions.decide_pending, vault=vault),
    )
    app = create_service_app(definition, settings)
    app.state.special_categories = vault
    app.state.person_parts = PersonParts(PERSON_DATA, person_keys, audit, plumbing, erases_more=HouseholdErasure(vault))
    app.state.letterheads, app.state.letter_printer = Letterheads.load(), LetterPrinter()
    return app

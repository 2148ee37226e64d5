"""Every API's document declares the problem answers its routes may give, as problem details."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from services.platform.http.problems import PROBLEM_JSON
from services.platform.privacy.keys import ensure_key_ring
from services.platform.settings import ServiceSettings
from tests.support.running_service import app_factory
from workflows.journey_api import create_app as journeys_app

SERVICE_PROBLEMS = {"400", "401", "403", "404", "409", "413", "422"}


def operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f"{method.upper()} {path}": operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if path != "/health"
    }


def problem_statuses(operation: dict[str, Any]) -> set[str]:
    return {
        status
        for status, response in operation["responses"].items()
        if response.get("content", {}).get(PROBLEM_JSON, {}).get("schema") == {"$ref": "#/components/schemas/Problem"}
    }


@pytest.mark.parametrize("name", ["intake", "coaching", "placement", "benefits", "reporting"])
def test_every_route_of_a_service_declares_its_problem_answers_as_problem_details(name, tokens, tmp_path):
    settings = ServiceSettings(
        service_name=name,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'unused.db'}",
        kafka_bootstrap_servers="127.0.0.1:1",
        jwt_public_key_file=Path(tokens.public_key),
        data_key_file=ensure_key_ring(tmp_path / f"{name}-data.key"),
    )
    document = app_factory(name)(settings).openapi()
    assert document["components"]["schemas"]["Problem"]["required"] == ["title", "status"]
    missing = {label: SERVICE_PROBLEMS - problem_statuses(op) for label, op in operations(document).items()}
    assert {label: statuses for label, statuses in missing.items() if statuses} == {}
    assert "HTTPValidationError" not in document["components"]["schemas"], "422 is a problem, not FastAPI's shape"


def test_every_route_of_the_journeys_api_declares_its_problem_answers_and_temporals_502_and_503(tokens):
    document = journeys_app(None, Path(tokens.public_key).read_bytes(), "issuer", "audience").openapi()  # type: ignore[arg-type]
    for label, operation in operations(document).items():
        assert problem_statuses(operation) == SERVICE_PROBLEMS | {"502", "503"}, label

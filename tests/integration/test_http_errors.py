"""Staff API errors: 422 naming the field, 401 without a token, 403 for the wrong role or office."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn
from fastapi import Request

from deploy.launcher.process import free_port
from services.platform.auth.staff import Role
from tests.support.kafka_reading import eventually
from tests.support.openapi_formats import conforms, declared
from tests.support.running_service import running_service

VALID_CLIENT = {
    "person": {"given_name": "Marie", "family_name": "Kraska", "birth_date": "1997-03-14"},
    "residence_postcode": "29339",
    "target_groups": ["single_parent"],
    "availability": {"earliest_daily_start": "08:00", "max_weekly_hours": 30},
    "consent": True,
}


@pytest.fixture
async def intake(kafka_server, tmp_path, tokens):
    url = f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}"
    async with running_service("intake", url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def clerk(tokens, offices=("*",)):
    return tokens.headers(Role.INTAKE_CLERK, offices=offices)


async def test_a_valid_registration_is_accepted_and_the_office_follows_the_postcode(intake, tokens):
    response = await intake.http.post("/clients", json=VALID_CLIENT, headers=clerk(tokens))
    assert response.status_code == 201, response.text
    assert response.json()["office_id"] == "celle"


async def test_bad_input_gets_422_naming_the_field_and_changes_nothing(intake, tokens):
    bad = {**VALID_CLIENT, "residence_postcode": "2933", "person": {**VALID_CLIENT["person"], "birth_date": "x"}}
    response = await intake.http.post("/clients", json=bad, headers=clerk(tokens))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"residence_postcode", "person.birth_date"}
    assert await intake.runtime.relay.pending_count() == 0


async def test_a_postcode_of_arabic_indic_digits_is_refused_as_malformed_with_422_naming_it(intake, tokens):
    """Refused by its form, before any lookup: `\\d` would let the digits through to the district's table."""
    response = await intake.http.post(
        "/clients", json={**VALID_CLIENT, "residence_postcode": "٢٩٣٣٩"}, headers=clerk(tokens)
    )
    assert response.status_code == 422, response.text
    assert [(e["field"], "[0-9]{5}" in e["reason"]) for e in response.json()["errors"]] == [
        ("residence_postcode", True)
    ]


async def test_a_postcode_outside_the_district_gets_422_with_the_reason(intake, tokens):
    response = await intake.http.post(
        "/clients", json={**VALID_CLIENT, "residence_postcode": "10115"}, headers=clerk(tokens)
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "residence_postcode", "reason": "not in a district served by this Jobcenter"}
    ]


async def test_a_call_without_a_token_gets_401(intake):
    response = await intake.http.post("/clients", json=VALID_CLIENT)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_a_forged_token_gets_401(intake, tokens, tmp_path):
    from tests.support.staff import TokenIssuer

    forger = TokenIssuer.create(tmp_path / "other-keys")
    response = await intake.http.post("/clients", json=VALID_CLIENT, headers=forger.headers(Role.INTAKE_CLERK))
    assert response.status_code == 401


async def test_a_forged_token_gets_401_saying_only_invalid_token_and_the_reason_goes_to_the_log(
    intake, tokens, tmp_path, caplog
):
    from tests.support.staff import TokenIssuer

    forger = TokenIssuer.create(tmp_path / "other-keys")
    with caplog.at_level(logging.INFO, logger="services.platform.auth.dependencies"):
        response = await intake.http.post("/clients", json=VALID_CLIENT, headers=forger.headers(Role.INTAKE_CLERK))
    assert response.status_code == 401
    assert response.json()["title"] == "invalid token" and "detail" not in response.json()
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    assert "Signature verification failed" in caplog.text


async def test_the_wrong_role_gets_403(intake, tokens):
    response = await intake.http.post("/clients", json=VALID_CLIENT, headers=tokens.headers(Role.BENEFITS_CLERK))
    assert response.status_code == 403


async def test_staff_of_another_office_get_403(intake, tokens):
    response = await intake.http.post("/clients", json=VALID_CLIENT, headers=clerk(tokens, offices=("plon",)))
    assert response.status_code == 403


async def test_a_retried_post_with_the_same_idempotency_key_registers_the_client_once(intake, tokens):
    headers = {**clerk(tokens), "Idempotency-Key": "retry-test-0001"}
    first = await intake.http.post("/clients", json=VALID_CLIENT, headers=headers)
    second = await intake.http.post("/clients", json=VALID_CLIENT, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["client_id"] == second.json()["client_id"]
    assert second.headers["idempotent-replayed"] == "true"
    reused = await intake.http.post("/clients", json={**VALID_CLIENT, "residence_postcode": "24321"}, headers=headers)
    assert reused.status_code == 422 and reused.json()["errors"][0]["field"] == "Idempotency-Key"


TEN_MEBIBYTES = 10 * 1024 * 1024


def oversized_registration() -> bytes:
    padded = {**VALID_CLIENT, "person": {**VALID_CLIENT["person"], "given_name": "M" * TEN_MEBIBYTES}}
    return json.dumps(padded).encode()


async def test_a_ten_megabyte_registration_is_refused_with_413_before_it_is_parsed(intake, tokens):
    body = oversized_registration()
    response = await intake.http.post(
        "/clients", content=body, headers={**clerk(tokens), "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["max_bytes"] == 1024 * 1024
    # Refused before anything else looks at the request: no token check, no JSON parser.
    anonymous = await intake.http.post("/clients", content=b"{" * TEN_MEBIBYTES)
    assert anonymous.status_code == 413
    assert await intake.runtime.relay.pending_count() == 0


async def test_a_chunked_body_without_a_length_is_refused_with_413_once_it_passes_the_limit(intake, tokens):
    body = oversized_registration()

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 64 * 1024):
            yield body[start : start + 64 * 1024]

    response = await intake.http.post(
        "/clients", content=chunks(), headers={**clerk(tokens), "Content-Type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert await intake.runtime.relay.pending_count() == 0


async def test_after_an_unexpected_error_the_same_keep_alive_connection_serves_the_next_request(intake, caplog):
    async def fails() -> None:
        raise RuntimeError("a bug in a route")

    async def caller(request: Request) -> dict[str, int]:
        assert request.client is not None
        return {"port": request.client.port}

    intake.app.add_api_route("/test-only/fails", fails, methods=["GET"])
    intake.app.add_api_route("/test-only/caller", caller, methods=["GET"])
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(intake.app, host="127.0.0.1", port=port, lifespan="off", log_level="warning")
    )
    serving = asyncio.create_task(server.serve())
    try:
        await eventually(lambda: server.started, timeout=10)
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits) as http:
            before = (await http.get("/test-only/caller")).json()["port"]
            with caplog.at_level(logging.ERROR, logger="services.platform.http.server_errors"):
                failed = await http.get("/test-only/fails")
            after = await http.get("/test-only/caller")
    finally:
        server.should_exit = True
        await serving

    assert after.status_code == 200 and after.json()["port"] == before, "the connection was closed"
    assert failed.status_code == 500
    assert failed.headers["content-type"] == "application/problem+json"
    assert failed.json()["status"] == 500 and "a bug" not in failed.text
    assert "RuntimeError: a bug in a route" in caplog.text and "Traceback" in caplog.text


@pytest.mark.parametrize("name", ["Ma\x00rie", "Marie\x1b[2J"])
async def test_a_name_with_control_characters_is_refused_with_422_naming_the_field(intake, tokens, name):
    body = {**VALID_CLIENT, "person": {**VALID_CLIENT["person"], "given_name": name}}
    response = await intake.http.post("/clients", json=body, headers=clerk(tokens))
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["person.given_name"]
    assert await intake.runtime.relay.pending_count() == 0


@pytest.mark.parametrize("birth_date", ["0001-01-01", "1899-12-31"])
async def test_an_implausible_birth_date_is_refused_with_422_naming_the_field(intake, tokens, birth_date):
    body = {**VALID_CLIENT, "person": {**VALID_CLIENT["person"], "birth_date": birth_date}}
    response = await intake.http.post("/clients", json=body, headers=clerk(tokens))
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["person.birth_date"]


async def test_every_moment_and_time_of_day_in_a_registration_reply_meets_its_openapi_schema(intake, tokens):
    created = await intake.http.post("/clients", json=VALID_CLIENT, headers=clerk(tokens))
    assert created.status_code == 201, created.text
    read = await intake.http.get(f"/clients/{created.json()['client_id']}", headers=clerk(tokens))
    assert read.status_code == 200, read.text
    registered_at = declared(intake.app, "ClientOut", "registered_at")
    daily_start = declared(intake.app, "ClientOut", "availability", "earliest_daily_start")
    replies = (created.json(), read.json())
    assert [conforms(registered_at, r["registered_at"]) for r in replies] == [True, True], replies
    assert [conforms(daily_start, r["availability"]["earliest_daily_start"]) for r in replies] == [True, True]
    assert read.json()["availability"]["earliest_daily_start"] == "08:00"

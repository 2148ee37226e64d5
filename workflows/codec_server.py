"""Codec server: lets operators read encrypted journey payloads in the Temporal UI, and no one else.

`python -m workflows.codec_server`; the UI of `make run` is started with
`--ui-codec-endpoint` pointing here. `/decode` and `/encode` (Temporal's codec server
protocol) answer operators only (`codec_access.py`) and leave an audit line per call, refused
ones (401/403, malformed bodies) included. A payload of an erased person decodes to a notice saying so.
An operator signs in once per browser at `/login` with an operator token
(`make token ROLE=operator`) and gets a short session good for this server only
(`codec_session.py`); the UI then sends that session cookie when its codec
setting "Include cross-origin credentials" is on. CORS admits only the UI's origins, with
credentials. A body that is not Temporal's payloads JSON is refused with 400/422 (`codec_protocol.py`).
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import jwt
import uvicorn
from cryptography.exceptions import InvalidTag
from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse
from google.protobuf import json_format
from google.protobuf.message import DecodeError
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from temporalio.api.common.v1 import Payload, Payloads

from services.platform.http.guards import install_http_guards
from services.platform.http.problems import problem
from workflows.codec import CodecKeyMissing, EncryptionCodec, load_key
from workflows.codec_access import SESSION_COOKIE, Verifier, operator_of, record, refused, signing_in
from workflows.codec_protocol import MalformedBody, parse_payloads
from workflows.codec_session import Sessions
from workflows.payload_keys import PayloadKeyStore, PayloadsErased

# What the UI shows for a payload of an erased person: its key is gone, nothing can decode it (Art. 17 GDPR).
ERASED_PAYLOAD = Payload(
    metadata={"encoding": b"json/plain"},
    data=b'"[erased: the person\'s data were erased after the retention period; this payload cannot be decoded]"',
)


class CodecSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LOTSE_CODEC_")
    key_file: Path
    # The journeys' per-person keys (workflows/payload_keys.py), the same directory as the workers'.
    payload_keys_dir: Path | None = None
    # Operator tokens are verified like every service verifies staff tokens (RS256, the same public key).
    jwt_public_key_file: Path
    jwt_issuer: str = "lotse-dev"
    jwt_audience: str = "lotse"
    cors_origins: list[str] = ["http://127.0.0.1:8233", "http://localhost:8233"]
    cookie_secure: bool = False  # true when the codec server is reached over https
    host: str = "127.0.0.1"
    port: int = 8081
    max_body_bytes: int = 8 * 1024 * 1024
    # A browser session of /login lasts this long at most, and never beyond the operator token it came from.
    session_minutes: int = Field(default=60, ge=1, le=8 * 60)


def create_app(settings: CodecSettings) -> FastAPI:
    """Loads the codec key and the token public key: a missing file stops the start with a clear error."""
    codec_key = load_key(settings.key_file)
    persons = PayloadKeyStore(settings.payload_keys_dir, codec_key) if settings.payload_keys_dir else None
    codec = EncryptionCodec(codec_key, persons=persons)
    sessions = Sessions(codec_key, timedelta(minutes=settings.session_minutes))
    verifier = Verifier(
        _read(settings.jwt_public_key_file, "token public key"), settings.jwt_issuer, settings.jwt_audience
    )
    origins = frozenset(settings.cors_origins)
    app = FastAPI(title="Lotse payload codec", version="1", docs_url=None, redoc_url=None)
    # A batch of payloads from the UI (a whole history page) is larger than a staff form.
    install_http_guards(app, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(origins),
        allow_credentials=True,
        allow_methods=["POST"],
        allow_headers=["content-type", "x-namespace", "authorization", "authorization-extras"],
    )

    async def transform(request: Request, action: str, run: Callable[[Payload], Awaitable[Payload]]) -> Response:
        caller = operator_of(request, verifier, sessions, origins, action)
        try:
            payloads = parse_payloads(await request.body())
            result = [await _one(run, payload, index) for index, payload in enumerate(payloads)]
        except MalformedBody as error:
            refused(action, request, error.status, error.summary, caller.operator.staff_id, caller.via)
            return problem(
                error.status, "Invalid request", error.detail, **({"errors": error.errors} if error.errors else {})
            )
        record(action, caller, request, len(payloads))
        return Response(json_format.MessageToJson(Payloads(payloads=result)), media_type="application/json")

    async def decode_one(payload: Payload) -> Payload:
        try:
            return (await codec.decode([payload]))[0]
        except PayloadsErased:
            return ERASED_PAYLOAD

    async def encode_one(payload: Payload) -> Payload:
        return (await codec.encode([payload]))[0]

    @app.post("/decode")
    async def decode(request: Request) -> Response:
        return await transform(request, "decode", decode_one)

    @app.post("/encode")
    async def encode(request: Request) -> Response:
        return await transform(request, "encode", encode_one)

    @app.get("/login", response_class=HTMLResponse)
    async def login_form() -> HTMLResponse:
        return HTMLResponse(_page("Sign in to read journey payloads", _FORM))

    @app.post("/login")
    async def login(request: Request) -> Response:
        """Opens a codec-only session for an operator token (form field `token`, or a bearer header).

        The cookie carries that session, never the token: every app on this host receives the cookie.
        """
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        token = form.get("token", [""])[0].strip() or _bearer(request)
        caller = signing_in(token, verifier, request)
        cookie, session = sessions.open(caller.operator.staff_id, _expiry(token))
        record("sign-in", caller, request, 0)
        page = _page(
            "Signed in",
            f"<p>Operator {escape(caller.operator.staff_id)} may read journey payloads until "
            f"{session.expires:%Y-%m-%d %H:%M} UTC.</p>{_UI_HINT}",
        )
        response = HTMLResponse(page)
        response.set_cookie(
            SESSION_COOKIE,
            cookie,
            max_age=_seconds_until(session.expires),
            httponly=True,
            samesite="strict",
            secure=settings.cookie_secure,
        )
        return response

    @app.post("/logout")
    async def logout() -> Response:
        response = HTMLResponse(_page("Signed out", "<p>The codec server no longer decodes for this browser.</p>"))
        response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="strict", secure=settings.cookie_secure)
        return response

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


async def _one(run: Callable[[Payload], Awaitable[Payload]], payload: Payload, index: int) -> Payload:
    try:
        return await run(payload)
    except (InvalidTag, ValueError, DecodeError) as error:  # wrong key, key id or tampered data
        raise MalformedBody(
            422,
            f"payload {index} cannot be decrypted with this server's key",
            [{"field": f"payloads.{index}", "reason": "not decryptable with this key"}],
        ) from error


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CodecKeyMissing(f"{what} {path} cannot be read ({error.strerror})") from error


def _bearer(request: Request) -> str:
    return request.headers.get("authorization", "").partition(" ")[2].strip()


def _expiry(verified_token: str) -> datetime:
    claims: dict[str, Any] = jwt.decode(verified_token, options={"verify_signature": False})
    return datetime.fromtimestamp(int(claims["exp"]), UTC)


def _seconds_until(moment: datetime) -> int:
    return max(int((moment - datetime.now(UTC)).total_seconds()), 0)


_FORM = (
    '<form method="post" action="/login"><label>Operator token (<code>make token ROLE=operator</code>)<br>'
    '<textarea name="token" rows="6" cols="80" required></textarea></label><br>'
    '<button type="submit">Sign in</button></form>'
)
_UI_HINT = (
    "<p>In the Temporal UI (open it on the same host name as this page), open the codec server settings, "
    "keep this endpoint and switch on <em>Include cross-origin credentials</em>.</p>"
    '<form method="post" action="/logout"><button type="submit">Sign out</button></form>'
)


def _page(title: str, body: str) -> str:
    return f"<!doctype html><title>{escape(title)}</title><h1>{escape(title)}</h1>{body}"


def main() -> None:
    settings = CodecSettings()
    try:
        app = create_app(settings)
    except CodecKeyMissing as error:
        sys.exit(f"codec server not started: {error}")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


if __name__ == "__main__":
    main()

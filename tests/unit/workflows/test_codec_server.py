"""The codec server decrypts journey payloads for operators only, audits each use, and refuses malformed bodies.

The real app over ASGI, with a real key and real RS256 tokens signed like the identity provider's.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from google.protobuf import json_format
from temporalio.api.common.v1 import Payload, Payloads

from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import InvalidToken, issue, verify
from workflows.codec import CodecKeyMissing, EncryptionCodec, ensure_key, load_key
from workflows.codec_server import CodecSettings, create_app
from workflows.codec_session import Sessions

UI = "http://127.0.0.1:8233"
SECRET = b'{"client_id": "0195a3c4-0000-7000-8000-000000000001", "name": "Erika Mustermann"}'
PAGE = f"{UI}/namespaces/default/workflows/journey-0195a3c4/8f1e2d3c-run/history"


@pytest.fixture
def settings(tmp_path: Path, tokens) -> CodecSettings:
    return CodecSettings(
        key_file=ensure_key(tmp_path / "codec.key"), jwt_public_key_file=tokens.public_key, cors_origins=[UI]
    )


@pytest.fixture
async def codec(settings: CodecSettings) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8081") as http:
        yield http


async def encrypted(settings: CodecSettings, data: bytes = SECRET) -> str:
    codec = EncryptionCodec(load_key(settings.key_file))
    payloads = await codec.encode([Payload(metadata={"encoding": b"json/plain"}, data=data)])
    return json_format.MessageToJson(Payloads(payloads=payloads))


def operator(tokens) -> dict[str, str]:
    return tokens.headers(Role.OPERATOR, staff_id="op-anna")


@pytest.mark.parametrize("path", ["/decode", "/encode"])
async def test_decoding_or_encoding_without_credentials_is_refused_with_401(codec, settings, path):
    reply = await codec.post(path, content=await encrypted(settings), headers={"content-type": "application/json"})
    assert reply.status_code == 401, reply.text
    assert b"Mustermann" not in reply.content and reply.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("role", [Role.CASE_MANAGER, Role.JOURNEY_WORKER, Role.DATA_PROTECTION_OFFICER])
async def test_staff_who_are_not_operators_are_refused_with_403(codec, settings, tokens, role):
    for path in ("/decode", "/encode"):
        reply = await codec.post(path, content=await encrypted(settings), headers=tokens.headers(role))
        assert reply.status_code == 403, reply.text


async def test_a_forged_or_garbled_token_is_refused_with_401_without_the_libraries_words(codec, settings):
    for header in ("Bearer not-a-jwt", "Basic b3A6b3A=", "Bearer "):
        reply = await codec.post("/decode", content=await encrypted(settings), headers={"authorization": header})
        assert reply.status_code == 401, reply.text
        assert "segments" not in reply.text.lower()


async def test_an_operator_decodes_and_the_audit_names_who_and_which_workflow_but_not_the_payload(
    codec, settings, tokens, caplog
):
    caplog.set_level(logging.INFO, logger="lotse.codec.audit")
    headers = {**operator(tokens), "x-namespace": "default", "referer": PAGE, "origin": UI}
    reply = await codec.post("/decode?preserveStorageRefs=true", content=await encrypted(settings), headers=headers)
    assert reply.status_code == 200, reply.text
    decoded = json_format.Parse(reply.content, Payloads()).payloads[0]
    assert decoded.data == SECRET
    (line,) = [r.getMessage() for r in caplog.records if r.name == "lotse.codec.audit"]
    assert "decode by operator op-anna (bearer): 1 payload(s)" in line
    assert "namespace default" in line and "workflow journey-0195a3c4" in line and "run 8f1e2d3c-run" in line
    assert "Mustermann" not in line and "0195a3c4-0000" not in line


def audit_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "lotse.codec.audit" and r.levelno == logging.WARNING]


async def test_refused_attempts_leave_a_warning_in_the_audit_naming_who_tried_what_but_not_the_payload(
    codec, settings, tokens, caplog
):
    caplog.set_level(logging.INFO, logger="lotse.codec.audit")
    body = await encrypted(settings)
    context = {"x-namespace": "default", "referer": PAGE, "origin": UI}
    assert (await codec.post("/decode", content=body, headers=context)).status_code == 401
    garbled = {**context, "authorization": "Bearer x"}
    assert (await codec.post("/encode", content=body, headers=garbled)).status_code == 401
    coach = tokens.headers(Role.CASE_MANAGER, staff_id="cm-bert")
    assert (await codec.post("/decode", content=body, headers={**coach, **context})).status_code == 403
    assert (await codec.post("/login", data={"token": tokens.token(Role.COACH, staff_id="co-cleo")})).status_code == 403
    lines = audit_lines(caplog)
    assert len(lines) == 4, lines
    assert lines[0].startswith("decode refused with 401") and "operator unknown (nothing)" in lines[0]
    assert lines[1].startswith("encode refused with 401") and "invalid token" in lines[1] and "(bearer)" in lines[1]
    assert lines[2].startswith("decode refused with 403") and "operator cm-bert (bearer)" in lines[2]
    assert "workflow journey-0195a3c4" in lines[2]
    assert lines[3].startswith("sign-in refused with 403") and "operator co-cleo (sign-in)" in lines[3]
    assert not any("Mustermann" in line or "0195a3c4-0000" in line for line in lines)


async def test_a_malformed_body_leaves_a_warning_in_the_audit_with_the_fields_but_not_their_values(
    codec, tokens, caplog
):
    caplog.set_level(logging.INFO, logger="lotse.codec.audit")
    bodies = [b"Mustermann", b'{"payloads": [{"metadata": {"encoding": "Mustermann!"}, "data": ""}]}']
    for body in bodies:
        reply = await codec.post("/decode", content=body, headers=operator(tokens))
        assert reply.status_code in (400, 422)
    first, second = audit_lines(caplog)
    assert first.startswith("decode refused with 400 (the body is not JSON) for operator op-anna (bearer)")
    assert second.startswith("decode refused with 422") and "payloads.0.metadata.encoding" in second
    assert "Mustermann" not in first + second
    assert not [r for r in caplog.records if r.name == "lotse.codec.audit" and r.levelno == logging.INFO]


async def test_an_operator_encodes_what_the_ui_sends_and_it_decodes_again(codec, tokens):
    plain = Payloads(payloads=[Payload(metadata={"encoding": b"json/plain"}, data=b'"moved_away"')])
    reply = await codec.post("/encode", content=json_format.MessageToJson(plain), headers=operator(tokens))
    assert reply.status_code == 200, reply.text
    assert (
        json.loads(reply.content)["payloads"][0]["metadata"]["encoding"]
        == base64.b64encode(b"binary/encrypted").decode()
    )
    back = await codec.post("/decode", content=reply.content, headers=operator(tokens))
    assert json_format.Parse(back.content, Payloads()).payloads[0].data == b'"moved_away"'


async def test_the_ui_decodes_with_the_session_an_operator_opened_at_login_from_the_ui_origin_only(
    codec, settings, tokens
):
    assert (await codec.get("/login")).status_code == 200
    refused = await codec.post("/login", data={"token": tokens.token(Role.CASE_MANAGER)})
    assert refused.status_code == 403 and "lotse_codec_session" not in codec.cookies
    signed_in = await codec.post("/login", data={"token": tokens.token(Role.OPERATOR, staff_id="op-anna")})
    assert signed_in.status_code == 200, signed_in.text
    cookie = signed_in.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie

    body = await encrypted(settings)
    from_ui = await codec.post("/decode", content=body, headers={"origin": UI, "x-namespace": "default"})
    assert from_ui.status_code == 200 and json_format.Parse(from_ui.content, Payloads()).payloads[0].data == SECRET
    elsewhere = await codec.post("/decode", content=body, headers={"origin": "http://127.0.0.1:9999"})
    assert elsewhere.status_code == 403

    await codec.post("/logout")
    assert (await codec.post("/decode", content=body, headers={"origin": UI})).status_code == 401


async def sign_in(codec: httpx.AsyncClient, token: str) -> str:
    reply = await codec.post("/login", data={"token": token})
    assert reply.status_code == 200, reply.text
    return str(codec.cookies["lotse_codec_session"])


async def test_the_session_cookie_is_not_the_operator_token_nor_any_token_the_services_accept(codec, tokens):
    token = tokens.token(Role.OPERATOR, staff_id="op-anna")
    session = await sign_in(codec, token)
    assert token not in session and session not in token
    with pytest.raises(InvalidToken):
        verify(session, tokens.public_key.read_bytes(), "lotse-dev", "lotse")


async def test_an_operator_token_in_the_session_cookie_is_refused_with_401(codec, settings, tokens):
    codec.cookies.set("lotse_codec_session", tokens.token(Role.OPERATOR, staff_id="op-anna"))
    reply = await codec.post("/decode", content=await encrypted(settings), headers={"origin": UI})
    assert reply.status_code == 401, reply.text


async def test_a_tampered_session_or_one_of_another_codec_key_is_refused_with_401(codec, settings, tokens, tmp_path):
    session = await sign_in(codec, tokens.token(Role.OPERATOR, staff_id="op-anna"))
    body, _, mac = session.partition(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    forged = base64.urlsafe_b64encode(json.dumps({**claims, "sub": "op-mallory"}).encode()).decode().rstrip("=")
    other_key = Sessions(load_key(ensure_key(tmp_path / "other.key")), timedelta(hours=1))
    foreign, _ = other_key.open("op-anna", datetime.now(UTC) + timedelta(hours=1))
    for value in (f"{forged}.{mac}", f"{body}.", body, foreign, "", "~.~", f"{body}.{mac}x"):
        codec.cookies.set("lotse_codec_session", value)
        reply = await codec.post("/decode", content=await encrypted(settings), headers={"origin": UI})
        assert reply.status_code == 401, (value, reply.text)


async def test_a_session_ends_with_the_operator_token_and_after_the_session_lifetime_at_most(codec, settings, tokens):
    short = issue(
        tokens.private_key.read_bytes(),
        StaffUser("op-anna", frozenset({Role.OPERATOR}), frozenset({"*"})),
        "lotse-dev",
        "lotse",
        lifetime=timedelta(minutes=5),
    )
    reply = await codec.post("/login", data={"token": short})
    assert 0 < max_age(reply) <= 5 * 60
    long = tokens.token(Role.OPERATOR, staff_id="op-anna")  # eight hours
    reply = await codec.post("/login", data={"token": long})
    assert 50 * 60 < max_age(reply) <= settings.session_minutes * 60 == 60 * 60


async def test_an_expired_session_is_refused_with_401(settings, tokens):
    sessions = Sessions(load_key(settings.key_file), timedelta(hours=1))
    expired, _ = sessions.open("op-anna", datetime.now(UTC) - timedelta(seconds=1))
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://127.0.0.1:8081", cookies={"lotse_codec_session": expired}
    ) as http:
        reply = await http.post("/decode", content=await encrypted(settings), headers={"origin": UI})
    assert reply.status_code == 401, reply.text


def max_age(reply: httpx.Response) -> int:
    assert reply.status_code == 200, reply.text
    (age,) = [p.split("=")[1] for p in reply.headers["set-cookie"].split("; ") if p.lower().startswith("max-age=")]
    return int(age)


async def test_cors_lets_only_the_ui_origin_send_credentials(codec):
    preflight = {"access-control-request-method": "POST", "access-control-request-headers": "content-type,x-namespace"}
    ui = await codec.options("/decode", headers={"origin": UI, **preflight})
    assert ui.status_code == 200 and ui.headers["access-control-allow-origin"] == UI
    assert ui.headers["access-control-allow-credentials"] == "true"
    other = await codec.options("/decode", headers={"origin": "http://evil.example", **preflight})
    assert "access-control-allow-origin" not in other.headers


def foreign_key_body() -> str:
    other = EncryptionCodec(bytes(32))
    nonce_and_data = b"\x00" * 12 + other._aes.encrypt(b"\x00" * 12, b"hello", None)
    payload = Payload(metadata={"encoding": b"binary/encrypted", "encryption-key-id": b"lotse-1"}, data=nonce_and_data)
    return json_format.MessageToJson(Payloads(payloads=[payload]))


def b64(value: bytes) -> str:
    return base64.b64encode(value).decode()


MALFORMED = {
    "not JSON": b"payloads please",
    "not UTF-8": b"\xff\xfe{",
    "empty": b"",
    "a list": b"[]",
    "no payloads": b"{}",
    "payloads not a list": b'{"payloads": 5}',
    "unknown field": b'{"payloads": [], "extra": 1}',
    "bad base64 data": b'{"payloads": [{"metadata": {}, "data": "!!!"}]}',
    "bad base64 metadata": b'{"payloads": [{"metadata": {"encoding": "x"}, "data": ""}]}',
    "metadata not strings": b'{"payloads": [{"metadata": {"encoding": 1}}]}',
    "another key": foreign_key_body().encode(),
    "unknown key id": json.dumps(
        {
            "payloads": [
                {
                    "metadata": {"encoding": b64(b"binary/encrypted"), "encryption-key-id": b64(b"lotse-9")},
                    "data": b64(b"x" * 40),
                }
            ]
        }
    ).encode(),
    "truncated ciphertext": json.dumps(
        {
            "payloads": [
                {
                    "metadata": {"encoding": b64(b"binary/encrypted"), "encryption-key-id": b64(b"lotse-1")},
                    "data": b64(b"short"),
                }
            ]
        }
    ).encode(),
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
@pytest.mark.parametrize("path", ["/decode", "/encode"])
async def test_a_malformed_body_is_refused_with_400_or_422_never_500(codec, tokens, path, body):
    reply = await codec.post(path, content=body, headers={**operator(tokens), "content-type": "application/json"})
    if path == "/encode" and body in (
        MALFORMED["another key"],
        MALFORMED["unknown key id"],
        MALFORMED["truncated ciphertext"],
    ):
        assert reply.status_code == 200  # well-formed payloads: encoding them again is fine
    else:
        assert reply.status_code in (400, 422), reply.text


@pytest.mark.parametrize("body", [b"[" * 200_000, b'{"payloads": ' + b'{"a": ' * 100_000], ids=["lists", "objects"])
async def test_json_nested_too_deeply_to_parse_is_refused_with_400_not_500(codec, tokens, body):
    for path in ("/decode", "/encode"):
        reply = await codec.post(path, content=body, headers={**operator(tokens), "content-type": "application/json"})
        assert reply.status_code == 400, reply.text
        assert "nested" in reply.json()["detail"]


def test_a_missing_codec_key_stops_the_start_with_a_clear_error_and_no_key_is_made(tmp_path: Path, tokens):
    missing = tmp_path / "keys" / "codec.key"
    with pytest.raises(CodecKeyMissing, match=r"codec\.key"):
        create_app(CodecSettings(key_file=missing, jwt_public_key_file=tokens.public_key))
    with pytest.raises(CodecKeyMissing, match="set-up"):
        load_key(missing)
    assert not missing.exists()
    short = tmp_path / "short.key"
    short.write_bytes(b"0123")
    with pytest.raises(CodecKeyMissing, match="4 bytes"):
        load_key(short)


async def test_a_body_over_the_codec_servers_limit_is_refused_with_413_before_it_is_read(codec, tokens, settings):
    oversized = b"x" * (settings.max_body_bytes + 1)
    reply = await codec.post(
        "/decode", content=oversized, headers={**operator(tokens), "content-type": "application/json"}
    )
    assert reply.status_code == 413, reply.text

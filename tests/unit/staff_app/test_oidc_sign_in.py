"""Sign-in at an OpenID Connect provider: authorization code with PKCE (S256), state and nonce checked.

The provider is a small in-process app speaking the protocol (discovery, token endpoint that checks the
PKCE verifier against the challenge, JWKS); the staff app talks to it over HTTP (ASGI transport).
"""

from __future__ import annotations

import base64
import hashlib
import time
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from fastapi import FastAPI, Form, HTTPException
from joserfc import jwt
from joserfc.jwk import RSAKey

from staff_app.app import create_app
from staff_app.sessions import COOKIE, Session
from staff_app.settings import OidcSettings, StaffAppSettings
from staff_app.signin.oidc import OidcSignIn, SignInRefused
from tests.support.staff_app_sessions import session_settings

ISSUER = "https://idp.jobcenter.test"
CLIENT_ID = "lotse-staff-app"
REDIRECT = "https://lotse.jobcenter.test/anmelden/callback"


class Provider:
    """Remembers each authorization request's challenge and nonce; redeems a code once, for its verifier."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "idp-1"})
        self.codes: dict[str, tuple[str, str]] = {}
        self.app = FastAPI()
        self.app.get("/.well-known/openid-configuration")(self.discovery)
        self.app.get("/jwks")(self.jwks)
        self.app.post("/token")(self.token)

    def authorize(self, url: str, nonce: str | None = None) -> tuple[str, str]:
        """What the provider's login page does: a code for this request; returns (code, state)."""
        query = {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}
        assert query["code_challenge_method"] == "S256" and query["client_id"] == CLIENT_ID
        code = f"code-{len(self.codes)}"
        self.codes[code] = (query["code_challenge"], nonce or query["nonce"])
        return code, query["state"]

    async def discovery(self) -> dict[str, str]:
        return {
            "issuer": ISSUER,
            "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/token",
            "jwks_uri": f"{ISSUER}/jwks",
        }

    async def jwks(self) -> dict[str, object]:
        return {"keys": [self.key.as_dict(private=False)]}

    async def token(self, code: str = Form(), code_verifier: str = Form()) -> dict[str, str]:
        challenge, nonce = self.codes.pop(code, ("", ""))
        digest = base64.urlsafe_b64encode(hashlib.sha256(code_verifier.encode()).digest()).rstrip(b"=").decode()
        if not challenge or digest != challenge:
            raise HTTPException(400, "invalid_grant")
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": "lutjenburg-cm-01",
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "roles": ["case_manager"],
            "offices": ["lutjenburg"],
        }
        id_token = jwt.encode({"alg": "RS256", "kid": "idp-1"}, claims, self.key)
        return {"access_token": "access-token-for-the-services", "id_token": id_token, "token_type": "Bearer"}


@pytest.fixture
async def provider():
    found = Provider()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=found.app), base_url=ISSUER) as http:
        found.http = http
        yield found


def sign_in(provider: Provider) -> OidcSignIn:
    return OidcSignIn(OidcSettings(issuer=ISSUER, client_id=CLIENT_ID), REDIRECT, provider.http)


async def test_the_authorization_code_with_pkce_signs_in_with_the_roles_and_offices_of_the_id_token(provider):
    oidc, session = sign_in(provider), Session.begin(idle_until=0)
    url = await oidc.authorization_url(session)
    assert url.startswith(f"{ISSUER}/authorize?") and "redirect_uri=" in url
    code, state = provider.authorize(url)
    staff = await oidc.finish(session, code, state)
    assert staff.staff_id == "lutjenburg-cm-01"
    assert staff.roles == {"case_manager"} and staff.offices == {"lutjenburg"}
    assert staff.token == "access-token-for-the-services"
    assert session.pending == {}  # state, nonce and verifier are used once


async def test_an_answer_to_a_sign_in_this_browser_did_not_start_is_refused(provider):
    oidc, session = sign_in(provider), Session.begin(idle_until=0)
    code, _ = provider.authorize(await oidc.authorization_url(session))
    with pytest.raises(SignInRefused, match="state"):
        await oidc.finish(session, code, "forged-state")


async def test_an_id_token_with_another_nonce_is_refused(provider):
    oidc, session = sign_in(provider), Session.begin(idle_until=0)
    code, state = provider.authorize(await oidc.authorization_url(session), nonce="replayed")
    with pytest.raises(SignInRefused, match="ID token"):
        await oidc.finish(session, code, state)


async def test_a_code_redeemed_without_the_right_verifier_signs_nobody_in(provider):
    oidc, victim, attacker = sign_in(provider), Session.begin(idle_until=0), Session.begin(idle_until=0)
    code, _ = provider.authorize(await oidc.authorization_url(victim))
    await oidc.authorization_url(attacker)
    with pytest.raises(SignInRefused, match="token endpoint"):
        await oidc.finish(attacker, code, attacker.pending["state"])


async def test_the_app_signs_in_through_the_provider_with_a_new_session_and_a_secure_cookie_over_tls(
    provider, tmp_path
):
    settings = StaffAppSettings(
        oidc=OidcSettings(issuer=ISSUER, client_id=CLIENT_ID),
        public_url="https://lotse.jobcenter.test",
        **await session_settings(tmp_path),
    )
    unreachable = {name: httpx.AsyncClient(base_url="http://127.0.0.1:9") for name in ("coaching",)}
    app = create_app(settings, unreachable, identity_http=provider.http)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://lotse.jobcenter.test") as browser:
        page = await browser.get("/anmelden")
        assert "Mit dem Konto des Jobcenters anmelden" in page.text
        assert "secure" in page.headers["set-cookie"].lower()
        anonymous = browser.cookies[COOKIE]
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        assert (await browser.post("/anmelden/oidc", data={})).status_code == 403
        redirect = await browser.post("/anmelden/oidc", data={"csrf_token": token})
        assert redirect.status_code == 303
        code, state = provider.authorize(redirect.headers["location"])
        answer = await browser.get("/anmelden/callback", params={"code": code, "state": state})
        assert answer.status_code == 303 and answer.headers["location"] == "/"
        assert browser.cookies[COOKIE] != anonymous
        assert "lutjenburg-cm-01" in (await browser.get("/suche")).text


async def test_the_providers_answer_may_reach_another_instance_than_the_one_that_sent_the_browser_there(
    provider, tmp_path
):
    settings = StaffAppSettings(
        oidc=OidcSettings(issuer=ISSUER, client_id=CLIENT_ID),
        public_url="https://lotse.jobcenter.test",
        **await session_settings(tmp_path),
    )
    unreachable = {name: httpx.AsyncClient(base_url="http://127.0.0.1:9") for name in ("coaching",)}
    one, other = (create_app(settings, unreachable, identity_http=provider.http) for _ in range(2))
    base = "https://lotse.jobcenter.test"
    async with one.router.lifespan_context(one), other.router.lifespan_context(other):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=one), base_url=base) as browser:
            page = await browser.get("/anmelden")
            token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
            redirect = await browser.post("/anmelden/oidc", data={"csrf_token": token})
            cookie = browser.cookies[COOKIE]
        code, state = provider.authorize(redirect.headers["location"])
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=other), base_url=base) as browser:
            browser.cookies.set(COOKIE, cookie, domain="lotse.jobcenter.test")
            answer = await browser.get("/anmelden/callback", params={"code": code, "state": state})
            assert answer.status_code == 303 and answer.headers["location"] == "/"
            assert "lutjenburg-cm-01" in (await browser.get("/suche")).text
            replayed = await browser.get("/anmelden/callback", params={"code": code, "state": state})
            assert replayed.status_code == 403  # the signed-in session waits for no state: nothing to replay

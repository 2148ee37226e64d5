"""Sign-in in production: OpenID Connect authorization-code flow with PKCE against the Jobcenter's provider.

The provider's access token is what the services verify (their `JWT_*` settings name its issuer, audience
and key); the ID token, verified here against the provider's keys and the nonce, says who signed in and in
which roles and offices (claim names from the settings).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from staff_app.sessions import Session, Staff
from staff_app.settings import OidcSettings


class SignInRefused(Exception):
    """The provider's answer does not sign anybody in (state, nonce, signature, claims)."""


class OidcSignIn:
    def __init__(self, settings: OidcSettings, redirect_uri: str, http: httpx.AsyncClient) -> None:
        self._settings, self._redirect_uri, self._http = settings, redirect_uri, http
        self._metadata: dict[str, Any] | None = None

    async def metadata(self) -> dict[str, Any]:
        if self._metadata is None:
            url = self._settings.issuer.rstrip("/") + "/.well-known/openid-configuration"
            self._metadata = dict((await self._http.get(url)).raise_for_status().json())
        return self._metadata

    async def authorization_url(self, session: Session) -> str:
        """Where to send the browser; state, nonce and the PKCE verifier wait in the (anonymous) session."""
        session.pending = {"state": generate_token(32), "nonce": generate_token(32), "verifier": generate_token(64)}
        query = {
            "response_type": "code",
            "client_id": self._settings.client_id,
            "redirect_uri": self._redirect_uri,
            "scope": self._settings.scope,
            "state": session.pending["state"],
            "nonce": session.pending["nonce"],
            "code_challenge": create_s256_code_challenge(session.pending["verifier"]),
            "code_challenge_method": "S256",
        }
        return f"{(await self.metadata())['authorization_endpoint']}?{urlencode(query)}"

    async def finish(self, session: Session, code: str, state: str) -> Staff:
        pending, session.pending = session.pending, {}
        if not pending or state != pending.get("state"):
            raise SignInRefused("state does not match the sign-in this browser started")
        tokens = await self._exchange(code, pending["verifier"])
        claims = await self._verified_claims(str(tokens.get("id_token", "")), pending["nonce"])
        roles = frozenset(str(r) for r in claims.get(self._settings.roles_claim, []))
        offices = frozenset(str(o) for o in claims.get(self._settings.offices_claim, []))
        return Staff(str(claims["sub"]), roles, offices, str(tokens["access_token"]))

    async def _exchange(self, code: str, verifier: str) -> dict[str, Any]:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self._redirect_uri,
            "client_id": self._settings.client_id,
            "code_verifier": verifier,
        }
        secret = self._settings.client_secret
        auth = httpx.BasicAuth(self._settings.client_id, secret) if secret else httpx.USE_CLIENT_DEFAULT
        response = await self._http.post((await self.metadata())["token_endpoint"], data=form, auth=auth)
        if response.is_error:
            raise SignInRefused(f"the token endpoint answered {response.status_code}")
        return dict(response.json())

    async def _verified_claims(self, id_token: str, nonce: str) -> dict[str, Any]:
        keys = KeySet.import_key_set((await self._http.get((await self.metadata())["jwks_uri"])).json())
        registry = jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": self._settings.issuer},
            aud={"essential": True, "value": self._settings.client_id},
            sub={"essential": True},
            exp={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        try:
            token = jwt.decode(id_token, keys)
            registry.validate(token.claims)
        except (JoseError, ValueError) as error:
            raise SignInRefused(f"the ID token was refused: {error}") from error
        return dict(token.claims)

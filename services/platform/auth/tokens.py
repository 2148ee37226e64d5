"""Bearer JWTs (RS256): an identity provider signs, services only hold the public key."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from services.platform.auth.staff import Role, StaffUser

ALGORITHM = "RS256"
log = logging.getLogger(__name__)


class InvalidToken(Exception):
    pass


def generate_key_pair(directory: Path) -> tuple[Path, Path]:
    """Create a local signing key for `make run` and tests (kept if it already exists)."""
    private, public = directory / "jwt-signing-key.pem", directory / "jwt-public-key.pem"
    if not private.exists():
        directory.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        private.write_bytes(pem)
        private.chmod(0o600)
        public.write_bytes(
            key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        )
    return private, public


def issue(
    private_key_pem: bytes, user: StaffUser, issuer: str, audience: str, lifetime: timedelta = timedelta(hours=8)
) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": user.staff_id,
        "roles": sorted(user.roles),
        "offices": sorted(user.office_ids),
        "iss": issuer,
        "aud": audience,
        "iat": now,
        "exp": now + lifetime,
    }
    return jwt.encode(claims, private_key_pem, algorithm=ALGORITHM)


def verify(token: str, public_key_pem: bytes, issuer: str, audience: str) -> StaffUser:
    try:
        claims = jwt.decode(
            token,
            public_key_pem,
            algorithms=[ALGORITHM],
            issuer=issuer,
            audience=audience,
            options={"require": ["sub", "exp", "iss", "aud"]},
        )
        return StaffUser(
            staff_id=str(claims["sub"]),
            roles=known_roles(claims.get("roles", [])),
            office_ids=frozenset(str(o) for o in claims.get("offices", [])),
        )
    except (jwt.PyJWTError, ValueError) as exc:
        raise InvalidToken(str(exc)) from exc


def known_roles(claimed: Iterable[object]) -> frozenset[Role]:
    """The roles Lotse knows; a role the identity provider keeps for another application (or a newer Lotse)
    grants nothing here, but must not refuse the staff member's whole token."""
    names = {str(r) for r in claimed}
    known = {r for r in Role if r.value in names}
    if unknown := names - {r.value for r in known}:
        log.info("ignored roles this platform does not know: %s", ", ".join(sorted(unknown)))
    return frozenset(known)

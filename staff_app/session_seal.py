"""The sealed part of a stored session: CSRF token, staff (roles, offices, access token) and OIDC state.

AES-256-GCM under the staff app's session key (32 raw bytes in a file, made by the launcher or compose
`keys-init` with `workflows.codec.ensure_key`). The row's key is the associated data: a seal copied into
another row does not open there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from staff_app.sessions import Session, Staff

KEY_BYTES = 32
NONCE_BYTES = 12


class SealBroken(Exception):
    """The seal does not open with this key for this row (another key, or the row was tampered with)."""


def load_key(path: Path) -> bytes:
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise ValueError(f"{path}: a session key is {KEY_BYTES} raw bytes, this file has {len(key)}")
    return key


class SessionSeal:
    def __init__(self, key: bytes) -> None:
        self._aes = AESGCM(key)

    def seal(self, session: Session) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        plain = json.dumps(_secrets(session), separators=(",", ":")).encode()
        return nonce + self._aes.encrypt(nonce, plain, session.key.encode())

    def open(self, session_id: str, key: str, idle_until: float, sealed: bytes) -> Session:
        try:
            plain = self._aes.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], key.encode())
        except InvalidTag as error:
            raise SealBroken(key) from error
        secrets = json.loads(plain)
        staff = secrets["staff"]
        return Session(
            session_id,
            secrets["csrf"],
            idle_until,
            Staff(staff["id"], frozenset(staff["roles"]), frozenset(staff["offices"]), staff["token"])
            if staff
            else None,
            dict(secrets["pending"]),
        )


def _secrets(session: Session) -> dict[str, Any]:
    staff = session.staff
    return {
        "csrf": session.csrf_token,
        "staff": None
        if staff is None
        else {
            "id": staff.staff_id,
            "roles": sorted(staff.roles),
            "offices": sorted(staff.offices),
            "token": staff.token,
        },
        "pending": session.pending,
    }

"""The codec server's own session: what `POST /login` hands the browser instead of the operator's token.

Browsers keep cookies per host, not per port, so every app on the codec server's host receives
the session cookie. An operator JWT there would be a bearer token for every Lotse service; this
session is only good for `/decode` and `/encode`: `{sub, exp}` with an HMAC-SHA256 whose key is
derived (HKDF) from the codec key under a label of its own, so it is neither the codec key nor
usable anywhere else. It lasts `lifetime` at most, and never beyond the operator token it came from.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_LABEL = b"lotse codec server session v1"


class InvalidSession(Exception):
    pass


@dataclass(frozen=True)
class Session:
    staff_id: str
    expires: datetime


class Sessions:
    def __init__(self, codec_key: bytes, lifetime: timedelta) -> None:
        self._key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_LABEL).derive(codec_key)
        self._lifetime = lifetime

    def open(self, staff_id: str, token_expires: datetime) -> tuple[str, Session]:
        """The cookie value of a new session for an operator whose token was verified, and the session."""
        expires = int(min(token_expires, datetime.now(UTC) + self._lifetime).timestamp())
        body = _b64(json.dumps({"sub": staff_id, "exp": expires}, separators=(",", ":")).encode())
        return f"{body}.{_b64(self._mac(body))}", Session(staff_id, datetime.fromtimestamp(expires, UTC))

    def read(self, value: str) -> Session:
        """The session a cookie value carries: `InvalidSession` unless signed here and not yet expired."""
        body, dot, mac = value.partition(".")
        if not dot or not hmac.compare_digest(_unb64(mac), self._mac(body)):
            raise InvalidSession("not a session of this codec server")
        try:
            claims = json.loads(_unb64(body))
            staff_id, expires = claims["sub"], datetime.fromtimestamp(claims["exp"], UTC)
        except (ValueError, TypeError, KeyError, OverflowError, OSError) as error:
            raise InvalidSession("session claims unreadable") from error
        if not isinstance(staff_id, str) or not staff_id:
            raise InvalidSession("session without operator")
        if expires <= datetime.now(UTC):
            raise InvalidSession("session expired")
        return Session(staff_id, expires)

    def _mac(self, body: str) -> bytes:
        return hmac.new(self._key, body.encode("ascii", "replace"), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return b""

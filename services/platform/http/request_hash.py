"""The keyed hash of an idempotent request, so that stored hashes do not confirm guesses.

`idempotency_keys.request_hash` tells a retry from a different request under the same key. A plain
SHA-256 of the body let anyone who can read the table test a guess — "did this registration
contain the health target group?" — by hashing candidate bodies. HMAC-SHA256 needs a secret: a key
derived with HKDF-SHA256 from each key of the service's own key ring (`LOTSE_<SERVICE>_DATA_KEY_FILE`),
bound to this purpose, so it never equals the key that seals fields.

Rotation: new rows are keyed with the active key; a stored hash matches under any key of the ring,
so rotating the ring never turns a retry into "already used for a different request". Rows from
before keyed hashes (plain SHA-256) still match until they expire (`idempotency_retention_hours`).
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from services.platform.privacy.keys import KeyRing, data_key_variable, load_key_ring
from services.platform.settings import ServiceSettings

PURPOSE = b"lotse idempotency request hash v1"


def _derive(key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(key)


class RequestHasher:
    def __init__(self, ring: KeyRing) -> None:
        self.ring = ring  # also seals the stored replies (`idempotency.py`)
        self._active = _derive(ring.active_key)
        self._all = [_derive(key) for key in ring.keys.values()]

    @classmethod
    def from_settings(cls, settings: ServiceSettings) -> RequestHasher:
        """Every service needs its key ring for this; a missing one is a misconfiguration."""
        if settings.data_key_file is None:
            raise RuntimeError(
                f"{data_key_variable(settings.service_name)} is not set: {settings.service_name} keys "
                "the hash of idempotent requests with its key ring"
            )
        return cls(load_key_ring(settings.data_key_file))

    def digest(self, payload: bytes) -> str:
        return hmac.new(self._active, payload, hashlib.sha256).hexdigest()

    def matches(self, payload: bytes, stored: str) -> bool:
        candidates = [hmac.new(key, payload, hashlib.sha256).hexdigest() for key in self._all]
        candidates.append(hashlib.sha256(payload).hexdigest())  # written before keyed hashes; expires
        return any(hmac.compare_digest(candidate, stored) for candidate in candidates)

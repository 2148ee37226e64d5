"""Field-level encryption at rest (AES-256-GCM) for special-category data.

A sealed value is text: `<key id>:<base64(nonce ‖ ciphertext ‖ tag)>`. The associated data is the
field's context, `<table>.<column>/<row id>`: a ciphertext copied into another row or another column
fails to open. JSON values are padded to a multiple of 64 bytes, so the length of a ciphertext does
not tell whether a client has, say, one special-category target group or none.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from typing import Any
from uuid import UUID

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from services.platform.privacy.keys import KeyRing

NONCE_BYTES = 12
PAD_TO = 64


class SealedDataError(ValueError):
    """A sealed value that does not open: tampered with, from another row or field, or of an unknown key."""


def field_context(field: str, row_id: UUID | str) -> str:
    """The associated data binding a ciphertext to one column of one row."""
    return f"{field}/{row_id}"


class FieldCipher:
    def __init__(self, ring: KeyRing) -> None:
        self._ring = ring
        self._aes = {key_id: AESGCM(key) for key_id, key in ring.keys.items()}

    @property
    def active_key_id(self) -> str:
        return self._ring.active_id

    def with_active_key(self, key_id: str, key: bytes) -> FieldCipher:
        """This cipher with one more key, which encrypts from now on; the ring's keys still open what they sealed."""
        return FieldCipher(KeyRing({**self._ring.keys, key_id: key}, active_id=key_id))

    @staticmethod
    def key_id_of(sealed: str) -> str:
        return sealed.partition(":")[0]

    def seal(self, plaintext: bytes, context: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aes[self._ring.active_id].encrypt(nonce, plaintext, context.encode())
        return f"{self._ring.active_id}:{base64.b64encode(nonce + sealed).decode()}"

    def open(self, sealed: str, context: str) -> bytes:
        key_id, _, body = sealed.partition(":")
        aes = self._aes.get(key_id)
        if aes is None:
            raise SealedDataError(f"sealed with key {key_id!r}, which is not in the key ring")
        try:
            data = base64.b64decode(body, validate=True)
            return aes.decrypt(data[:NONCE_BYTES], data[NONCE_BYTES:], context.encode())
        except (InvalidTag, binascii.Error, ValueError) as exc:
            raise SealedDataError(f"{context}: the sealed value does not open (tampered or moved)") from exc

    def seal_json(self, value: Any, context: str) -> str:
        data = json.dumps(value, separators=(",", ":"), sort_keys=True).encode()
        return self.seal(data.ljust(-(-len(data) // PAD_TO) * PAD_TO), context)

    def open_json(self, sealed: str, context: str) -> Any:
        return json.loads(self.open(sealed, context))

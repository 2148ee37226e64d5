"""Payload encryption (AES-256-GCM) for everything Temporal stores of a journey.

Kept apart from workflow modules: importing `cryptography` inside the workflow sandbox
breaks worker start. Search attributes bypass this codec — they carry ids only.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio.api.common.v1 import Payload
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.converter import DataConverter, DefaultFailureConverterWithEncodedAttributes, PayloadCodec

ENCODING = b"binary/encrypted"
KEY_BYTES = 32  # AES-256


class CodecKeyMissing(RuntimeError):
    """The configured key file is absent or unusable: a misconfiguration, never a reason to make a new key."""


def load_key(path: Path) -> bytes:
    """The 256-bit key of the worker and the codec server; the set-up (launcher, keys-init) creates it."""
    try:
        key = path.read_bytes()
    except OSError as error:
        raise CodecKeyMissing(
            f"payload codec key {path} cannot be read ({error.strerror}): create it with the "
            "set-up (`make run`, docker compose's keys-init) or mount the production key"
        ) from error
    if len(key) != KEY_BYTES:
        raise CodecKeyMissing(f"payload codec key {path} has {len(key)} bytes, not {KEY_BYTES}")
    return key


def ensure_key(path: Path) -> Path:
    """For set-ups only (launcher, keys-init, test fixtures): create the key file unless it exists."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(AESGCM.generate_key(bit_length=KEY_BYTES * 8))
        path.chmod(0o600)
    return path


class EncryptionCodec(PayloadCodec):
    def __init__(self, key: bytes, key_id: str = "lotse-1") -> None:
        self._aes = AESGCM(key)
        self._key_id = key_id.encode()

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [
            Payload(
                metadata={"encoding": ENCODING, "encryption-key-id": self._key_id},
                data=self._encrypt(p.SerializeToString()),
            )
            for p in payloads
        ]

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [self._decode_one(p) for p in payloads]

    def _decode_one(self, payload: Payload) -> Payload:
        if payload.metadata.get("encoding") != ENCODING:
            return payload
        if payload.metadata.get("encryption-key-id") != self._key_id:
            raise ValueError("payload was encrypted with an unknown key id")
        return Payload.FromString(self._decrypt(payload.data))

    def _encrypt(self, data: bytes) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aes.encrypt(nonce, data, None)

    def _decrypt(self, data: bytes) -> bytes:
        return self._aes.decrypt(data[:12], data[12:], None)


def encrypted_data_converter(key: bytes) -> DataConverter:
    return dataclasses.replace(
        pydantic_data_converter,
        payload_codec=EncryptionCodec(key),
        failure_converter_class=DefaultFailureConverterWithEncodedAttributes,
    )

"""Payload encryption (AES-256-GCM) for everything Temporal stores of a journey.

Kept apart from workflow modules: importing `cryptography` inside the workflow sandbox
breaks worker start. Search attributes bypass this codec — they carry ids only.

With a `PayloadKeyStore`, a journey's payloads (the serialization context names the workflow), and those of a
workflow assigned to a client (a hearing), are encrypted with the client's own key, key id `person/<client id>`
(`payload_keys.py`); everything else, and every payload written before, uses the codec key (`lotse-1`), which
keeps old histories readable.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path
from uuid import UUID

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio.api.common.v1 import Payload
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.converter import (
    DataConverter,
    DefaultFailureConverterWithEncodedAttributes,
    PayloadCodec,
    SerializationContext,
    WithSerializationContext,
)

from workflows.payload_keys import PayloadKeyStore, PayloadsErased

ENCODING = b"binary/encrypted"
PERSON_KEY_PREFIX = b"person/"
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


class EncryptionCodec(PayloadCodec, WithSerializationContext):
    def __init__(
        self, key: bytes, key_id: str = "lotse-1", persons: PayloadKeyStore | None = None, client: UUID | None = None
    ) -> None:
        self._key = key
        self._aes = AESGCM(key)
        self._key_id = key_id.encode()
        self._persons, self._client = persons, client

    def with_context(self, context: SerializationContext) -> EncryptionCodec:
        """The codec for one workflow's payloads: its client's key when it is a journey and persons are kept."""
        client = self._persons.owner(getattr(context, "workflow_id", None)) if self._persons is not None else None
        return EncryptionCodec(self._key, self._key_id.decode(), self._persons, client)

    @property
    def persons(self) -> PayloadKeyStore | None:
        return self._persons

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        key_id, aes = self._key_id, self._aes
        if self._persons is not None and self._client is not None:
            person_key = self._persons.key(self._client, create=True)
            assert person_key is not None
            key_id, aes = PERSON_KEY_PREFIX + str(self._client).encode(), AESGCM(person_key)
        return [
            Payload(
                metadata={"encoding": ENCODING, "encryption-key-id": key_id},
                data=_encrypt(aes, p.SerializeToString()),
            )
            for p in payloads
        ]

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [self._decode_one(p) for p in payloads]

    def _decode_one(self, payload: Payload) -> Payload:
        if payload.metadata.get("encoding") != ENCODING:
            return payload
        key_id = payload.metadata.get("encryption-key-id", b"")
        if key_id == self._key_id:
            return Payload.FromString(_decrypt(self._aes, payload.data))
        if key_id.startswith(PERSON_KEY_PREFIX) and self._persons is not None:
            client = UUID(key_id[len(PERSON_KEY_PREFIX) :].decode())
            person_key = self._persons.key(client, create=False)
            if person_key is None:
                raise PayloadsErased(str(client))
            return Payload.FromString(_decrypt(AESGCM(person_key), payload.data))
        raise ValueError("payload was encrypted with an unknown key id")


def _encrypt(aes: AESGCM, data: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + aes.encrypt(nonce, data, None)


def _decrypt(aes: AESGCM, data: bytes) -> bytes:
    return aes.decrypt(data[:12], data[12:], None)


def assign_payloads(converter: DataConverter, workflow_id: str, client_id: UUID) -> None:
    """Before starting a workflow about one person whose id does not name them (a hearing): its payloads go under
    the person's key (`PayloadKeyStore.assign`). Without per-person keys (no directory set) nothing changes."""
    codec = converter.payload_codec
    if isinstance(codec, EncryptionCodec) and codec.persons is not None:
        codec.persons.assign(workflow_id, client_id)


def encrypted_data_converter(key: bytes, payload_keys_dir: Path | None = None) -> DataConverter:
    """Journeys' payloads under their clients' keys when `payload_keys_dir` is given (the stack sets it)."""
    persons = PayloadKeyStore(payload_keys_dir, key) if payload_keys_dir is not None else None
    return dataclasses.replace(
        pydantic_data_converter,
        payload_codec=EncryptionCodec(key, persons=persons),
        failure_converter_class=DefaultFailureConverterWithEncodedAttributes,
    )

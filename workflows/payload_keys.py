"""Per-person keys for journey payloads, so that erasing a person's key makes their journey histories unreadable.

Temporal keeps a journey's history (inputs, signals, activity results, memo) for as long as it keeps the
workflow, and an operator cannot edit it. Each `journey-<client id>` payload is therefore encrypted with a key
of that client (`codec.py`); erasing the key (the erasure workflow's last step) leaves every copy of the
history — the server's database, its backups, exported histories — undecodable: crypto-shredding.

The keys live in a directory shared by the worker processes, the bridge and the codec server
(`LOTSE_WORKER_PAYLOAD_KEYS_DIR`, `LOTSE_CODEC_PAYLOAD_KEYS_DIR`): `<client id>.key` holds the person's
key sealed (AES-256-GCM) with the codec key, bound to the client id; `<client id>.erased` is the
tombstone, after which no key is made for that client again. Files are read on every use (no cache),
so an erasure holds in every process at once.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from uuid import UUID

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE = 12
_JOURNEY = re.compile(r"^journey-(?P<client>[0-9a-fA-F-]{36})$")


class PayloadsErased(Exception):
    """The person's payload key was erased: their payloads can never be decoded (nor new ones encoded)."""


def client_of(workflow_id: str | None) -> UUID | None:
    """The client a workflow's payloads belong to: journeys are `journey-<client id>`; others belong to nobody."""
    match = _JOURNEY.match(workflow_id or "")
    if match is None:
        return None
    try:
        return UUID(match["client"])
    except ValueError:
        return None


class PayloadKeyStore:
    def __init__(self, directory: Path, master: bytes) -> None:
        self._directory = directory
        self._master = AESGCM(master)

    def key(self, client_id: UUID, *, create: bool) -> bytes | None:
        """The client's key; made on first use when `create`. `PayloadsErased` after the erasure."""
        path = self._path(client_id, "key")
        if path.exists():
            data = path.read_bytes()
            return self._master.decrypt(data[:NONCE], data[NONCE:], str(client_id).encode())
        if self.erased(client_id):
            raise PayloadsErased(str(client_id))
        return self._create(client_id, path) if create else None

    def erased(self, client_id: UUID) -> bool:
        return self._path(client_id, "erased").exists()

    def erase(self, client_id: UUID) -> bool:
        """Tombstone first, then the key; True if a key was removed. Again for an erased client: no change."""
        self._directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._path(client_id, "erased").touch(mode=0o600, exist_ok=True)
        try:
            self._path(client_id, "key").unlink()
        except FileNotFoundError:
            return False
        return True

    def _create(self, client_id: UUID, path: Path) -> bytes:
        self._directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = AESGCM.generate_key(bit_length=256)
        nonce = os.urandom(NONCE)
        sealed = nonce + self._master.encrypt(nonce, key, str(client_id).encode())
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(sealed)
        partial.chmod(0o600)
        try:
            os.link(partial, path)  # atomic and refusing to overwrite: two first encodings agree on one key
        except FileExistsError:
            pass
        finally:
            partial.unlink()
        found = self.key(client_id, create=False)
        assert found is not None
        return found

    def _path(self, client_id: UUID, kind: str) -> Path:
        return self._directory / f"{client_id}.{kind}"

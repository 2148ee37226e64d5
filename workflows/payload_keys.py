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

Other workflows about one person whose id does not name the client — a hearing is `hearing-<incident id>` —
are assigned to their client before they start (`assign`: `<workflow id>.owner` holds the client id, an id
only), so their payloads are under the same key and shredded with it. A workflow nobody was assigned to, and
every hearing started before this, stays under the codec key.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from uuid import UUID

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE = 12
_JOURNEY = re.compile(r"^journey-(?P<client>[0-9a-fA-F-]{36})$")
_ASSIGNABLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,120}$")  # ids the owner file can be named after


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

    def owner(self, workflow_id: str | None) -> UUID | None:
        """The client whose key a workflow's payloads take: a journey's by its id, another's as assigned."""
        if (client := client_of(workflow_id)) is not None or workflow_id is None:
            return client
        if not _ASSIGNABLE.match(workflow_id):
            return None
        try:
            return UUID(self._directory.joinpath(f"{workflow_id}.owner").read_text())
        except (FileNotFoundError, ValueError):
            return None

    def assign(self, workflow_id: str, client_id: UUID) -> None:
        """Before the workflow starts: its payloads are the client's. Again with the same client: no change."""
        if not _ASSIGNABLE.match(workflow_id):
            raise ValueError(f"workflow id {workflow_id!r} cannot be assigned")
        self._directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = self._directory / f"{workflow_id}.owner"
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(str(client_id))
        try:
            os.link(partial, path)  # never re-assigned to another client once its payloads exist
        except FileExistsError:
            pass
        finally:
            partial.unlink()

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

"""The key ring of a service's special-category fields: AES-256 keys with ids, the newest one encrypts.

File format (text, mode 0600): one `<key id> <base64 key>` per line, `#` starts a comment. The last
line is the active key; every line still decrypts, because each ciphertext names its key id.

Rotation: `python -m services.platform.privacy.keys rotate <file>` appends a new key; restart the
service. Rows written from then on use the new key, older rows still open with theirs. Never delete
a line while rows sealed with it may exist.

A service only ever *loads* its key ring: a missing file is a misconfiguration, not a reason to
make a new key (that would leave every stored row unreadable). The launcher, the compose
`keys-init` job and tests create key rings.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from services.platform.settings import env_prefix

KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class KeyRingError(ValueError):
    pass


@dataclass(frozen=True)
class KeyRing:
    keys: Mapping[str, bytes]
    active_id: str

    @property
    def active_key(self) -> bytes:
        return self.keys[self.active_id]


def parse_key_ring(text: str, origin: str = "key ring") -> KeyRing:
    keys: dict[str, bytes] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) != 2 or not KEY_ID.match(words[0]):
            raise KeyRingError(f"{origin}, line {number}: expected `<key id> <base64 key>`")
        try:
            key = base64.b64decode(words[1], validate=True)
        except binascii.Error:
            key = b""
        if len(key) != 32 or words[0] in keys:
            raise KeyRingError(f"{origin}, line {number}: a 256-bit key with an id not used before")
        keys[words[0]] = key
    if not keys:
        raise KeyRingError(f"{origin} holds no key")
    return KeyRing(keys, active_id=list(keys)[-1])


def load_key_ring(path: Path) -> KeyRing:
    """Read an existing key ring; never creates one."""
    if not path.is_file():
        raise KeyRingError(f"no key ring at {path}: special-category data cannot be read or written without it")
    return parse_key_ring(path.read_text(), str(path))


def _line(key_id: str) -> str:
    return f"{key_id} {base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()}\n"


def ensure_key_ring(path: Path) -> Path:
    """Create a key ring with one key unless the file exists (launcher, compose `keys-init`, tests)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path
    with os.fdopen(descriptor, "w") as file:
        file.write(_line("k1"))
    return path


def add_key(path: Path) -> str:
    """Rotation: append a new key, which becomes the active one; returns its id."""
    ring = load_key_ring(path)
    number = len(ring.keys) + 1
    while f"k{number}" in ring.keys:
        number += 1
    with path.open("a") as file:
        file.write(_line(f"k{number}"))
    return f"k{number}"


def data_key_variable(service_name: str) -> str:
    return f"{env_prefix(service_name)}DATA_KEY_FILE"


def key_ring_from_environment(service_name: str) -> KeyRing | None:
    """For migrations that convert stored rows: the service's key ring, if its setting is present."""
    path = os.environ.get(data_key_variable(service_name))
    return load_key_ring(Path(path)) if path else None


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2 or args[0] not in {"create", "rotate"}:
        raise SystemExit("usage: python -m services.platform.privacy.keys create|rotate <key ring file>")
    path = Path(args[1])
    if args[0] == "create":
        print(ensure_key_ring(path))
    else:
        print(f"{path}: new active key {add_key(path)}; restart the service")


if __name__ == "__main__":
    main()

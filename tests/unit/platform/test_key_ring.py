"""The key ring file: one key per line, the last one active; services load it, never create it."""

from __future__ import annotations

import base64
import stat

import pytest

from services.platform.privacy.cipher import FieldCipher, field_context
from services.platform.privacy.keys import KeyRingError, add_key, ensure_key_ring, load_key_ring, parse_key_ring
from services.platform.privacy.migration import MissingDataKey, cipher_for_stored_rows

KEY = base64.b64encode(bytes(32)).decode()
OTHER = base64.b64encode(bytes(range(32))).decode()


def test_the_last_key_of_the_ring_is_the_active_one_and_comments_are_ignored():
    ring = parse_key_ring(f"# rotated 2026-11\nk1 {KEY}\n\nk2 {OTHER}  # current\n")
    assert (sorted(ring.keys), ring.active_id, ring.active_key) == (["k1", "k2"], "k2", bytes(range(32)))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# nothing\n",
        f"k1 {KEY} extra\n",
        f"k:1 {KEY}\n",
        f"k1 {KEY}\nk1 {OTHER}\n",
        f"k1 {base64.b64encode(bytes(16)).decode()}\n",
        "k1 not-base64\n",
    ],
)
def test_a_malformed_key_ring_is_refused(text):
    with pytest.raises(KeyRingError):
        parse_key_ring(text)


def test_a_missing_key_ring_is_an_error_and_not_created(tmp_path):
    with pytest.raises(KeyRingError, match="no key ring"):
        load_key_ring(tmp_path / "intake-data.key")
    assert not (tmp_path / "intake-data.key").exists()


def test_a_created_key_ring_is_private_and_kept_when_created_again(tmp_path):
    path = ensure_key_ring(tmp_path / "keys" / "intake-data.key")
    first = path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ensure_key_ring(path).read_text() == first
    assert load_key_ring(path).active_id == "k1"


def test_rotation_appends_a_key_and_what_the_old_key_sealed_still_opens(tmp_path):
    path = ensure_key_ring(tmp_path / "coaching-data.key")
    context = field_context("cooperation_plans.special_obstacles", "plan-1")
    sealed = FieldCipher(load_key_ring(path)).seal(b"addiction", context)
    assert add_key(path) == "k2"
    rotated = FieldCipher(load_key_ring(path))
    assert rotated.active_key_id == "k2" and rotated.open(sealed, context) == b"addiction"


def test_a_migration_needs_the_key_ring_only_when_stored_rows_must_be_converted(tmp_path, monkeypatch):
    monkeypatch.delenv("LOTSE_INTAKE_DATA_KEY_FILE", raising=False)
    assert cipher_for_stored_rows("intake", 0) is None
    with pytest.raises(MissingDataKey, match="LOTSE_INTAKE_DATA_KEY_FILE"):
        cipher_for_stored_rows("intake", 3)
    monkeypatch.setenv("LOTSE_INTAKE_DATA_KEY_FILE", str(ensure_key_ring(tmp_path / "intake-data.key")))
    found = cipher_for_stored_rows("intake", 3)
    assert found is not None and found.active_key_id == "k1"

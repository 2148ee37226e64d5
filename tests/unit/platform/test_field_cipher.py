"""Field-level encryption of special-category data (GDPR Art. 9): AES-256-GCM, bound to row and column,
keys rotated by id."""

from __future__ import annotations

import base64
from uuid import uuid4

import pytest

from services.platform.privacy.cipher import FieldCipher, SealedDataError, field_context
from services.platform.privacy.keys import KeyRing

KEY_1, KEY_2 = bytes(range(32)), bytes(range(32, 64))
ROW, OTHER_ROW = uuid4(), uuid4()
HEALTH = field_context("clients.special_categories", ROW)


def cipher(*keys: tuple[str, bytes]) -> FieldCipher:
    return FieldCipher(KeyRing(dict(keys), active_id=keys[-1][0]))


def test_a_sealed_value_opens_to_what_was_sealed_and_shows_none_of_it():
    sealed = cipher(("k1", KEY_1)).seal_json({"target_groups": ["health_limitations"]}, HEALTH)
    assert sealed.startswith("k1:")
    assert "health" not in sealed and "health" not in base64.b64decode(sealed[3:]).decode("latin-1")
    assert cipher(("k1", KEY_1)).open_json(sealed, HEALTH) == {"target_groups": ["health_limitations"]}


def test_the_same_value_sealed_twice_gives_different_ciphertexts():
    c = cipher(("k1", KEY_1))
    assert c.seal(b"addiction", HEALTH) != c.seal(b"addiction", HEALTH)


def test_a_ciphertext_does_not_tell_by_its_length_whether_the_client_has_special_category_data():
    c = cipher(("k1", KEY_1))
    assert len(c.seal_json({"target_groups": []}, HEALTH)) == len(
        c.seal_json({"target_groups": ["health_limitations"]}, HEALTH)
    )


def test_a_tampered_ciphertext_does_not_open():
    c = cipher(("k1", KEY_1))
    data = bytearray(base64.b64decode(c.seal(b"addiction", HEALTH)[3:]))
    data[20] ^= 0x01
    with pytest.raises(SealedDataError):
        c.open("k1:" + base64.b64encode(bytes(data)).decode(), HEALTH)
    with pytest.raises(SealedDataError):
        c.open("k1:not base64!", HEALTH)


def test_a_ciphertext_moved_to_another_row_or_column_does_not_open():
    c = cipher(("k1", KEY_1))
    sealed = c.seal(b"addiction", HEALTH)
    with pytest.raises(SealedDataError):
        c.open(sealed, field_context("clients.special_categories", OTHER_ROW))
    with pytest.raises(SealedDataError):
        c.open(sealed, field_context("cooperation_plans.special_obstacles", ROW))


def test_after_rotation_old_rows_still_open_and_new_ones_use_the_new_key():
    old = cipher(("k1", KEY_1)).seal(b"health", HEALTH)
    rotated = cipher(("k1", KEY_1), ("k2", KEY_2))
    assert rotated.active_key_id == "k2"
    assert rotated.open(old, HEALTH) == b"health"
    new = rotated.seal(b"health", HEALTH)
    assert new.startswith("k2:") and rotated.open(new, HEALTH) == b"health"


def test_a_ciphertext_of_a_key_no_longer_in_the_ring_or_relabelled_does_not_open():
    old = cipher(("k1", KEY_1)).seal(b"health", HEALTH)
    with pytest.raises(SealedDataError, match="'k1'"):
        cipher(("k2", KEY_2)).open(old, HEALTH)
    with pytest.raises(SealedDataError):
        cipher(("k1", KEY_1), ("k2", KEY_2)).open("k2" + old[2:], HEALTH)

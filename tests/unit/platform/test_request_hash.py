"""The stored hash of an idempotent request is keyed: it confirms no guess without the service's key ring."""

from __future__ import annotations

import hashlib

from services.platform.http.request_hash import RequestHasher
from services.platform.privacy.keys import add_key, ensure_key_ring, load_key_ring

REGISTRATION = b'POST /clients\n{"target_groups": ["health_restrictions"]}'
GUESS_WITHOUT_HEALTH = b'POST /clients\n{"target_groups": []}'


def test_the_stored_hash_is_not_the_plain_sha256_a_reader_of_the_table_could_recompute(tmp_path):
    hasher = RequestHasher(load_key_ring(ensure_key_ring(tmp_path / "intake-data.key")))
    stored = hasher.digest(REGISTRATION)
    assert stored != hashlib.sha256(REGISTRATION).hexdigest()
    assert len(stored) == 64  # fits the existing column
    assert hasher.matches(REGISTRATION, stored)
    assert not hasher.matches(GUESS_WITHOUT_HEALTH, stored)


def test_another_services_ring_gives_another_hash(tmp_path):
    intake = RequestHasher(load_key_ring(ensure_key_ring(tmp_path / "intake-data.key")))
    coaching = RequestHasher(load_key_ring(ensure_key_ring(tmp_path / "coaching-data.key")))
    assert intake.digest(REGISTRATION) != coaching.digest(REGISTRATION)


def test_a_hash_stored_before_the_key_ring_was_rotated_still_matches_its_retry(tmp_path):
    ring = ensure_key_ring(tmp_path / "intake-data.key")
    stored = RequestHasher(load_key_ring(ring)).digest(REGISTRATION)
    add_key(ring)
    rotated = RequestHasher(load_key_ring(ring))
    assert rotated.digest(REGISTRATION) != stored, "new rows use the new key"
    assert rotated.matches(REGISTRATION, stored)
    assert not rotated.matches(GUESS_WITHOUT_HEALTH, stored)


def test_a_plain_hash_stored_before_keyed_hashes_still_matches_until_it_expires(tmp_path):
    hasher = RequestHasher(load_key_ring(ensure_key_ring(tmp_path / "intake-data.key")))
    assert hasher.matches(REGISTRATION, hashlib.sha256(REGISTRATION).hexdigest())

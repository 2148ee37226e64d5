"""A session as it is stored: known by the hash of its id, its secrets sealed to its own row."""

from __future__ import annotations

import os

import pytest

from staff_app.session_seal import SealBroken, SessionSeal, load_key
from staff_app.sessions import Session, Staff, key_of

CASE_MANAGER = Staff("lutjenburg-cm-01", frozenset({"case_manager"}), frozenset({"lutjenburg"}), "the-access-token")


def signed_in() -> Session:
    return Session.begin(idle_until=2000.0, staff=CASE_MANAGER)


def test_a_session_is_stored_under_the_hash_of_its_id_not_the_id():
    session = signed_in()
    assert session.key == key_of(session.session_id) and session.session_id not in session.key
    assert len(session.key) == 64


def test_two_sessions_begun_alike_have_different_ids_and_csrf_tokens():
    one, other = Session.begin(idle_until=0), Session.begin(idle_until=0)
    assert one.session_id != other.session_id and one.csrf_token != other.csrf_token


def test_a_sealed_session_opens_to_the_same_staff_csrf_token_and_oidc_state():
    seal = SessionSeal(os.urandom(32))
    session = signed_in()
    session.pending = {"state": "s", "nonce": "n", "verifier": "v"}
    opened = seal.open(session.session_id, session.key, session.idle_until, seal.seal(session))
    assert opened == session


def test_the_seal_shows_neither_the_access_token_nor_the_csrf_token():
    session = signed_in()
    sealed = SessionSeal(os.urandom(32)).seal(session)
    assert b"the-access-token" not in sealed and session.csrf_token.encode() not in sealed
    assert b"case_manager" not in sealed


def test_a_seal_copied_into_another_row_does_not_open_there():
    seal = SessionSeal(os.urandom(32))
    victim, attacker = signed_in(), Session.begin(idle_until=2000.0)
    with pytest.raises(SealBroken):
        seal.open(attacker.session_id, attacker.key, attacker.idle_until, seal.seal(victim))


def test_a_seal_does_not_open_under_another_key():
    session = signed_in()
    with pytest.raises(SealBroken):
        SessionSeal(os.urandom(32)).open(session.session_id, session.key, 0, SessionSeal(os.urandom(32)).seal(session))


def test_a_session_key_file_of_the_wrong_length_is_refused_naming_the_file(tmp_path):
    short = tmp_path / "session.key"
    short.write_bytes(b"too short")
    with pytest.raises(ValueError, match=r"session\.key"):
        load_key(short)


def test_staff_has_any_of_the_roles_named():
    assert CASE_MANAGER.has("coach", "case_manager") and not CASE_MANAGER.has("operator")

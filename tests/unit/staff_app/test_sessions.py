"""Server-side sessions: a new id at sign-in, gone after the idle timeout, gone at sign-out."""

from __future__ import annotations

from staff_app.sessions import SessionStore, Staff

CASE_MANAGER = Staff("lutjenburg-cm-01", frozenset({"case_manager"}), frozenset({"lutjenburg"}), "token")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_signing_in_replaces_the_anonymous_session_with_a_new_id_and_a_new_csrf_token():
    store = SessionStore(idle_seconds=60)
    anonymous = store.new()
    signed_in = store.sign_in(anonymous, CASE_MANAGER)
    assert signed_in.session_id != anonymous.session_id
    assert signed_in.csrf_token != anonymous.csrf_token
    assert store.get(anonymous.session_id) is None
    found = store.get(signed_in.session_id)
    assert found is not None and found.staff == CASE_MANAGER


def test_a_session_unused_for_longer_than_the_idle_timeout_is_gone_and_use_keeps_it_alive():
    clock = Clock()
    store = SessionStore(idle_seconds=60, clock=clock)
    session = store.new(CASE_MANAGER)
    clock.now += 59
    assert store.get(session.session_id) is session  # used: the idle clock starts again
    clock.now += 59
    assert store.get(session.session_id) is session
    clock.now += 61
    assert store.get(session.session_id) is None


def test_idle_sessions_are_forgotten_when_new_ones_begin():
    clock = Clock()
    store = SessionStore(idle_seconds=60, clock=clock)
    stale = store.new(CASE_MANAGER)
    clock.now += 120
    store.new()
    clock.now -= 120  # even if the clock went back, the stale session was dropped
    assert store.get(stale.session_id) is None


def test_an_unknown_or_missing_session_id_finds_nothing():
    store = SessionStore(idle_seconds=60)
    assert store.get(None) is None and store.get("") is None and store.get("forged") is None


def test_signing_out_drops_the_session():
    store = SessionStore(idle_seconds=60)
    session = store.new(CASE_MANAGER)
    store.drop(session)
    assert store.get(session.session_id) is None


def test_staff_has_any_of_the_roles_named():
    assert CASE_MANAGER.has("coach", "case_manager") and not CASE_MANAGER.has("operator")

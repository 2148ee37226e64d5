"""Server-side sessions: the cookie holds only a random id; the staff token stays on the server.

A session begins anonymous (it carries the CSRF token of the sign-in form and the OIDC state) and is
replaced by a new one at sign-in, so an id planted before sign-in is worthless afterwards (no fixation).
A session unused for the idle timeout is gone. Held in memory: one staff app process per deployment, and a
restart signs everyone out, which for a BFF holding short-lived tokens is the safe failure.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

COOKIE = "lotse_staff_session"


@dataclass(frozen=True)
class Staff:
    """Who is signed in, as the token says: the pages show what these roles may do."""

    staff_id: str
    roles: frozenset[str]
    offices: frozenset[str]
    token: str

    def has(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))


@dataclass
class Session:
    session_id: str
    csrf_token: str
    last_seen: float
    staff: Staff | None = None
    pending: dict[str, str] = field(default_factory=dict)  # OIDC state, nonce and PKCE verifier


class SessionStore:
    def __init__(self, idle_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._idle = idle_seconds
        self._clock = clock
        self._sessions: dict[str, Session] = {}

    def new(self, staff: Staff | None = None) -> Session:
        self._forget_idle()
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), self._clock(), staff)
        self._sessions[session.session_id] = session
        return session

    def get(self, session_id: str | None) -> Session | None:
        """The live session of this id, its idle clock restarted; None if unknown or idle too long."""
        session = self._sessions.get(session_id or "")
        if session is None:
            return None
        now = self._clock()
        if now - session.last_seen > self._idle:
            del self._sessions[session.session_id]
            return None
        session.last_seen = now
        return session

    def sign_in(self, old: Session | None, staff: Staff) -> Session:
        """A new session (new id, new CSRF token) for the signed-in staff member; the old one ends."""
        self.drop(old)
        return self.new(staff)

    def drop(self, session: Session | None) -> None:
        if session is not None:
            self._sessions.pop(session.session_id, None)

    def _forget_idle(self) -> None:
        now = self._clock()
        for session_id in [s.session_id for s in self._sessions.values() if now - s.last_seen > self._idle]:
            del self._sessions[session_id]

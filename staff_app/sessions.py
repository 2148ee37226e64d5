"""Server-side sessions: the cookie holds only a random id; the staff token stays on the server.

A session begins anonymous (it carries the CSRF token of the sign-in form and the OIDC state) and is
replaced by a new one at sign-in, so an id planted before sign-in is worthless afterwards (no fixation).
A session unused for the idle timeout is refused and its row deleted.

Sessions live in the staff app's own database (`session_rows`), so a restart signs nobody out and every
instance behind a load balancer knows every session: sign-out in one ends it in all. The clock is the wall
clock (shared by all instances), injectable for tests.

What a stolen database file gives an attacker:
- no usable cookie: a row is keyed by the SHA-256 of the session id, and the id is 256 random bits;
- without the session key file: staff ids and the times their sessions run idle, nothing more. The CSRF
  token, roles, offices, the services' access token and the OIDC state, nonce and PKCE verifier are sealed
  (AES-256-GCM, `session_seal`), each row's seal bound to its key so that rows cannot be swapped;
- with the key file as well: the access tokens of live sessions, good against the services until they
  expire (dev sign-in: 8 hours; OIDC: the provider's lifetime). That is why the key lives in a file of its
  own, apart from the database (the launcher's key directory, its own volume in docker-compose).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

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
    idle_until: float  # seconds since the epoch
    staff: Staff | None = None
    pending: dict[str, str] = field(default_factory=dict)  # OIDC state, nonce and PKCE verifier

    @classmethod
    def begin(cls, idle_until: float, staff: Staff | None = None) -> Session:
        return cls(secrets.token_urlsafe(32), secrets.token_urlsafe(32), idle_until, staff)

    @property
    def key(self) -> str:
        """What the database knows the session by: the hash of its id, never the id."""
        return key_of(self.session_id)


def key_of(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class SessionRows(Protocol):
    """Where sessions are kept (`session_rows.SessionTable`)."""

    async def insert(self, session: Session) -> None: ...
    async def find(self, session_id: str) -> Session | None: ...
    async def update(self, session: Session) -> None: ...
    async def delete(self, key: str) -> None: ...
    async def delete_idle(self, now: float) -> None: ...


class SessionStore:
    def __init__(self, rows: SessionRows, idle_seconds: float, clock: Callable[[], float] = time.time) -> None:
        self._rows = rows
        self._idle = idle_seconds
        self._clock = clock
        # Not every request writes: the idle clock restarts once this much of it has passed (here at most
        # a minute), so a session ends between `idle - touch` and `idle` after its last use.
        self._touch = min(60.0, idle_seconds / 10)

    async def new(self, staff: Staff | None = None) -> Session:
        now = self._clock()
        await self._rows.delete_idle(now)
        session = Session.begin(now + self._idle, staff)
        await self._rows.insert(session)
        return session

    async def get(self, session_id: str | None) -> Session | None:
        """The live session of this id, its idle clock restarted; None if unknown or idle too long."""
        if not session_id:
            return None
        session = await self._rows.find(session_id)
        if session is None:
            return None
        now = self._clock()
        if session.idle_until < now:
            await self._rows.delete(session.key)
            return None
        if session.idle_until - now < self._idle - self._touch:
            session.idle_until = now + self._idle
            await self._rows.update(session)
        return session

    async def save(self, session: Session) -> None:
        """Keeps what changed in a session (the OIDC state it waits for)."""
        await self._rows.update(session)

    async def sign_in(self, old: Session | None, staff: Staff) -> Session:
        """A new session (new id, new CSRF token) for the signed-in staff member; the old one ends."""
        await self.drop(old)
        return await self.new(staff)

    async def drop(self, session: Session | None) -> None:
        if session is not None:
            await self._rows.delete(session.key)

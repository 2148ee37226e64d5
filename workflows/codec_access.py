"""Who may read journey payloads through the codec server, and the audit line each decoding leaves.

Only operators. The Temporal UI calls the codec server from the operator's browser: with
"Include cross-origin credentials" on, it sends the session cookie that `POST /login` set
for this host (browsers keep cookies per host, not per port, hence a session good for this
server only, `codec_session.py`, never the operator's token), and with UI auth it may pass
its user's access token instead. API callers (the CLI's `--codec-endpoint`, scripts) send
`Authorization: Bearer <operator JWT>`. A cookie counts only from an allowed origin, so no
other page the operator has open can have payloads decrypted for itself.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from fastapi import HTTPException, Request, status

from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import InvalidToken, verify
from workflows.codec_session import InvalidSession, Sessions

SESSION_COOKIE = "lotse_codec_session"
audit = logging.getLogger("lotse.codec.audit")
log = logging.getLogger("lotse.codec")
# A page of the Temporal UI: /namespaces/<namespace>/workflows/<workflow id>/<run id>/…
_UI_WORKFLOW_PAGE = re.compile(r"/namespaces/(?P<namespace>[^/]+)/workflows/(?P<workflow>[^/]+)(?:/(?P<run>[^/]+))?")
_UNPRINTABLE = re.compile(r"[^\x20-\x7e]")


@dataclass(frozen=True)
class Verifier:
    public_key: bytes
    issuer: str
    audience: str

    def user(self, token: str, via: str) -> StaffUser:
        try:
            return verify(token, self.public_key, self.issuer, self.audience)
        except InvalidToken as error:
            log.info("codec server: token refused: %s", error)
            raise _unauthorised("invalid token", via) from error


@dataclass(frozen=True)
class Caller:
    operator: StaffUser
    via: str  # "bearer", "cookie" or "sign-in"


class Refused(HTTPException):
    """A 401/403 of the codec server, knowing how the caller came and, once a token was valid, who it was."""

    def __init__(self, status_code: int, detail: str, via: str, who: str | None = None) -> None:
        headers = {"WWW-Authenticate": "Bearer"} if status_code == status.HTTP_401_UNAUTHORIZED else None
        super().__init__(status_code, detail, headers=headers)
        self.via, self.who = via, who


def operator_of(
    request: Request, verifier: Verifier, sessions: Sessions, allowed_origins: frozenset[str], action: str
) -> Caller:
    """The operator behind the request: 401 without valid credentials, 403 for anyone else; refusals are audited."""
    try:
        return _operator_of(request, verifier, sessions, allowed_origins)
    except Refused as error:
        refused(action, request, error.status_code, str(error.detail), error.who, error.via)
        raise


def _operator_of(request: Request, verifier: Verifier, sessions: Sessions, allowed_origins: frozenset[str]) -> Caller:
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthorised("a bearer token is required", "bearer")
        return Caller(_operator(verifier.user(token.strip(), "bearer"), "bearer"), "bearer")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie is None:
        raise _unauthorised(
            "operator credentials are required: a bearer token or the session of POST /login", "nothing"
        )
    origin = request.headers.get("origin")
    if origin is not None and origin not in allowed_origins:
        raise Refused(status.HTTP_403_FORBIDDEN, f"the session is not valid from origin {_clean(origin)}", "cookie")
    try:
        session = sessions.read(cookie)
    except InvalidSession as error:  # an operator JWT here counts for nothing either: sessions are ours only
        log.info("codec server: session refused: %s", error)
        raise _unauthorised("the session is not valid (any more): sign in again at /login", "cookie") from error
    # The roles were checked when the session was opened at /login; it names an operator only.
    return Caller(StaffUser(session.staff_id, frozenset({Role.OPERATOR}), frozenset()), "cookie")


def signing_in(token: str, verifier: Verifier, request: Request) -> Caller:
    """The operator a token given to `POST /login` names (401/403 as for any other request, audited alike)."""
    try:
        if not token:
            raise _unauthorised("an operator token is required", "sign-in")
        return Caller(_operator(verifier.user(token, "sign-in"), "sign-in"), "sign-in")
    except Refused as error:
        refused("sign-in", request, error.status_code, str(error.detail), error.who, error.via)
        raise


def _operator(user: StaffUser, via: str) -> StaffUser:
    if Role.OPERATOR not in user.roles:
        raise Refused(status.HTTP_403_FORBIDDEN, "only operators may use the codec server", via, user.staff_id)
    return user


def _unauthorised(detail: str, via: str) -> Refused:
    return Refused(status.HTTP_401_UNAUTHORIZED, detail, via)


def record(action: str, caller: Caller, request: Request, payloads: int) -> None:
    """Who decoded (or encoded) how many payloads of which workflow: never the payloads themselves.

    The namespace comes from the UI's `X-Namespace` header; the workflow from the Referer, the
    UI page the operator was on, when the browser sends its path (a strict referrer policy
    sends only the origin, and API callers send none): then it is logged as unknown.
    """
    audit.info(
        "%s by operator %s (%s): %d payload(s); %s",
        action,
        _clean(caller.operator.staff_id),
        caller.via,
        payloads,
        _where(request),
    )


def refused(action: str, request: Request, status_code: int, reason: str, who: str | None, via: str) -> None:
    """A refused attempt (401/403, or a malformed body 400/422): who tried what, and why; never the body.

    `reason` is the server's own wording (field names at most), never a value the caller sent.
    """
    audit.warning(
        "%s refused with %d (%s) for operator %s (%s); %s",
        action,
        status_code,
        _clean(reason),
        _clean(who),
        via,
        _where(request),
    )


def _where(request: Request) -> str:
    page = _UI_WORKFLOW_PAGE.search(urlsplit(request.headers.get("referer", "")).path)
    namespace = request.headers.get("x-namespace") or (unquote(page["namespace"]) if page else None)
    workflow = unquote(page["workflow"]) if page else None
    run = unquote(page["run"]) if page and page["run"] else None
    return (
        f"namespace {_clean(namespace)}, workflow {_clean(workflow)}, run {_clean(run)}, "
        f"origin {_clean(request.headers.get('origin'))}"
    )


def _clean(value: str | None) -> str:
    """A header value as it may go into a log line: printable, bounded (it comes from the caller)."""
    return "unknown" if not value else _UNPRINTABLE.sub("?", value)[:200]

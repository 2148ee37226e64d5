"""CSRF protection of every form: a per-session token, sent as a hidden field (or htmx's header)."""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

from staff_app.sessions import Session

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"


async def check_csrf(request: Request, session: Session) -> None:
    """Raises 403 unless the request carries the session's CSRF token."""
    sent = request.headers.get(HEADER)
    if sent is None:
        form = await request.form()
        value = form.get(FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, session.csrf_token):
        raise HTTPException(403, "Das Formular ist abgelaufen oder unvollständig. Bitte laden Sie die Seite neu.")

"""FastAPI dependencies: every staff route declares the roles it admits."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import InvalidToken, verify

log = logging.getLogger(__name__)
_bearer = HTTPBearer(auto_error=False, description="A staff JWT (RS256) with `roles` and `offices` claims")


async def current_user(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> StaffUser:
    if credentials is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )
    verifier = request.app.state.token_verifier
    try:
        return verify(credentials.credentials, verifier.public_key, verifier.issuer, verifier.audience)
    except InvalidToken as exc:
        # Why a token failed (signature, expiry, audience …) helps whoever forges one: the log keeps it.
        log.info("refused a bearer token: %s", exc)
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "invalid token", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
        ) from exc


def require_roles(*roles: Role) -> Callable[..., Coroutine[Any, Any, StaffUser]]:
    allowed = frozenset(roles)

    async def check(user: Annotated[StaffUser, Depends(current_user)]) -> StaffUser:
        if not user.has_any(allowed):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"requires one of the roles: {', '.join(sorted(allowed))}")
        return user

    return check

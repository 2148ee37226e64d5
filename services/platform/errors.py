"""Errors use cases raise, free of HTTP; `http.problems` maps them to problem details."""

from __future__ import annotations


class RuleViolation(ValueError):
    """Well-formed input that breaks a business rule: HTTP 422, nothing changes."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


class NotFound(LookupError):
    def __init__(self, what: str, ident: object) -> None:
        super().__init__(f"{what} {ident} not found")


class Conflict(Exception):
    """The request clashes with the current state: HTTP 409."""


class NotPermitted(PermissionError):
    """The caller's roles or offices do not cover this: HTTP 403."""

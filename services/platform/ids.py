"""Identifiers: UUIDv7, so ids sort by creation time (index-friendly, ordered reads)."""

from __future__ import annotations

from uuid import UUID

from uuid_utils.compat import uuid7


def new_id() -> UUID:
    return uuid7()

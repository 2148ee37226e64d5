"""Opaque page cursors: the sort key of a page's last item, handed back by the caller for the next page.

A cursor is URL-safe base64 of a JSON list; its content is nobody's business but the endpoint's, and a
cursor that does not decode (or holds the wrong shape) is refused with a 422 naming `query.cursor`.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any

from services.platform.errors import RuleViolation

FIELD = "query.cursor"
MAX_CURSOR_CHARS = 2000


def encode_cursor(key: Sequence[Any]) -> str:
    data = json.dumps(list(key), separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def decode_cursor(cursor: str, length: int) -> list[Any]:
    """The key of `length` values a cursor carries; 422 for anything this module did not make."""
    if len(cursor) > MAX_CURSOR_CHARS:
        raise RuleViolation(FIELD, "not a cursor of this listing")
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError) as exc:
        raise RuleViolation(FIELD, "not a cursor of this listing") from exc
    if not isinstance(key, list) or len(key) != length:
        raise RuleViolation(FIELD, "not a cursor of this listing")
    return key

"""Shaping a use case's domain value into its HTTP reply, at the edge (use cases know no HTTP schemas)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


async def reply(schema: type[M], result: Awaitable[object]) -> M:
    """The reply `schema` read from the attributes of the value `result` gives (dataclasses, nested)."""
    return schema.model_validate(await result, from_attributes=True)

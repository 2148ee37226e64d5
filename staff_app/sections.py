"""A page built from several services' answers: each part shows what its service returned, or why not."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

from staff_app.backend import ServiceError, ServiceUnavailable

REFUSED = {
    403: "Diesen Teil dürfen Sie mit Ihrer Rolle nicht sehen.",
    404: "Hierzu liegt noch nichts vor.",
    405: "Dieser Dienst bietet diese Liste nicht an.",
    409: "Noch nicht möglich: die Daten sind beim Dienst noch nicht angekommen.",
}


@dataclass
class Section:
    data: Any = None
    refused: str | None = None
    status: int | None = None

    @property
    def shown(self) -> bool:
        return self.refused is None


async def section(call: Awaitable[Any]) -> Section:
    """The service's answer; a refusal the page can live with (403, 404, 405, 409) or a service that cannot
    be reached becomes a notice in its part of the page."""
    try:
        return Section(await call)
    except ServiceUnavailable as error:  # one service down takes only its part of the page with it
        return Section(None, f"Der Dienst „{error.service}“ ist gerade nicht erreichbar.", error.status)
    except ServiceError as error:
        if error.status not in REFUSED:
            raise
        return Section(None, REFUSED[error.status], error.status)


async def sections(*calls: Awaitable[Any]) -> list[Section]:
    return list(await asyncio.gather(*(section(c) for c in calls)))


def items(page: Any) -> list[dict[str, Any]]:
    """The rows of a page (`{"items": [...]}`) or of a plain list."""
    if isinstance(page, dict):
        return list(page.get("items") or [])
    return list(page or [])

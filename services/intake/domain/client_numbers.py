"""The client number (Kundennummer): what staff read out and type instead of a UUID. No I/O here.

Every client gets the next number of the intake database at registration, shown as `L-000123`
(six digits at least, more once the district passes a million registrations).
"""

from __future__ import annotations

import re

from services.intake.domain.model import IntakeError

PREFIX = "L-"
_TYPED = re.compile(r"^\s*(?:[Ll]\s*-?\s*)?([0-9]{1,12})\s*$")


def client_number(sequence: int) -> str:
    return f"{PREFIX}{sequence:06d}"


def parse_client_number(text: str, field: str = "client_number") -> str:
    """A number as staff type it ("L-000123", "l123", "123") in its one written form."""
    typed = _TYPED.match(text)
    if typed is None:
        raise IntakeError(field, "expected a client number such as L-000123")
    return client_number(int(typed.group(1)))

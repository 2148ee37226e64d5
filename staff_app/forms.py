"""What staff type into forms, as the services' APIs take it: local wall-clock times in Europe/Berlin."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation

from staff_app.formatting import BERLIN
from staff_app.problems import FormErrors


class Invalid(Exception):
    """A value the form cannot hand on; the message goes next to the field."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field, self.reason = field, reason

    def errors(self) -> FormErrors:
        return FormErrors(fields={self.field: self.reason})


def berlin_moment(form: Mapping[str, str], field: str) -> str:
    """`2026-12-07T13:00` from a datetime-local input, as a moment with its Berlin offset."""
    try:
        local = datetime.fromisoformat(form.get(field, "").strip())
    except ValueError:
        raise Invalid(field, "Bitte Datum und Uhrzeit angeben.") from None
    return local.replace(tzinfo=BERLIN).isoformat() if local.tzinfo is None else local.isoformat()


def euros(form: Mapping[str, str], field: str) -> str:
    """ "1.400,50" or "1400.50" as "1400.50"."""
    text = form.get(field, "").strip().replace("€", "").strip()
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return str(Decimal(text))
    except InvalidOperation:
        raise Invalid(field, "Bitte einen Betrag in Euro angeben, z. B. 1.400,00.") from None


def text(form: Mapping[str, str], field: str) -> str | None:
    value = form.get(field, "").strip()
    return value or None


def strings(form: Mapping[str, object]) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str)}

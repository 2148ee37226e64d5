"""A value of a rule table as parsed (strings, lists and mappings only), read into exact domain values.

Numbers arrive as the strings the reviewer wrote, so money is exact (Decimal from the string, never a float).
Every refusal names where in the value it happened, for a message that names the file and the value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from services.benefits.domain.money import CENT

NONE = "none"
"""The word a table writes for "no such figure in this period" (e.g. no rent ceiling in the Karenzzeit)."""


class BadTableValue(ValueError):
    """A value that does not say what the provision needs."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _kind(raw: object) -> str:
    return "a list" if isinstance(raw, list) else "a mapping" if isinstance(raw, dict) else repr(raw)


@dataclass(frozen=True)
class TableValue:
    raw: object
    path: str = "value"

    def _refuse(self, reason: str) -> BadTableValue:
        return BadTableValue(self.path, reason)

    def fields(self, *names: str) -> dict[str, TableValue]:
        """Exactly these fields: a missing one or a misspelt extra one is refused."""
        if not isinstance(self.raw, dict):
            raise self._refuse(f"expected the fields {', '.join(names)}, found {_kind(self.raw)}")
        missing = [name for name in names if name not in self.raw]
        unknown = sorted(str(key) for key in self.raw if key not in names)
        if missing or unknown:
            found = f"missing {', '.join(missing)}" if missing else ""
            extra = f"unknown {', '.join(unknown)}" if unknown else ""
            raise self._refuse(f"expected the fields {', '.join(names)}: {'; '.join(filter(None, (found, extra)))}")
        return {name: TableValue(self.raw[name], f"{self.path}.{name}") for name in names}

    def items(self) -> list[TableValue]:
        if not isinstance(self.raw, list) or not self.raw:
            raise self._refuse(f"expected a list of entries, found {_kind(self.raw)}")
        return [TableValue(item, f"{self.path}[{index}]") for index, item in enumerate(self.raw)]

    def text(self) -> str:
        if not isinstance(self.raw, str):
            raise self._refuse(f"expected a text, found {_kind(self.raw)}")
        return self.raw

    def is_none(self) -> bool:
        return self.raw == NONE

    def decimal(self) -> Decimal:
        text = self.text()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise self._refuse(f"{text!r} is not a number (write e.g. 502 or 2.3, with a decimal point)") from None
        if not number.is_finite() or number < 0:
            raise self._refuse(f"{text!r} is not a non-negative number")
        return number

    def money(self) -> Decimal:
        """Euros with at most two decimal places, kept as two places (502 → 502.00)."""
        amount = self.decimal()
        if amount != amount.quantize(CENT):
            raise self._refuse(f"{self.text()!r} has more than two decimal places (euros and cents)")
        return amount.quantize(CENT)

    def percent(self) -> Decimal:
        percent = self.decimal()
        if percent > 100:
            raise self._refuse(f"{self.text()!r} is more than 100 percent")
        return percent

    def integer(self) -> int:
        text = self.text()
        if not text.isascii() or not text.isdigit():
            raise self._refuse(f"{text!r} is not a whole number")
        return int(text)

    def flag(self) -> bool:
        text = self.text()
        if text not in ("true", "false"):
            raise self._refuse(f"{text!r} is neither true nor false")
        return text == "true"

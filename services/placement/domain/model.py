"""Placement's domain rules. No I/O here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.platform.errors import RuleViolation


def check_contract(start_date: date, first_pay_date: date, gross: Decimal, net: Decimal) -> None:
    """An employment contract as benefits will read it (§ 11 Abs. 2: pay counts when it flows)."""
    if net > gross:
        raise RuleViolation("net_monthly_pay", "cannot exceed the gross monthly pay")
    if first_pay_date < start_date:
        raise RuleViolation("first_pay_date", "cannot lie before the start date")

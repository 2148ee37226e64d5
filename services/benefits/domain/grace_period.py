"""Karenzzeit: the first year of benefits, in which the actual rent counts (§ 22 Abs. 1 S. 2–3 SGB II)."""

from __future__ import annotations

from datetime import date

from services.benefits.domain.approval import add_months
from services.benefits.domain.rules.calendar import BUERGERGELD_2023
from services.benefits.domain.rules.housing import GRACE_PERIOD_MONTHS

EARLIEST_START = BUERGERGELD_2023
"""§ 65 Abs. 2: months of benefits before 2023 do not count towards the Karenzzeit."""


def in_grace_period(first_benefit_month: date, month: date) -> bool:
    """True for the months from the first month of benefits up to one year later (exclusive).

    Interruptions that lengthen the Karenzzeit (S. 4) are the clerk's to enter: they give a later
    first month instead.
    """
    start = max(first_benefit_month.replace(day=1), EARLIEST_START)
    on = month.replace(day=1)
    return start <= on < add_months(start, GRACE_PERIOD_MONTHS.value_at(on))

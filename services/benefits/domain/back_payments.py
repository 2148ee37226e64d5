"""A back payment (Nachzahlung) counted in its inflow month or spread over six months (§ 11 Abs. 3 SGB II).

No I/O. Income that flows in for earlier months counts in its inflow month (§ 11 Abs. 2 S. 1). Only if counting
it in full would make the entitlement lapse in that month is it split into six equal parts, one counted in each
month from the inflow month on. Whether that is so is decided once, when the clerk enters it, and stored with
the income (`EnteredIncome.spread`): later months take the stored decision and never recompute the inflow month
with facts that came later.

Back pay (employment, self-employment) is counted in full with the inflow month's other pay, § 11b Abs. 2, 3
on their sum. Spread, what it added there to the counted pay — its taxes, contributions and its share of the
allowances taken first (§ 11b Abs. 1 S. 2) — is split in sixths, each counted as it is.

Sixths are cut to the cent (rounded down); the cents left over (at most five) count in the inflow month, so the
six parts add up to the back payment exactly and no later part is larger than an earlier one.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

from services.benefits.domain.german import euro
from services.benefits.domain.money import CENT
from services.benefits.domain.receipts import EARNED_KINDS

if TYPE_CHECKING:  # entered_incomes imports this module
    from services.benefits.domain.entered_incomes import EnteredIncome

SPREAD_MONTHS = 6
IN_FULL = "§ 11 Abs. 2 S. 1, Abs. 3 SGB II"
SPREAD = "§ 11 Abs. 3 SGB II"


def sixths(amount: Decimal) -> tuple[Decimal, ...]:
    """Six parts to the cent: five equal sixths rounded down, the inflow month's part with the remainder."""
    part = (amount / SPREAD_MONTHS).quantize(CENT, rounding=ROUND_DOWN)
    return (amount - part * (SPREAD_MONTHS - 1), *([part] * (SPREAD_MONTHS - 1)))


def spreads(entitlement_counted_in_full: Decimal) -> bool:
    """§ 11 Abs. 3: spread only where the full amount would leave no entitlement in the inflow month."""
    return entitlement_counted_in_full <= 0


def in_full_note(amount: Decimal) -> str:
    return f"Nachzahlung {euro(amount)} im Zuflussmonat voll angerechnet: der Anspruch entfällt dadurch nicht"


def part_note(income: EnteredIncome, index: int) -> str:
    """`index` counts from 0, the inflow month."""
    amount = income.amount
    spread = income.spread_counted if income.kind in EARNED_KINDS else None
    parts = sixths(amount if spread is None else spread)
    note = f"Nachzahlung {euro(amount)} auf sechs Monate verteilt, Teilbetrag {index + 1} von {SPREAD_MONTHS}"
    if spread is not None:
        note = (
            f"Nachzahlung {euro(amount)} brutto; anzurechnen nach Abzug von Steuern, Beiträgen und "
            f"ihrem Anteil an den Freibeträgen im Zuflussmonat (§ 11b Abs. 1 S. 2 SGB II) {euro(spread)}, auf "
            f"sechs Monate verteilt, Teilbetrag {index + 1} von {SPREAD_MONTHS}"
        )
    if index == 0 and parts[0] != parts[1]:
        return f"{note} (mit dem Rest von {euro(parts[0] - parts[1])} aus dem Abrunden der Sechstel auf Cent)"
    return note

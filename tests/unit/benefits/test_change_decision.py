"""Change decisions (§ 48 SGB X) and the 50 EUR threshold for recovery (§ 40 Abs. 1 S. 3 SGB II)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.benefits.domain import InvalidChange, change_decision

from .builders import eur

MARCH, APRIL, MAY, JUNE = (date(2026, month, 1) for month in (3, 4, 5, 6))
DECIDED = date(2026, 5, 10)  # March to May are paid already (monthly in advance, § 42 Abs. 1)


def _amounts(*values: str) -> dict[date, Decimal]:
    return dict(zip((MARCH, APRIL, MAY, JUNE), (eur(value) for value in values), strict=True))


def test_a_refund_below_50_eur_for_the_household_is_not_claimed() -> None:
    """§ 40 Abs. 1 S. 3 SGB II: 3 × 16.66 = 49.98 for the past is waived."""
    decision = change_decision(
        _amounts("500", "500", "500", "500"), _amounts("483.34", "483.34", "483.34", "483.34"), DECIDED
    )
    assert (decision.overpayment, decision.recovery, decision.recovery_waived) == (eur("49.98"), eur(0), True)


def test_a_refund_of_exactly_50_eur_is_claimed() -> None:
    """§ 40 Abs. 1 S. 3 SGB II: only "weniger als 50 Euro" is waived."""
    decision = change_decision(_amounts("500", "500", "500", "500"), _amounts("500", "480", "470", "400"), DECIDED)
    assert (decision.recovery, decision.recovery_waived, decision.net) == (eur(50), False, eur(-50))


def test_months_not_yet_paid_are_neither_recovered_nor_paid_back() -> None:
    """§ 48 Abs. 1 S. 1 SGB X: for the future the new amount is simply paid (June, decided in May)."""
    decision = change_decision(_amounts("500", "500", "500", "500"), _amounts("500", "500", "500", "100"), DECIDED)
    assert (decision.back_payment, decision.overpayment) == (eur(0), eur(0))
    assert [month.already_paid for month in decision.months] == [True, True, True, False]


def test_a_higher_new_entitlement_is_always_paid_back_for_the_past() -> None:
    """§ 48 Abs. 1 S. 2 Nr. 1 SGB X: changes in favour of the household apply from the month of change."""
    decision = change_decision(_amounts("500", "500", "500", "500"), _amounts("510", "510", "510", "510"), DECIDED)
    assert (decision.back_payment, decision.net) == (eur(30), eur(30))


def test_the_threshold_does_not_apply_when_the_change_also_yields_a_back_payment() -> None:
    """§ 40 Abs. 1 S. 3 SGB II: waived only when "ausschließlich Erstattungsforderungen" result."""
    decision = change_decision(_amounts("500", "500", "500", "500"), _amounts("540", "490", "490", "500"), DECIDED)
    assert (decision.back_payment, decision.recovery, decision.recovery_waived) == (eur(40), eur(20), False)
    assert decision.net == eur(20)


def test_old_and_new_entitlements_must_cover_the_same_months() -> None:
    """§ 48 SGB X: a change decision compares the same months."""
    with pytest.raises(InvalidChange):
        change_decision({MARCH: eur(500)}, {APRIL: eur(500)}, DECIDED)

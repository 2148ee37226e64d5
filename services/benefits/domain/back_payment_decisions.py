"""Deciding, when a household is entered, which back payments are spread over six months (§ 11 Abs. 3 SGB II).

No I/O: the caller passes how the entitlement of a month comes out for given inputs. A decision made once is
kept: re-entering the household with the same back payment carries its decision over, so a later fact (a new
job in the inflow month, say) never reopens how the back payment counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from services.benefits.domain.back_payments import spreads
from services.benefits.domain.entered_incomes import EnteredIncome
from services.benefits.domain.households import EnteredHousehold, EnteredMember

# The entitlement for `month` under the inputs; None: that month cannot be computed (its figures are missing).
Entitlement = Callable[[EnteredHousehold, date], Decimal | None]


def _same(a: EnteredIncome, b: EnteredIncome) -> bool:
    return (a.kind, a.amount, a.deductions, a.inflow_from) == (b.kind, b.amount, b.deductions, b.inflow_from)


def _carried(member: EnteredMember, earlier: EnteredMember | None) -> EnteredMember:
    """What the clerk sent as `spread` is dropped (the view shows it, the clerk does not set it); the stored
    decision of the same back payment is taken instead."""
    decided = [i for i in earlier.incomes if i.back_payment and i.spread is not None] if earlier else []
    incomes = []
    for income in member.incomes:
        if income.back_payment:
            match = next((old for old in decided if _same(income, old)), None)
            if match is not None:
                decided.remove(match)
            income = replace(income, spread=None if match is None else match.spread)
        incomes.append(income)
    return replace(member, incomes=tuple(incomes))


def _with_income(entered: EnteredHousehold, position: int, index: int, income: EnteredIncome) -> EnteredHousehold:
    member = entered.members[position]
    incomes = (*member.incomes[:index], income, *member.incomes[index + 1 :])
    members = (*entered.members[:position], replace(member, incomes=incomes), *entered.members[position + 1 :])
    return replace(entered, members=members)


def decide_back_payments(
    entered: EnteredHousehold, earlier: EnteredHousehold | None, entitlement: Entitlement
) -> EnteredHousehold:
    """The inputs with each back payment's `spread` decided: carried over from `earlier`, else by counting it in
    full in its inflow month (§ 11 Abs. 3). One that cannot be computed yet stays undecided and counts in full."""
    old = earlier.members if earlier is not None else ()
    members = tuple(
        _carried(member, old[position] if position < len(old) else None)
        for position, member in enumerate(entered.members)
    )
    decided = replace(entered, members=members)
    for position, member in enumerate(members):
        for index, income in enumerate(member.incomes):
            if not income.back_payment or income.spread is not None:
                continue
            in_full = _with_income(decided, position, index, replace(income, spread=False))
            amount = entitlement(in_full, income.inflow_from)
            if amount is not None:
                decided = _with_income(decided, position, index, replace(income, spread=spreads(amount)))
    return decided

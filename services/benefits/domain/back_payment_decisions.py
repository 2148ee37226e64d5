"""Deciding, when a household is entered, which back payments are spread over six months (§ 11 Abs. 3 SGB II).

No I/O: the caller passes how a month comes out for given inputs. A decision made once is kept: re-entering
the household with the same back payment carries its decision over, so a later fact (a new job in the inflow
month, say) never reopens how the back payment counts.

Back pay (employment, self-employment) that is spread also keeps what it added to the member's counted pay in
the inflow month: its taxes and contributions (§ 11b Abs. 1 S. 1 Nr. 1, 2) and its share of the basic amount
and the allowance (Abs. 2, 3; in place of Nr. 5, and Nr. 6) come off there first (§ 11b Abs. 1 S. 2). The share
is the difference the back pay makes, with the month's other pay, so the bands are not used twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from services.benefits.domain.back_payments import spreads
from services.benefits.domain.entered_incomes import EnteredIncome
from services.benefits.domain.explanation import ItemKind
from services.benefits.domain.households import EnteredHousehold, EnteredMember, person_id
from services.benefits.domain.receipts import EARNED_KINDS
from services.benefits.domain.result import EntitlementResult

# How `month` comes out under the inputs; None: that month cannot be computed (its figures are missing).
MonthResult = Callable[[EnteredHousehold, date], EntitlementResult | None]
COUNTED_PAY = frozenset({ItemKind.EARNED_INCOME_NET, ItemKind.EARNED_INCOME_ALLOWANCE})


def _same(a: EnteredIncome, b: EnteredIncome) -> bool:
    return (a.kind, a.amount, a.net, a.deductions, a.inflow_from) == (
        b.kind,
        b.amount,
        b.net,
        b.deductions,
        b.inflow_from,
    )


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
                income = replace(income, spread=match.spread, spread_counted=match.spread_counted)
            else:
                income = replace(income, spread=None, spread_counted=None)
        incomes.append(income)
    return replace(member, incomes=tuple(incomes))


def _with_income(
    entered: EnteredHousehold, position: int, index: int, income: EnteredIncome | None
) -> EnteredHousehold:
    """The inputs with the member's income at `index` replaced (None: left out)."""
    member = entered.members[position]
    kept = () if income is None else (income,)
    incomes = (*member.incomes[:index], *kept, *member.incomes[index + 1 :])
    members = (*entered.members[:position], replace(member, incomes=incomes), *entered.members[position + 1 :])
    return replace(entered, members=members)


def _counted_pay(result: EntitlementResult, person: str) -> Decimal:
    return sum((i.amount for i in result.explanation if i.person_id == person and i.kind in COUNTED_PAY), Decimal(0))


def _spread_counted(
    decided: EnteredHousehold, position: int, index: int, in_full: EntitlementResult, month_result: MonthResult
) -> Decimal | None:
    """What the back pay adds to the member's counted pay in its inflow month (§ 11b Abs. 1 S. 2)."""
    without = month_result(
        _with_income(decided, position, index, None), decided.members[position].incomes[index].inflow_from
    )
    if without is None:
        return None
    person = person_id(decided.members[position], position)
    return max(_counted_pay(in_full, person) - _counted_pay(without, person), Decimal(0))


def decide_back_payments(
    entered: EnteredHousehold, earlier: EnteredHousehold | None, month_result: MonthResult
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
            in_full = month_result(
                _with_income(decided, position, index, replace(income, spread=False)), income.inflow_from
            )
            if in_full is None:
                continue
            income = replace(income, spread=spreads(in_full.entitlement))
            if income.spread and income.kind in EARNED_KINDS:
                counted = _spread_counted(decided, position, index, in_full, month_result)
                income = replace(income, spread=None) if counted is None else replace(income, spread_counted=counted)
            decided = _with_income(decided, position, index, income)
    return decided

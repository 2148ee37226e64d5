"""Income as the benefits clerk enters it, and what of it flows in a month. No I/O.

The same job is never counted twice. Placement announces the jobs of registered clients; a clerk may also
enter a client's job (found by the client, known before placement heard of it). The rule: from the month of
the first pay placement recorded for a client on, placement's record is the client's employment income, and
a job the clerk entered for that client no longer counts — unless the clerk marked it `separate_job` (a
second job besides the one placement knows). Members who are no registered client (a partner, a teenager)
have no placement record, so whatever the clerk enters for them counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.benefits.domain import back_payments
from services.benefits.domain.approval import add_months
from services.benefits.domain.german import euro
from services.benefits.domain.model import EarnedIncome
from services.benefits.domain.receipts import EARNED_KINDS, IncomeKind, Proof, Receipt
from services.platform.errors import RuleViolation


@dataclass(frozen=True)
class EnteredIncome:
    """Monthly income of a member, flowing in each month from `inflow_from` to `inflow_until` (§ 11 Abs. 2)."""

    kind: IncomeKind
    amount: Decimal  # gross pay, the month's profit (self-employment: takings less expenses), or as paid
    inflow_from: date
    inflow_until: date | None = None  # None: it goes on
    net: Decimal | None = None  # pay and profit after taxes and compulsory contributions (earned kinds only)
    deductions: Decimal = Decimal(0)  # other kinds: proven § 11b Abs. 1 S. 1 Nr. 1–5
    proof: Proof = Proof.DECLARED
    description: str = ""
    separate_job: bool = False  # employment: a job besides the one placement recorded
    earnings_before_birth: Decimal | None = None  # Elterngeld only
    parental_allowance_plus: bool = False  # Elterngeld only
    grundrente_years_proven: bool = False  # pension only: the insurer's notice proves 33 years (§ 69 SGB II)
    proven_costs: Decimal = Decimal(0)  # earned kinds: proven § 11b Abs. 1 S. 1 Nr. 3–5 (§ 11b Abs. 2 S. 2)
    # Self-employment: the month's contributions to old-age provision of a person exempt from compulsory pension
    # insurance (§ 11b Abs. 1 S. 1 Nr. 3 b), and to health and care insurance of one not compulsorily insured as
    # far as § 26 does not subsidise them (Nr. 3 a). Nr. 3 amounts: they count with `proven_costs` (Abs. 2 S. 2).
    pension_provision: Decimal = Decimal(0)
    health_insurance: Decimal = Decimal(0)
    back_payment: bool = False  # a Nachzahlung for earlier months, flowing in once in `inflow_from` (§ 11 Abs. 3)
    spread: bool | None = None  # back payment: spread over six months, as decided when entered; None: not yet
    # Spread back pay: what it added to the member's counted pay in the inflow month, net of taxes, contributions
    # and its share of the § 11b Abs. 2, 3 allowances, which come off first (§ 11b Abs. 1 S. 2); split in sixths.
    spread_counted: Decimal | None = None

    @property
    def last_month(self) -> date | None:
        """The last month it counts in; None: it goes on."""
        if self.back_payment:
            return add_months(self.inflow_from, back_payments.SPREAD_MONTHS - 1 if self.spread else 0)
        return self.inflow_until

    def flows_in(self, month: date) -> bool:
        if self.back_payment:  # kept off the path every other income takes (the means bench)
            last = add_months(self.inflow_from, back_payments.SPREAD_MONTHS - 1 if self.spread else 0)
            return self.inflow_from <= month <= last
        return self.inflow_from <= month and (self.inflow_until is None or month <= self.inflow_until)

    def superseded(self, month: date, placement_since: date | None) -> bool:
        """A client's job the clerk entered gives way to placement's record from its first pay on."""
        if self.kind is not IncomeKind.EMPLOYMENT or self.separate_job or placement_since is None:
            return False
        return placement_since <= month


def change_months(incomes: Sequence[EnteredIncome], after: date) -> list[date]:
    """The months after `after` in which an entered income starts or stops flowing: each may change the amount."""
    starts = {income.inflow_from for income in incomes}
    stops = {add_months(last, 1) for income in incomes if (last := income.last_month) is not None}
    return sorted(month for month in starts | stops if month > after)


def _earned(income: EnteredIncome, month: date) -> EarnedIncome:
    label = "self-employment" if income.kind is IncomeKind.SELF_EMPLOYMENT else "employment"
    description = f"{label} {income.description}".strip() if income.description else label
    if income.back_payment:  # counted in full in its inflow month, with the month's other pay (§ 11 Abs. 2 S. 1)
        description = f"{description}; {back_payments.in_full_note(income.amount)}"
    net = income.amount if income.net is None else income.net
    costs = income.proven_costs
    if income.pension_provision or income.health_insurance:  # off the path of most pay (the means bench)
        costs += income.pension_provision + income.health_insurance
        description = f"{description}; {_insurance_note(income)}"
    return EarnedIncome(income.amount, net, month, description, income.proof, costs)


def _insurance_note(income: EnteredIncome) -> str:
    return (
        f"übrige nachgewiesene Kosten (§ 11b Abs. 1 S. 1 Nr. 3–5 SGB II) {euro(income.proven_costs)}, Altersvorsorge "
        f"bei Befreiung von der Rentenversicherungspflicht {euro(income.pension_provision)} (Nr. 3 Buchst. b), "
        f"Kranken- und Pflegeversicherung ohne Zuschuss nach § 26 {euro(income.health_insurance)} (Nr. 3 Buchst. a)"
    )


def _receipt(income: EnteredIncome, month: date) -> Receipt:
    if income.back_payment:
        return _back_payment(income, month)
    return Receipt(
        income.kind,
        income.amount,
        month,
        income.deductions,
        income.proof,
        income.description,
        income.earnings_before_birth,
        income.parental_allowance_plus,
        grundrente_years_proven=income.grundrente_years_proven,
    )


def _back_payment(income: EnteredIncome, month: date) -> Receipt:
    """The whole back payment in its inflow month, or the month's sixth of it and of its deductions; back pay
    is spread as what it added to the inflow month's counted pay (its deductions came off there first)."""
    amount, deductions = income.amount, income.deductions
    if income.kind in EARNED_KINDS:
        amount, deductions = income.spread_counted or Decimal(0), Decimal(0)
    if income.spread:
        index = (month.year - income.inflow_from.year) * 12 + month.month - income.inflow_from.month
        amount, deductions = back_payments.sixths(amount)[index], back_payments.sixths(deductions)[index]
        note, source = back_payments.part_note(income, index), back_payments.SPREAD
    else:
        note, source = back_payments.in_full_note(income.amount), back_payments.IN_FULL
    description = f"{income.description}; {note}" if income.description else note
    return Receipt(income.kind, amount, month, deductions, income.proof, description, source=source)


def month_incomes(
    incomes: Sequence[EnteredIncome], month: date, placement_since: date | None
) -> tuple[tuple[EarnedIncome, ...], tuple[Receipt, ...]]:
    """What flows in `month`: pay and profit for § 11b Abs. 2–3, the rest by kind."""
    earned: list[EarnedIncome] = []
    receipts: list[Receipt] = []
    for income in incomes:
        if not income.flows_in(month) or income.superseded(month, placement_since):
            continue
        # Back pay spread over six months counts as its sixths, no longer as pay of the month (§ 11b Abs. 1 S. 2).
        if income.kind in EARNED_KINDS and not (income.back_payment and income.spread):
            earned.append(_earned(income, month))
        else:
            receipts.append(_receipt(income, month))
    return tuple(earned), tuple(receipts)


def superseded_costs(incomes: Sequence[EnteredIncome], month: date, placement_since: date | None) -> Decimal:
    """The costs proven with a job the clerk entered that placement's record now stands for: the same job, so
    its costs still come off its pay (§ 11b Abs. 2 S. 2), now that of placement's record."""
    return sum(
        (
            i.proven_costs
            for i in incomes
            if i.proven_costs and i.flows_in(month) and i.superseded(month, placement_since)
        ),
        Decimal(0),
    )


def _check_earned(income: EnteredIncome, field: str) -> None:
    if income.net is None:
        raise RuleViolation(f"{field}.net", f"is needed for {income.kind.value}: pay after taxes and contributions")
    if income.net > income.amount:
        raise RuleViolation(f"{field}.net", f"{income.net} exceeds the gross amount {income.amount}")
    if income.deductions:
        raise RuleViolation(f"{field}.deductions", "taxes and contributions on pay are given by `net`")


def _check_self_employed(income: EnteredIncome, field: str) -> None:
    for name in ("pension_provision", "health_insurance"):
        if getattr(income, name) and income.kind is not IncomeKind.SELF_EMPLOYMENT:
            raise RuleViolation(
                f"{field}.{name}",
                "belongs to self_employment only (§ 11b Abs. 1 S. 1 Nr. 3 SGB II); an employee's compulsory "
                "contributions are in `net`, other proven insurance in `proven_costs`",
            )


def _check_receipt(income: EnteredIncome, field: str) -> None:
    if income.net is not None:
        raise RuleViolation(f"{field}.net", f"only pay and profit have a net amount, not {income.kind.value}")
    if income.deductions > income.amount:
        raise RuleViolation(f"{field}.deductions", f"{income.deductions} exceed the amount {income.amount}")
    if income.separate_job:
        raise RuleViolation(f"{field}.separate_job", "only an employment can be a separate job")
    if income.proven_costs:
        raise RuleViolation(
            f"{field}.proven_costs",
            f"only pay and profit have proven costs (§ 11b Abs. 2 S. 2); give those of {income.kind.value} "
            "as deductions",
        )


def _check_back_payment(income: EnteredIncome, field: str) -> None:
    if income.spread is not None and not income.back_payment:
        raise RuleViolation(f"{field}.spread", "only a back payment is spread over six months (§ 11 Abs. 3)")
    if not income.back_payment:
        return
    if income.inflow_until is not None:
        raise RuleViolation(
            f"{field}.inflow_until", "a back payment flows in once: give its inflow month as inflow_from only"
        )


def check_income(income: EnteredIncome, field: str) -> None:
    """Raise RuleViolation naming the first field of `income` that cannot be right."""
    _check_back_payment(income, field)
    _check_self_employed(income, field)
    if income.inflow_until is not None and income.inflow_until < income.inflow_from:
        raise RuleViolation(f"{field}.inflow_until", f"lies before inflow_from {income.inflow_from:%Y-%m}")
    elder = income.earnings_before_birth is not None or income.parental_allowance_plus
    if elder and income.kind is not IncomeKind.PARENTAL_ALLOWANCE:
        raise RuleViolation(f"{field}.earnings_before_birth", "belongs to Elterngeld (parental_allowance) only")
    if income.separate_job and income.kind is not IncomeKind.EMPLOYMENT:
        raise RuleViolation(f"{field}.separate_job", "only an employment can be a separate job")
    if income.grundrente_years_proven and income.kind is not IncomeKind.PENSION:
        raise RuleViolation(
            f"{field}.grundrente_years_proven", "belongs to a pension only (§ 11b Abs. 2a SGB II, § 82a SGB XII)"
        )
    if income.kind is IncomeKind.INHERITANCE and income.inflow_until != income.inflow_from:
        raise RuleViolation(
            f"{field}.inflow_until",
            "an inheritance is one-off income (§ 11a Abs. 1 Nr. 7 SGB II): give its single inflow month "
            "as inflow_from and inflow_until",
        )
    (_check_earned if income.kind in EARNED_KINDS else _check_receipt)(income, field)

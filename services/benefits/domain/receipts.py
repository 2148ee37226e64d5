"""Income by kind as the engine gets it: what flows in, in which month, with which proof. No logic here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.benefits.domain.errors import InvalidHousehold


class IncomeKind(StrEnum):
    EMPLOYMENT = "employment"  # pay from a job (§ 11b Abs. 2, 3 on the gross)
    SELF_EMPLOYMENT = "self_employment"  # monthly profit: takings less necessary business expenses
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit"  # Arbeitslosengeld (SGB III)
    PENSION = "pension"
    MAINTENANCE = "maintenance"  # Unterhalt paid by a parent or former partner
    ADVANCE_MAINTENANCE = "advance_maintenance"  # Unterhaltsvorschuss (UVG)
    PARENTAL_ALLOWANCE = "parental_allowance"  # Elterngeld (BEEG)
    STUDENT_GRANT = "student_grant"  # BAföG, Berufsausbildungsbeihilfe (§ 11a Abs. 3 S. 2 Nr. 3–4)
    MATERNITY_BENEFIT = "maternity_benefit"  # Mutterschaftsgeld, never counted (§ 11a Abs. 1 Nr. 6)
    INHERITANCE = "inheritance"  # one-off: inheritance, legacy, compulsory portion, never counted (§ 11a Abs. 1 Nr. 7)
    OTHER = "other"


EARNED_KINDS = frozenset({IncomeKind.EMPLOYMENT, IncomeKind.SELF_EMPLOYMENT})


class Proof(StrEnum):
    DECLARED = "declared"  # stated by the household, proof outstanding (a reason to decide provisionally, § 41a)
    PROVEN = "proven"


@dataclass(frozen=True)
class Receipt:
    """Income that is not pay, flowing in `inflow_month` (Zuflussprinzip, § 11 Abs. 2 SGB II)."""

    kind: IncomeKind
    amount: Decimal  # as paid out
    inflow_month: date
    deductions: Decimal = Decimal(0)  # proven § 11b Abs. 1 S. 1 Nr. 1–5 (taxes, contributions, costs)
    proof: Proof = Proof.DECLARED
    description: str = ""
    earnings_before_birth: Decimal | None = None  # Elterngeld: the earnings it was computed from (§ 2 BEEG)
    parental_allowance_plus: bool = False  # ElterngeldPlus: half the exemption (§ 10 Abs. 4 BEEG)
    source: str = ""  # the paragraph its line cites, where not that of its kind (a back payment: § 11 Abs. 3)
    grundrente_years_proven: bool = False  # pension: 33 years of Grundrentenzeiten proven (§ 11b Abs. 2a, § 69)

    def __post_init__(self) -> None:
        if self.kind in EARNED_KINDS and not self.source:  # only as a sixth of a back payment (§ 11 Abs. 3)
            raise InvalidHousehold(f"{self.kind} is earned income, not a receipt")
        if not Decimal(0) <= self.deductions <= self.amount:
            raise InvalidHousehold(f"deductions {self.deductions} must lie between 0 and the amount {self.amount}")

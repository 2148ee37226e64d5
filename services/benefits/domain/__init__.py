"""Pure benefits computation (SGB II): need, income, entitlement, approval period, change decision.

No I/O here; every statutory figure is looked up by the date it applies to (see `rules/`).
"""

from services.benefits.domain.approval import ApprovalPeriod, approval_period
from services.benefits.domain.change import ChangeDecision, MonthChange, change_decision
from services.benefits.domain.entitlement import compute_entitlement
from services.benefits.domain.errors import BenefitsError, InvalidChange, InvalidHousehold, NoRuleForDate
from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.income import earned_income_allowance
from services.benefits.domain.model import EarnedIncome, Household, Housing, Member, OtherIncome, Role
from services.benefits.domain.money import cents
from services.benefits.domain.result import EntitlementResult, PersonEntitlement
from services.benefits.domain.rules.figure import Figure, Rule
from services.benefits.domain.rules.standard_need import Level

__all__ = [
    "ApprovalPeriod",
    "BenefitsError",
    "ChangeDecision",
    "EarnedIncome",
    "EntitlementResult",
    "Figure",
    "Household",
    "Housing",
    "InvalidChange",
    "InvalidHousehold",
    "ItemKind",
    "Level",
    "LineItem",
    "Member",
    "MonthChange",
    "NoRuleForDate",
    "OtherIncome",
    "PersonEntitlement",
    "Role",
    "Rule",
    "approval_period",
    "cents",
    "change_decision",
    "compute_entitlement",
    "earned_income_allowance",
]

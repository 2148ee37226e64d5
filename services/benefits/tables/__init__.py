"""Benefits' tables (its own database), one module per concept, and how a row maps to the domain:
households and their pay, decisions (and those pending for want of figures), letter recipients, savings, the
entitlement roll and the payment ledger.

`metadata` holds them all, with the platform's plumbing (outbox, inbox, idempotency keys) and the audit trail.
"""

from __future__ import annotations

from services.benefits.tables.base import BenefitsTable
from services.benefits.tables.decisions import DECISION_COMPUTATION, DecisionRow
from services.benefits.tables.households import (
    HOUSEHOLD_INPUTS,
    ConfirmedPayRow,
    EarnedIncomeRow,
    HouseholdMemberRow,
    HouseholdRow,
)
from services.benefits.tables.payments import (
    ENTITLEMENT_MONTHS,
    PAYMENT_FAILURES,
    PAYMENT_RUNS,
    PAYMENTS,
    EntitlementMonthRow,
    PaymentFailureRow,
    PaymentRow,
    PaymentRunRow,
    owed_for,
)
from services.benefits.tables.pending import PendingDecisionRow
from services.benefits.tables.recipients import LETTER_RECIPIENT, LetterRecipientRow
from services.benefits.tables.reductions import ReductionRow
from services.benefits.tables.savings import ClientProgramRow, SavingRow
from services.platform.plumbing_tables import add_plumbing_tables
from services.platform.privacy.audit import add_audit_table
from services.platform.privacy.person_keys import add_person_key_tables

metadata = BenefitsTable.metadata
plumbing = add_plumbing_tables(metadata)
audit = add_audit_table(metadata)
person_keys = add_person_key_tables(metadata)

__all__ = [
    "DECISION_COMPUTATION",
    "ENTITLEMENT_MONTHS",
    "HOUSEHOLD_INPUTS",
    "LETTER_RECIPIENT",
    "PAYMENTS",
    "PAYMENT_FAILURES",
    "PAYMENT_RUNS",
    "BenefitsTable",
    "ClientProgramRow",
    "ConfirmedPayRow",
    "DecisionRow",
    "EarnedIncomeRow",
    "EntitlementMonthRow",
    "HouseholdMemberRow",
    "HouseholdRow",
    "LetterRecipientRow",
    "PaymentFailureRow",
    "PaymentRow",
    "PaymentRunRow",
    "PendingDecisionRow",
    "ReductionRow",
    "SavingRow",
    "audit",
    "metadata",
    "owed_for",
    "person_keys",
    "plumbing",
]

"""Kindergeld per child and month (§ 66 Abs. 1 EStG, § 6 Abs. 1 BKGG): rule table `child_benefit.yaml`."""

from __future__ import annotations

from decimal import Decimal

from services.benefits.domain.rules.figure import Provision
from services.benefits.domain.rules.table_values import TableValue

CHILD_BENEFIT: Provision[Decimal] = Provision("child_benefit", "child_benefit (Kindergeld)", TableValue.money)

CHILD_BENEFIT_SOURCE = "§ 11 Abs. 1 S. 5 SGB II"
"""Kindergeld is the child's income as far as the child needs it; the rest stays the parent's income."""

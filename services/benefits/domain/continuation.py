"""Weiterbewilligung: when the next approval period of a continuation application starts. No I/O.

Benefits are paid only on application (§ 37 Abs. 1 SGB II) and a decision covers one approval period
(§ 41 Abs. 3 SGB II: a year as a rule, six months when provisional or the housing costs are not appropriate),
so a household still in need applies again before its period ends (Weiterbewilligungsantrag). The next period
starts the month after the current one ends; an application made after the end reaches back only to the first
of its own month (§ 37 Abs. 2 S. 1–2), so a late applicant loses the months in between. Both law versions in
force in 2026 (SGB II as of 2026-04-01 and as of 2026-08-19) word § 37 and § 41 Abs. 3 alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from services.benefits.domain.approval import add_months
from services.benefits.domain.decisions import InForce
from services.benefits.domain.households import EnteredHousehold
from services.platform.errors import RuleViolation

# The law sets no earliest day for a continuation application. Jobcenters send the form about six to eight weeks
# before the period ends (stated practice, an assumption of ours): an application earlier than the month before
# the last month of the period is a change of circumstances (PUT /households/{id}), not a continuation.
OPENS_MONTHS_BEFORE_LAST = 1


@dataclass(frozen=True)
class ContinuationApplication:
    """A household's Weiterbewilligungsantrag, received on `applied_on`; `household` None: nothing changed."""

    household_id: UUID
    applied_on: date
    household: EnteredHousehold | None = None


def first_month_of_next_period(in_force: InForce | None, applied_on: date, today: date) -> date:
    """The first month of the period the application asks for; RuleViolation naming the field when it cannot
    be one: nothing granted, the entitlement ended, already continued, or the period does not end yet."""
    if applied_on > today:
        raise RuleViolation("applied_on", f"lies after today ({today:%Y-%m-%d}): record an application once received")
    if in_force is None:
        raise RuleViolation("household_id", "has no grant to continue: a first application is entered with PUT")
    if not in_force.active:
        raise RuleViolation(
            "household_id",
            f"has no entitlement from {in_force.effective_month:%Y-%m} (ended): "
            "a new application is entered with PUT, not as a continuation",
        )
    period = in_force.period
    if applied_on < period.start:
        raise RuleViolation(
            "applied_on",
            f"already continued: the approval period {period.start:%Y-%m-%d} – {period.end:%Y-%m-%d} "
            "was granted on an application made before it",
        )
    opens = add_months(period.end.replace(day=1), -OPENS_MONTHS_BEFORE_LAST)
    if applied_on < opens:
        raise RuleViolation(
            "applied_on",
            f"the approval period runs until {period.end:%Y-%m-%d}: a continuation can be applied for from "
            f"{opens:%Y-%m-%d}; a change of circumstances before then is entered with PUT",
        )
    return max(add_months(period.end.replace(day=1), 1), applied_on.replace(day=1))

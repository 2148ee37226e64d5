"""Domain errors of the benefits computation."""

from __future__ import annotations

from datetime import date


class BenefitsError(Exception):
    """Base class: a computation that cannot be done lawfully."""


class NoRuleForDate(BenefitsError):
    """No statutory figure is known for the date; we refuse to guess one."""

    def __init__(self, rule: str, on: date) -> None:
        super().__init__(f"no rule '{rule}' is known for {on.isoformat()}")
        self.rule = rule
        self.on = on


class RuleTablesNotInstalled(RuntimeError):
    """The engine was asked for a figure before the rule tables were loaded (a start-up bug)."""

    def __init__(self, provision: str) -> None:
        super().__init__(f"the rule tables were not installed: no figures for '{provision}' (load them at start-up)")


class InvalidHousehold(BenefitsError):
    """The household cannot be a Bedarfsgemeinschaft as described (§ 7 Abs. 3 SGB II)."""


class InvalidChange(BenefitsError):
    """Old and new entitlements of a change decision must cover the same months and never be negative."""

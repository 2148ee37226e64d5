"""The statutory figures as reviewed data: one YAML file per provision, read and checked at start-up.

A clerk or lawyer reviews a change to a figure here without reading code; `loading` refuses a malformed or
overlapping table with a message that names the file and the value, so the engine never starts on one.
"""

from services.benefits.rule_tables.loading import SHIPPED, RuleTableError, load_rule_tables

__all__ = ["SHIPPED", "RuleTableError", "load_rule_tables"]

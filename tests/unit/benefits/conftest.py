"""The engine computes with the shipped rule tables, loaded once as the service does at start-up."""

from __future__ import annotations

import pytest

from services.benefits.rule_tables import load_rule_tables


@pytest.fixture(scope="session", autouse=True)
def shipped_rule_tables() -> None:
    load_rule_tables().install()

"""The programme terms come from coaching's catalogue (ratios) and reporting's cost table, read as data."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from services.reporting.programme_terms import CATALOGUE, load_programme_terms


def test_every_catalogue_programme_has_its_ratio_contacts_and_cost() -> None:
    terms = load_programme_terms()
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))["programmes"]
    assert set(terms) == {p["program_id"] for p in catalogue}
    joboffensive = terms["joboffensive"]
    assert (joboffensive.clients_per_case_manager, joboffensive.contacts_per_month) == (100, 4)
    assert joboffensive.cost_per_place_month == Decimal(60)
    assert terms["u25"].clients_per_case_manager == 75  # § 44c Abs. 4 SGB II reference for under 25s
    assert terms["standard"].name == "Standard-Fallmanagement"


def test_a_catalogue_programme_without_a_cost_is_refused(tmp_path: Path) -> None:
    catalogue = tmp_path / "programmes.json"
    catalogue.write_text(
        json.dumps({"programmes": [{"program_id": "new", "caseload_ratio": 50, "max_contacts_per_month": 2}]})
    )
    with pytest.raises(KeyError, match="new"):
        load_programme_terms(catalogue=catalogue)

"""The benefits household in the import format (issue #13, step 4): the shape of benefits' `PUT /households/{id}`
body, refused field by field as the other parts of a record are, read from JSON Lines and from CSV's one JSON
column, and handed to benefits with each member's legacy id turned into their client id."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from services.intake.import_schemas import parse
from services.intake.imports.files import read_records
from services.intake.imports.household import put_body

HOUSEHOLD: dict[str, Any] = {
    "month": "2026-12-01",
    "members": [
        {"legacy_id": "GT-1", "role": "adult", "birth_date": "1988-02-11", "incomes": [{"kind": "maintenance"}]},
        {"role": "child", "birth_date": "2019-07-23"},
    ],
    "housing": {"rent": "450.00", "heating": "90.00", "appropriate_rent": "475.00"},
}
RECORD = {
    "legacy_id": "GT-1",
    "person": {"given_name": "Merle", "family_name": "Petersen", "birth_date": "1988-02-11"},
    "residence_postcode": "24321",
    "consent": True,
    "household": HOUSEHOLD,
}


def test_a_household_is_kept_for_sealing_as_given_and_never_in_the_registration():
    parsed = parse(RECORD)
    assert parsed.errors == () and parsed.command is not None
    assert parsed.household is not None and parsed.household["members"][1]["birth_date"] == "2019-07-23"
    assert parsed.household["members"][0]["incomes"] == [{"kind": "maintenance"}]  # benefits' kinds: passed on
    assert "2019-07-23" not in repr(parsed.command)


def test_a_household_is_refused_with_each_field_and_reason():
    """§ 7 Abs. 3 SGB II roles; a month is entered as its first day, as benefits takes it."""
    members = [{"role": "parent", "birth_date": "1988-02-30"}, {"role": "child", "birth_date": "2019-07-23", "x": 1}]
    housing = {"rent": "-1", "heating": "90.00"}
    bad = {**RECORD, "household": {"month": "2026-12-15", "members": members, "housing": housing}}
    parsed = parse(bad)
    assert parsed.command is None
    assert {p.field for p in parsed.errors} == {
        "household.month",
        "household.members.0.role",
        "household.members.0.birth_date",
        "household.members.1.x",
        "household.housing.rent",
        "household.housing.appropriate_rent",
    }
    reasons = {p.field: p.reason for p in parsed.errors}
    assert "first day of a month" in reasons["household.month"]


def test_a_household_needs_a_member_and_a_record_without_one_has_none():
    assert {p.field for p in parse({**RECORD, "household": {**HOUSEHOLD, "members": []}}).errors} == {
        "household.members"
    }
    assert parse({k: v for k, v in RECORD.items() if k != "household"}).household is None


def test_csv_carries_the_household_as_one_json_column_and_unreadable_json_is_refused_naming_it():
    def row(cell: str) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["legacy_id", "person.given_name", "person.family_name", "person.birth_date",
                         "residence_postcode", "consent", "household"])  # fmt: skip
        writer.writerow(["GT-1", "Merle", "Petersen", "1988-02-11", "24321", "true", cell])
        return out.getvalue()

    (from_csv,) = read_records(row(json.dumps(HOUSEHOLD)), "csv")
    (from_jsonl,) = read_records(json.dumps(RECORD) + "\n", "jsonl")
    assert parse(from_csv).household == parse(from_jsonl).household
    (broken,) = read_records(row("{members: 2"), "csv")
    assert [p.field for p in parse(broken).errors] == ["household"]


def test_the_put_body_names_members_by_client_id_and_drops_the_legacy_ids():
    body = put_body(HOUSEHOLD, {"GT-1": "0a6f7c1e-0000-4000-8000-000000000001"})
    assert [m["client_id"] for m in body["members"]] == ["0a6f7c1e-0000-4000-8000-000000000001", None]
    assert all("legacy_id" not in m for m in body["members"])
    assert body["housing"] == HOUSEHOLD["housing"] and body["month"] == "2026-12-01"

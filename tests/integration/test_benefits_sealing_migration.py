"""Upgrading a benefits database whose households and decisions hold a disability in clear seals them with the
service's key ring (and the downgrade restores them); without the key ring nothing changes. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

import pytest
import sqlalchemy as sa

from services.benefits.schemas.households import HouseholdPutOut
from services.platform.privacy.cipher import FieldCipher, field_context
from services.platform.privacy.keys import ensure_key_ring, load_key_ring
from services.platform.privacy.migration import MissingDataKey
from tests.integration.migration_support import (
    downgrade,
    migrate,
    run,
    stored_replies,
    stored_reply,
    stored_reply_bodies,
    table,
)

NOW = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
ENTERED = {
    "members": [{"client_id": None, "role": "adult", "birth_date": "1980-02-01", "disabled_with_participation": True}],
    "housing": {"rent": "450.00", "heating": "90.00", "appropriate_rent": "475.00"},
    "provisional": False,
}
ENGINE_INPUTS = {
    "month": "2026-08-01",
    "household": {"members": [{"person_id": "member-1", "disability_participation": True}]},
}
RESULT = {"month": "2026-08-01", "explanation": [{"paragraph": "§ 21 Abs. 4 SGB II", "note": "disability: 35 %"}]}
households = table(
    "households",
    household_id=sa.Uuid(),
    office_id=sa.String(),
    inputs=sa.JSON(),
    inputs_month=sa.Date(),
    entered_at=sa.DateTime(timezone=True),
    entered_by=sa.String(),
    sealed_inputs=sa.Text(),
)
decisions = table(
    "decisions",
    decision_id=sa.Uuid(),
    household_id=sa.Uuid(),
    sequence=sa.Integer(),
    office_id=sa.String(),
    kind=sa.String(),
    cause=sa.String(),
    computed_for=sa.Date(),
    effective_month=sa.Date(),
    decided_on=sa.Date(),
    previous_amount=sa.Numeric(),
    new_amount=sa.Numeric(),
    entitlement=sa.Numeric(),
    income_covers_need=sa.Boolean(),
    provisional=sa.Boolean(),
    period_start=sa.Date(),
    period_end=sa.Date(),
    period_months=sa.Integer(),
    period_paragraph=sa.String(),
    period_reason=sa.String(),
    inputs=sa.JSON(),
    result=sa.JSON(),
    decided_by=sa.String(),
    created_at=sa.DateTime(timezone=True),
    sealed_computation=sa.Text(),
)
COMPUTATION = {
    "month": "2026-08-01",
    "monthly_amount": "760.05",
    "entitlement": "760.05",
    "child_supplement": "0.00",
    "need": "1080.05",
    "income_covers_need": False,
    "housing_appropriate": True,
    "persons": [],
    "explanation": [
        {
            "person_id": "member-1",
            "kind": "mehrbedarf",
            "amount": "196.35",
            "paragraph": "§ 21 Abs. 4 SGB II",
            "note": "disability: 35 %",
        }
    ],
    "paragraphs": ["§ 21 Abs. 4 SGB II"],
}
PERIOD = {"start": "2026-08-01", "end": "2027-07-31", "months": 12, "paragraph": "§ 41", "reason": "regular"}


def put_reply_before_sealing(household_id, decision_id) -> dict[str, object]:
    """PUT /households/{household_id} as it answered before 0004: inputs, results and explanations in clear."""
    return {
        "decision": {
            "decision_id": str(decision_id),
            "household_id": str(household_id),
            "sequence": 1,
            "kind": "grant",
            "cause": "household_change",
            "employment_id": None,
            "computed_for": "2026-08-01",
            "effective_month": "2026-08-01",
            "previous_monthly_amount": "0.00",
            "monthly_amount": "760.05",
            "income_covers_need": False,
            "provisional": False,
            "approval_period": PERIOD,
            "supersedes": None,
            "decided_by": "clerk-1",
            "created_at": "2026-09-01T10:00:00Z",
            "office_id": "plon",
            "inputs": ENGINE_INPUTS,
            "result": COMPUTATION,
            "settlement": None,
            "recomputed_identically": None,
        },
        "computation": COMPUTATION,
        "household": {
            "household_id": str(household_id),
            "office_id": "plon",
            "member_client_ids": [],
            "inputs": ENTERED,
            "inputs_month": "2026-08-01",
            "earned_incomes": [],
            "current_entitlement": {
                "decision_id": str(decision_id),
                "kind": "grant",
                "active": True,
                "monthly_amount": "760.05",
                "effective_month": "2026-08-01",
                "approval_period": PERIOD,
                "explanation": COMPUTATION["explanation"],
                "paragraphs": COMPUTATION["paragraphs"],
            },
            "notes": [],
        },
    }


async def stored_in_clear(url: str) -> str:
    rows = [*await run(url, sa.text("SELECT * FROM households")), *await run(url, sa.text("SELECT * FROM decisions"))]
    # Each value in full: a Row's own str() shortens long values and would hide what they contain.
    return " ".join(" ".join(map(str, row)) for row in rows)


async def test_a_benefits_database_with_a_disability_in_clear_is_sealed_only_with_the_key_ring(
    database_url, tmp_path, monkeypatch
):
    monkeypatch.delenv("LOTSE_BENEFITS_DATA_KEY_FILE", raising=False)
    for head in ("0003", "0003p"):
        await migrate("benefits", database_url, head)
    household_id, decision_id, august = uuid4(), uuid4(), date(2026, 8, 1)
    await run(
        database_url,
        sa.insert(households).values(
            household_id=household_id,
            office_id="plon",
            inputs=ENTERED,
            inputs_month=august,
            entered_at=NOW,
            entered_by="clerk-1",
        ),
    )
    await run(
        database_url,
        sa.insert(decisions).values(
            decision_id=decision_id,
            household_id=household_id,
            sequence=1,
            office_id="plon",
            kind="grant",
            cause="household_change",
            computed_for=august,
            effective_month=august,
            decided_on=august,
            previous_amount=Decimal("0.00"),
            new_amount=Decimal("760.05"),
            entitlement=Decimal("760.05"),
            income_covers_need=False,
            provisional=False,
            period_start=august,
            period_end=date(2027, 7, 31),
            period_months=12,
            period_paragraph="§ 41 Abs. 3 S. 1 SGB II",
            period_reason="regular approval period",
            inputs=ENGINE_INPUTS,
            result=RESULT,
            decided_by="clerk-1",
            created_at=NOW,
        ),
    )

    before = put_reply_before_sealing(household_id, decision_id)
    HouseholdPutOut.model_validate(before)  # the shape the route answers with
    unchanged_put = put_reply_before_sealing(household_id, decision_id)
    unchanged_put["decision"] = None  # the amount did not change
    other = json.dumps({"run_id": str(uuid4()), "explanation": ["kept"], "inputs": {"kept": True}}).encode()
    await run(
        database_url,
        sa.insert(stored_replies).values(
            [
                stored_reply("decided", json.dumps(before, ensure_ascii=False).encode()),
                stored_reply("unchanged", json.dumps(unchanged_put).encode()),
                stored_reply("other", other, 201),
            ]
        ),
    )

    with pytest.raises(MissingDataKey, match="LOTSE_BENEFITS_DATA_KEY_FILE"):
        await migrate("benefits", database_url, "heads")
    assert "disabled_with_participation" in await stored_in_clear(database_url)  # nothing changed
    assert b"21 Abs. 4" in (await stored_reply_bodies(database_url))["decided"]

    key_ring = ensure_key_ring(tmp_path / "benefits-data.key")
    monkeypatch.setenv("LOTSE_BENEFITS_DATA_KEY_FILE", str(key_ring))
    await migrate("benefits", database_url, "heads")
    clear = await stored_in_clear(database_url)
    assert "disabilit" not in clear and "disabled" not in clear and "21 Abs. 4" not in clear
    cipher = FieldCipher(load_key_ring(key_ring))
    ((sealed_inputs,),) = await run(database_url, sa.text("SELECT sealed_inputs FROM households"))
    ((sealed_computation,),) = await run(database_url, sa.text("SELECT sealed_computation FROM decisions"))
    assert cipher.open_json(sealed_inputs, field_context("households.sealed_inputs", household_id)) == ENTERED
    assert cipher.open_json(sealed_computation, field_context("decisions.sealed_computation", decision_id)) == {
        "inputs": ENGINE_INPUTS,
        "result": RESULT,
    }
    replies = await stored_reply_bodies(database_url)
    assert b"disab" not in replies["decided"] + replies["unchanged"] and b"21 Abs. 4" not in replies["decided"]
    decided = json.loads(replies["decided"])
    HouseholdPutOut.model_validate(decided)
    withheld = {**before["household"]["current_entitlement"], "explanation": None, "paragraphs": None}
    assert decided == {
        "decision": {**before["decision"], "inputs": None, "result": None},
        "computation": None,
        "household": {**before["household"], "inputs": None, "current_entitlement": withheld},
    }  # as the route answers now
    assert json.loads(replies["unchanged"]) == {**decided, "decision": None}
    assert replies["other"] == other  # other replies untouched

    await downgrade("benefits", database_url, "0003p")
    ((inputs,),) = await run(database_url, sa.text("SELECT inputs FROM households"))
    assert "disabled_with_participation" in str(inputs)
    ((decision_inputs, result),) = await run(database_url, sa.text("SELECT inputs, result FROM decisions"))
    assert "disability_participation" in str(decision_inputs) and "21 Abs. 4" in str(result)

"""A decision letter's wording and its data: German figures, labels, reasons, the letterheads file."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from uuid import uuid4

import pytest

from services.benefits.domain import compute_entitlement
from services.benefits.domain.approval import approval_period
from services.benefits.domain.asset_items import Asset, AssetKind
from services.benefits.domain.letter_texts import LABELS, euro, label, unbroken
from services.benefits.domain.letters import DecisionOnFile, Recipient, compose_letter
from services.benefits.domain.receipts import IncomeKind, Proof, Receipt
from services.benefits.domain.snapshots import inputs_json
from services.benefits.domain.views import Computation, Decision
from services.benefits.letters.letterheads import LETTERHEADS_FILE, LetterheadError, Letterheads
from services.benefits.schemas.decisions import LineOut
from tests.unit.benefits.builders import adult, child, household, pay

SEPTEMBER = date(2026, 9, 1)
INTAKE_OFFICES = Path("services/intake/data/offices.json")
TO = Recipient("Marie Luise Kraska", "Am Markt 7", "24321", "Lütjenburg")


def on_file(kind: str, previous: str, cause: str = "employment_started", settlement: dict | None = None, members=None):
    parent = replace(adult("c1", single_parent=True), earned_income=(pay(1200, 950, SEPTEMBER),))
    members = members or household(parent, child("k1", 4, receives_child_benefit=True))
    result = compute_entitlement(members, SEPTEMBER)
    decision = Decision(
        uuid4(), uuid4(), "lutjenburg", 2, kind, cause, None, SEPTEMBER, SEPTEMBER, Decimal(previous),
        result.payment, result.income_covers_need, False, approval_period(date(2026, 8, 1), False, True), None,
        "staff-1", datetime.now(UTC), settlement, inputs_json(members, SEPTEMBER), Computation.of(result),
    )  # fmt: skip
    return DecisionOnFile(decision, date(2026, 9, 10), date(2026, 8, 1))


def letter(kind: str = "change", previous: str = "1428.68", **more):
    heads = Letterheads.load()
    return compose_letter(
        on_file(kind, previous, **more), heads.of("lutjenburg"), heads.objections_for("lutjenburg"), TO
    )


@pytest.mark.parametrize(
    ("amount", "printed"),
    [("1428.68", "1.428,68\u00a0€"), ("0.00", "0,00\u00a0€"), ("-100.00", "−100,00\u00a0€"), ("25", "25,00\u00a0€")],
)
def test_amounts_are_printed_the_german_way_with_a_real_minus_sign(amount, printed):
    assert euro(Decimal(amount)) == printed


def test_a_kind_without_a_german_label_still_prints_under_its_family_or_its_own_name():
    assert label("earned_income_allowance", "§ 11b Abs. 2 S. 1 SGB II", household=False) == "Grundfreibetrag"
    assert label("assets.savings", "§ 12 Abs. 2 SGB II", household=False) == "Vermögen (assets.savings)"
    assert label("brand_new_kind", "§ 1", household=False) == "brand_new_kind"
    assert label("entitlement", "§ 41 Abs. 2 SGB II", household=True).endswith(
        "der Bedarfsgemeinschaft (ohne Sofortzuschlag)"
    )


def test_a_decision_with_assets_and_a_pension_prints_german_labels_for_every_line_of_them():
    pension = Receipt(IncomeKind.PENSION, Decimal("420.00"), SEPTEMBER, proof=Proof.PROVEN)
    savings = (Asset(AssetKind.CASH, Decimal("9000.00"), "savings"), Asset(AssetKind.CAR, Decimal("6000.00"), "car"))
    members = household(replace(adult("c1", age=58), receipts=(pension,), assets=savings))
    heads = Letterheads.load()
    composed = compose_letter(
        on_file("grant", "0", members=members), heads.of("lutjenburg"), heads.objections_for("lutjenburg"), TO
    )
    labels = [line.label for sheet in composed.persons for line in sheet.lines] + [
        line.label for line in composed.household_lines
    ]
    means = ["income", "income.insurance_allowance", "assets", "assets.exempt", "assets.counted", "assets.allowance"]
    assert {LABELS[kind] for kind in [*means, "assets.excess"]} <= set(labels)
    assert not [printed for printed in labels if "(assets" in printed or "(income" in printed]


def test_a_citation_is_never_broken_between_the_sign_and_its_number():
    assert unbroken("nach § 48 Abs. 1 Satz 2 Nr. 3 SGB X") == "nach §\u00a048 Abs.\u00a01 Satz\u00a02 Nr.\u00a03 SGB X"


def test_the_amounts_per_person_and_month_add_up_to_the_decisions_monthly_amount():
    composed = letter()
    months = [row.month for row in composed.months]
    assert (len(months), months[0], months[-1]) == (11, SEPTEMBER, date(2027, 7, 1))  # to the period's end
    assert all(sum(row.amounts) == row.total == composed.monthly_amount for row in composed.months)
    assert [sheet.monthly_amount for sheet in composed.persons] == [Decimal("555.11"), Decimal("211.57")]


def test_the_calculation_sheet_keeps_every_line_of_the_explanation_in_order():
    decision = on_file("change", "1428.68").computation
    composed = letter()
    printed = [line.amount for sheet in composed.persons for line in sheet.lines] + [
        line.amount for line in composed.household_lines
    ]
    explained = [line.amount for line in decision.explanation if line.person_id] + [
        line.amount for line in decision.explanation if line.person_id is None
    ]
    assert printed == explained


def test_a_change_that_lowers_the_amount_names_the_changed_decision_and_has_no_suspensive_effect():
    composed = letter("change", "1428.68")
    assert composed.title == "Änderungsbescheid"
    assert composed.operative[0].startswith("der Bescheid vom 01.08.2026 wird mit Wirkung ab 01.09.2026 geändert")
    assert any("§ 39 Nr. 1 SGB II" in text for text in composed.remedy)


def test_a_change_that_raises_the_amount_keeps_the_suspensive_effect_of_an_objection():
    assert not any("§ 39" in text for text in letter("change", "500.00").remedy)


def test_a_grant_states_its_approval_period_and_objections_go_to_the_districts_main_office():
    composed = letter("grant", "0.00", cause="household_change")
    assert (
        composed.title == "Bewilligungsbescheid"
        and composed.reasons[0] == "Sie haben Leistungen nach dem SGB II beantragt."
    )
    assert "12 Monate (regelmäßiger Bewilligungszeitraum; § 41 Abs. 3 S. 1 SGB II)" in composed.reasons[-1]
    assert composed.objections.office_id == "plon" and "Plön" in composed.remedy[0]


def test_a_continuation_grant_says_the_household_applied_for_the_next_period():
    """§ 37 Abs. 1, § 41 Abs. 3 SGB II: a Weiterbewilligung is a grant of its own, on its own application."""
    composed = letter("grant", "0.00", cause="continuation")
    assert composed.title == "Bewilligungsbescheid"
    assert composed.reasons[0].startswith("Sie haben die Weiterbewilligung")
    assert "(§ 37 Abs. 2 SGB II)" in composed.reasons[0]
    assert "12 Monate (regelmäßiger Bewilligungszeitraum; § 41 Abs. 3 S. 1 SGB II)" in composed.reasons[-1]


def test_a_small_overpayment_is_waived_and_a_larger_one_is_claimed_back():
    def paid(over: str, waived: bool) -> dict:
        month = {"month": "2026-09-01", "old": "1428.68", "new": "1400.00", "already_paid": True}
        recovery = "0.00" if waived else over
        money = {"back_payment": "0.00", "overpayment": over, "recovery": recovery, "recovery_waived": waived}
        return {"months": [month], **money, "paragraph": "§ 40 Abs. 1 S. 3 SGB II", "decided_on": "2026-09-10"}

    (small,) = letter(settlement=paid("28.68", True)).settlement
    (large,) = letter(settlement=paid("628.68", False)).settlement
    assert "Von einer Erstattung wird abgesehen" in small and "28,68\u00a0€" in small
    assert "sind 628,68\u00a0€ zu erstatten" in large and "§ 330 Abs. 3 Satz 1 SGB III" in large


def test_every_office_intake_assigns_has_a_letterhead():
    offices = {office["office_id"] for office in json.loads(INTAKE_OFFICES.read_text())["offices"]}
    assert offices == set(Letterheads.load().by_office)


def test_a_letterheads_file_with_a_missing_value_or_an_unknown_objection_office_refuses_to_load(tmp_path):
    entries = json.loads(LETTERHEADS_FILE.read_text())
    broken = tmp_path / "letterheads.json"
    without_street = {**entries, "letterheads": [{**entries["letterheads"][0], "street": " "}]}
    broken.write_text(json.dumps(without_street))
    with pytest.raises(LetterheadError, match=r"letterheads.json: letterhead 'plon': .*empty \['street'\]"):
        Letterheads.load(broken)
    elsewhere = {**entries, "letterheads": [{**entries["letterheads"][1], "objections_to": "kiel"}]}
    broken.write_text(json.dumps(elsewhere))
    with pytest.raises(LetterheadError, match=r"preetz.objections_to 'kiel' has no letterhead"):
        Letterheads.load(broken)


def test_every_explanation_line_the_api_answers_carries_the_german_name_the_letter_prints() -> None:
    person = LineOut(person_id="p1", kind="standard_need", amount=Decimal("563.00"), paragraph="§ 20 SGB II", note="")
    paragraph = "§ 9 Abs. 2 S. 3 SGB II"
    household = LineOut(person_id=None, kind="need", amount=Decimal("1.00"), paragraph=paragraph, note="")
    assert person.model_dump()["label"] == "Regelbedarf"
    assert household.model_dump()["label"] == label("need", paragraph, household=True)

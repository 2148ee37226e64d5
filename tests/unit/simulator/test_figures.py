"""District figures aggregate journeys and savings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from simulator.figures import JourneySnapshot, Savings, aggregate, render, stages_from_counts


def journey(stage: str, office: str = "lutjenburg", relapses: int = 0, employed: int = 0) -> dict:
    history = [{"stage": "coaching"}] + [{"stage": "employed"}, {"stage": "coaching"}] * relapses
    history += [{"stage": "employed"}] * (employed - relapses)
    return {"client_id": "x", "office_id": office, "stage": stage, "relapses": relapses, "history": history}


def test_clients_are_counted_per_stage_and_office():
    snapshots = [
        JourneySnapshot.from_journey("lutjenburg", journey("coaching")),
        JourneySnapshot.from_journey("lutjenburg", journey("sustained", employed=1)),
        JourneySnapshot.from_journey("plon", journey("employed", "plon", relapses=1, employed=2)),
        JourneySnapshot.from_journey("plon", None),
    ]
    figures = aggregate(snapshots)
    assert figures.clients == 4
    assert figures.per_office["lutjenburg"] == {"coaching": 1, "sustained": 1}
    assert figures.per_stage["not_started"] == 1
    assert (figures.integrations, figures.integrated_clients, figures.sustained, figures.relapses) == (3, 2, 1, 1)


def test_a_journey_view_wrapped_in_state_is_read_too():
    snap = JourneySnapshot.from_journey("celle", {"state": journey("job_search", "celle"), "deadlines": []})
    assert snap == JourneySnapshot("celle", "job_search", 0, 0)


def test_only_stage_entries_of_the_history_count_as_integrations():
    state = journey("closed", employed=1) | {"sustained_at": "2026-05-01T10:00:00Z", "closed_reason": "sustained"}
    state["history"] += [
        {"stage": "employed", "kind": "fact", "because": "benefits changed"},
        {"stage": "employed", "kind": "step", "because": "continuation check requested"},
    ]
    snap = JourneySnapshot.from_journey("plon", {"state": state})
    assert (snap.stage, snap.integrations, snap.sustained) == ("closed", 1, True)


def test_savings_are_read_per_month_of_the_employment_start():
    report = {
        "group_by": "month",
        "groups": [
            {"key": "2026-02-01", "employment_starts": 2, "monthly_saving": "812.40", "accumulated_saving": "1624.80"},
            {"key": "2026-03-01", "employment_starts": 1, "monthly_saving": "400.00", "accumulated_saving": "400.00"},
        ],
        "total": {"key": None, "employment_starts": 3, "monthly_saving": "1212.40", "accumulated_saving": "2024.80"},
    }
    savings = Savings.from_report(report)
    assert savings.per_month == {date(2026, 2, 1): Decimal("1624.80"), date(2026, 3, 1): Decimal("400.00")}
    assert (savings.employment_starts, savings.monthly, savings.accumulated) == (
        3,
        Decimal("1212.40"),
        Decimal("2024.80"),
    )
    assert Savings.from_report({"unexpected": 1}) == Savings()


def test_the_report_names_every_stage_and_the_savings():
    savings = Savings({date(2026, 2, 1): Decimal("900.5")}, 1, Decimal("900.5"), Decimal("1801"))
    figures = aggregate([JourneySnapshot("plon", "employed", 1, 0)], savings)
    text = render(figures, "figures")
    assert "employed" in text and "district" in text
    assert "1,801.00 € saved in all; 1 employment starts lowered the monthly payments by 900.50 €" in text
    assert "2026-02 900.50 €" in text
    assert "K2" not in text  # the § 48a figures are reporting's (simulator/indicators.py), not the notebook's


def test_stages_per_office_come_from_the_journey_counts_plus_the_journeys_not_started():
    counts = {
        "lutjenburg": {"total": 5, "by_stage": {"registered": 1, "coaching": 3, "employed": 1, "closed": 0}},
        "plon": {"total": 0, "by_stage": {"coaching": 0}},
    }
    per_office = stages_from_counts(counts, {"plon": 2, "celle": 1})
    assert per_office == {
        "celle": {"not_started": 1},
        "lutjenburg": {"registered": 1, "coaching": 3, "employed": 1},
        "plon": {"not_started": 2},
    }
    figures = aggregate([])
    figures.per_office = per_office
    assert figures.clients == 8 and figures.per_stage["coaching"] == 3

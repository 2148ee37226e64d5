"""What coaching keeps of a migrated client's imported obstacles (issue #13), and refusals that name no kind
(GDPR Art. 9: health and addiction are special categories, and every kind is the person's data)."""

from __future__ import annotations

from services.coaching.domain.migrated_obstacles import take_imported, takeover_with
from services.coaching.domain.model import CaseStatus, ObstacleKind


def test_known_kinds_are_kept_once_each_in_the_legacy_order():
    taken = take_imported(["health", "debts", "health"], CaseStatus.AWAITING_ASSIGNMENT)
    assert (taken.kept, taken.refusals, taken.outcome) == ([ObstacleKind.HEALTH, ObstacleKind.DEBTS], [], "carried")


def test_unknown_kinds_are_refused_by_count_without_naming_them():
    taken = take_imported(["gambling", "addiction"], CaseStatus.IN_COACHING)
    assert taken.kept == [ObstacleKind.ADDICTION] and taken.outcome == "refused"
    reason = "Ein Vermittlungshemmnis unbekannter Art nicht übernommen; die übrigen wurden übernommen."
    assert taken.refusals == [reason]
    assert all("gambling" not in reason for reason in taken.refusals)


def test_a_closed_case_keeps_none():
    taken = take_imported(["health"], CaseStatus.CLOSED)
    assert taken.kept == [] and "geschlossen" in taken.refusals[0]


def test_the_obstacles_part_replaces_an_earlier_one_and_keeps_the_others():
    parts = [{"part": "case_manager", "outcome": "carried", "reasons": []}]
    first = takeover_with(parts, take_imported(["gambling"], CaseStatus.IN_COACHING))
    again = takeover_with(first, take_imported(["debts"], CaseStatus.IN_COACHING))
    assert again == [parts[0], {"part": "obstacles", "outcome": "carried", "reasons": []}]

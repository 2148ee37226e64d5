"""Case managers per programme from the latest case assignments (the caseload yardstick's denominator)."""

from services.reporting.domain.case_managers import case_managers_per_programme


def test_a_case_manager_counts_once_per_programme_however_many_cases_they_hold() -> None:
    rows = [("joboffensive", "cm-1"), ("joboffensive", "cm-1"), ("joboffensive", "cm-2"), ("u25", "cm-1")]
    assert case_managers_per_programme(rows) == {"joboffensive": 2, "u25": 1}


def test_cases_without_a_programme_or_a_case_worker_count_for_nobody() -> None:
    assert case_managers_per_programme([(None, "cm-1"), ("u25", None)]) == {}

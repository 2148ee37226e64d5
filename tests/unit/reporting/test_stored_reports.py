"""When a stored monthly report is served (`use_cases.stored_reports.servable`): of the read model's version now,
or typeset a short while ago; otherwise it is typeset again first."""

from datetime import UTC, datetime, timedelta

from services.reporting.use_cases.stored_reports import StoredReport, servable

NOW = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
FRESH_FOR = timedelta(minutes=10)


def report(version: str, age: timedelta) -> StoredReport:
    return StoredReport(version, NOW - age, "<html></html>", b"%PDF")


def test_a_report_of_the_read_models_version_is_served_however_old() -> None:
    assert servable(report("47632@2026-09-01", timedelta(days=30)), "47632@2026-09-01", NOW, FRESH_FOR)


def test_a_report_of_an_older_version_is_served_while_it_is_fresh() -> None:
    assert servable(report("47631@2026-08-31", timedelta(minutes=9)), "47632@2026-09-01", NOW, FRESH_FOR)


def test_a_report_of_an_older_version_is_not_served_once_it_is_no_longer_fresh() -> None:
    assert not servable(report("47631@2026-08-31", timedelta(minutes=11)), "47632@2026-09-01", NOW, FRESH_FOR)


def test_no_report_is_not_served() -> None:
    assert not servable(None, "47632@2026-09-01", NOW, FRESH_FOR)

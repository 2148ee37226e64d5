"""Contacts a month follow the programme coaching publishes; the programme desks' hearings and figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

from simulator.calendar import VirtualCalendar
from simulator.figures import Quota
from simulator.indicators import programme_outcomes
from simulator.ledger import EmploymentRecord
from simulator.programmes import hearing_of, programme_lines
from simulator.report import expected_integrations, reference_month
from simulator.world import Directory, Programme
from workflows.hearing.missed import incident_id as incident_of_missed


def test_joboffensive_means_up_to_four_contacts_a_month():
    joboffensive = Programme.from_api(
        {"program_id": "joboffensive", "contact_interval_days": 7, "max_contacts_per_month": 4}
    )
    assert joboffensive.contacts_per_month == 4


def test_the_standard_programme_means_one_contact_a_month():
    assert Programme.from_api({"program_id": "standard", "contact_interval_days": 30}).contacts_per_month == 1


def test_an_unknown_programme_gets_one_contact_a_month():
    assert Directory().contacts_per_month("no-such-programme") == 1


def test_the_hearing_the_simulator_decides_is_the_one_the_bridge_opens_for_the_miss():
    appointment_id, client_id = uuid4(), uuid4()
    assert hearing_of(str(appointment_id), str(client_id)) == str(incident_of_missed(appointment_id, client_id))


def test_cohort_success_and_programme_integrations_are_read_from_the_yardsticks_without_suppressed_ones():
    def figure(numerator: str, denominator: str, **more: object) -> dict[str, object]:
        return {"numerator": numerator, "denominator": denominator, **more}

    reply = {
        "programmes": [
            {"name": "Gemeinsam", "cohort_success": figure("5", "8"), "integrations": figure("3", "40")},
            {"name": "Joboffensive", "cohort_success": figure("0", "0"), "integrations": figure("6", "50")},
            {"name": "Standard", "cohort_success": figure("0", "0"), "integrations": {"suppressed": True}},
        ]
    }
    cohorts, integrations = programme_outcomes(reply)
    assert cohorts == {"Gemeinsam": Quota(5, 8)}
    assert integrations == {"Gemeinsam": Quota(3, 40), "Joboffensive": Quota(6, 50)}


def test_the_demo_says_what_the_programme_desks_did():
    counts = {"joboffensive_proposed": 12, "joboffensive_enrolled": 11, "cohort_members": 6, "hearings_opened": 3}
    counts |= {"hearings_important_reason": 2, "hearings_reduction": 1}
    text = "\n".join(programme_lines(counts))
    assert "12 proposed, 11 enrolled" in text
    assert "3 opened, 2 important reason accepted, 1 reduced" in text


def test_the_final_report_names_the_calendars_last_month_not_where_the_clock_ran_on_to():
    calendar = VirtualCalendar.ending_before(date(2026, 12, 2), 16, 10)
    assert reference_month(calendar, 155) == date(2026, 10, 1)  # during the last month: the one before
    assert reference_month(calendar, 160 + 75) == date(2026, 11, 1)  # while the report waited: still November


async def test_the_integrations_the_final_report_waits_for_are_those_of_the_twelve_months():
    """§ 5 Abs. 1 KennzahlenVO: at most one integration per person and month; older ones are out of the window."""

    def hire(key: str, month: date) -> EmploymentRecord:
        return EmploymentRecord(f"e-{key}-{month}", key, "plon", Decimal(2000), Decimal(1500), month)

    hires = [
        hire("a", date(2026, 3, 1)),
        hire("a", date(2026, 3, 1)),  # the same person and month once
        hire("a", date(2026, 9, 1)),
        hire("b", date(2025, 11, 1)),  # twelve months before November 2026: out
        hire("", date(2026, 9, 1)),  # an employment from before the run (no client of this run)
    ]
    assert expected_integrations(hires, date(2026, 11, 1)) == 2

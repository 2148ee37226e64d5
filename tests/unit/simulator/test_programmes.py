"""Contacts a month follow the programme coaching publishes; the programme desks' hearings and figures."""

from __future__ import annotations

from uuid import uuid4

from simulator.figures import Quota
from simulator.indicators import programme_outcomes
from simulator.programmes import hearing_of, programme_lines
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

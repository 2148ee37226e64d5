"""Contacts a month follow the programme coaching publishes."""

from __future__ import annotations

from simulator.world import Directory, Programme


def test_joboffensive_means_up_to_four_contacts_a_month():
    joboffensive = Programme.from_api(
        {"program_id": "joboffensive", "contact_interval_days": 7, "max_contacts_per_month": 4}
    )
    assert joboffensive.contacts_per_month == 4


def test_the_standard_programme_means_one_contact_a_month():
    assert Programme.from_api({"program_id": "standard", "contact_interval_days": 30}).contacts_per_month == 1


def test_an_unknown_programme_gets_one_contact_a_month():
    assert Directory().contacts_per_month("no-such-programme") == 1

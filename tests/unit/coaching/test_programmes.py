"""The programme catalogue as data: ratios (§ 44c Abs. 4 SGB II; Joboffensive, seed 003), cadence, duration
("Gemeinsam in Wetzlar", seed 004), and which programme a client gets."""

from __future__ import annotations

import pytest

from services.coaching.app import load_reference
from services.platform.errors import RuleViolation

CATALOGUE = load_reference().programmes


@pytest.mark.parametrize(
    ("program_id", "ratio", "interval_days", "max_contacts", "months"),
    [
        ("standard", 150, 30, 1, None),  # statutory reference from 25: 1:150, monthly contact
        ("u25", 75, 30, 1, None),  # statutory reference under 25: 1:75
        ("joboffensive", 100, 7, 4, None),  # seed 003: 1:100, up to four contacts a month
        ("gemeinsam", 100, 7, 4, 8),  # seed 004: eight months, weekly workshops
    ],
)
def test_the_catalogue_holds_the_seed_figures(program_id, ratio, interval_days, max_contacts, months):
    p = CATALOGUE.get(program_id)
    assert (p.caseload_ratio, p.contact_interval_days, p.max_contacts_per_month, p.duration_months) == (
        ratio,
        interval_days,
        max_contacts,
        months,
    )


@pytest.mark.parametrize(
    ("requested", "groups", "chosen"),
    [
        (None, ["youth_under_25"], "u25"),
        (None, ["youth_under_25", "single_parent"], "u25"),
        (None, ["single_parent"], "standard"),
        (None, [], "standard"),
        ("joboffensive", [], "joboffensive"),  # open to every market-near client
        ("gemeinsam", ["single_parent"], "gemeinsam"),
        ("standard", ["youth_under_25"], "standard"),
    ],
)
def test_the_programme_follows_the_request_or_the_target_groups(requested, groups, chosen):
    assert CATALOGUE.choose(requested, groups).program_id == chosen


@pytest.mark.parametrize(
    ("requested", "groups", "reason"),
    [
        ("gemeinsam", ["long_term_unemployed"], "is for the target groups single_parent"),
        ("u25", [], "is for clients under 25"),
        ("sprint", [], "unknown programme"),
    ],
)
def test_an_unknown_or_ineligible_programme_is_refused_naming_program_id(requested, groups, reason):
    with pytest.raises(RuleViolation) as refused:
        CATALOGUE.choose(requested, groups)
    assert refused.value.field == "program_id" and reason in refused.value.reason

"""A person taken out of a household's records at erasure (Art. 17 GDPR; the books kept, § 51b Abs. 3 Nr. 2
SGB II): the member's id, birth date (but its year), incomes, assets and flags go; the others and the roles stay."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

from services.benefits.domain import compute_entitlement
from services.benefits.domain.households import engine_household
from services.benefits.domain.model import Role
from services.benefits.domain.person_erasure import erase_computed, erase_entered, renamed
from services.benefits.domain.snapshots import result_json

from .inputs_builders import AUGUST_2026, inputs, member

ADULT, PARTNER = uuid4(), uuid4()
COUPLE = inputs(
    member("adult", "1979-11-23", ADULT, pregnant=True, other_incomes=[{"amount": "150.00"}],
           assets=[{"kind": "cash", "value": "2345.67"}]),
    member("partner", "1981-06-30", PARTNER, assets=[{"kind": "car", "value": "6000.00"}]),
)  # fmt: skip


def test_the_entered_member_keeps_only_role_and_birth_year_and_the_others_stay():
    erased = erase_entered(COUPLE, ADULT)
    assert erased is not None
    gone, kept = erased.members
    assert (gone.role, gone.birth_date, gone.client_id) == (Role.ADULT, date(1979, 1, 1), None)
    assert (gone.other_incomes, gone.assets, gone.pregnant) == ((), (), False)
    assert kept == COUPLE.members[1] and erased.housing == COUPLE.housing
    assert erase_entered(erased, ADULT) is None  # nothing names the person any more: a repeat changes nothing


def test_the_engines_member_is_renamed_and_the_lines_amounts_stay():
    household = engine_household(COUPLE, AUGUST_2026, {})
    result = result_json(compute_entitlement(household, AUGUST_2026))
    erased = erase_computed(household, ADULT)
    assert erased is not None
    without, new_id = erased
    assert new_id == "erased-1" and [m.person_id for m in without.members] == ["erased-1", str(PARTNER)]
    assert without.members[0].assets == () and without.members[0].other_income == ()
    assert without.members[1] == household.members[1]
    lines = renamed(result, str(ADULT), new_id)
    assert str(ADULT) not in str(lines)
    assert [Decimal(line["amount"]) for line in lines["explanation"]] == [
        Decimal(line["amount"]) for line in result["explanation"]
    ]
    assert erase_computed(without, ADULT) is None

"""Who may see special-category data: the service's reader roles, for the client's office only."""

from __future__ import annotations

import pytest
from sqlalchemy import MetaData

from services.coaching.domain.model import SPECIAL_CATEGORY_READERS as COACHING_READERS
from services.intake.domain.model import SPECIAL_CATEGORY_READERS as INTAKE_READERS
from services.platform.auth.staff import Role, StaffUser
from services.platform.privacy.audit import add_audit_table
from services.platform.privacy.cipher import FieldCipher
from services.platform.privacy.keys import KeyRing, KeyRingError
from services.platform.privacy.vault import SpecialCategories
from services.platform.settings import ServiceSettings


def vault(readers: frozenset[Role]) -> SpecialCategories:
    return SpecialCategories(FieldCipher(KeyRing({"k1": bytes(32)}, "k1")), add_audit_table(MetaData()), readers)


def staff(role: Role, office: str = "plon") -> StaffUser:
    return StaffUser("someone", frozenset({role}), frozenset({office}))


@pytest.mark.parametrize(
    ("role", "intake", "coaching"),
    [
        (Role.CASE_MANAGER, True, True),
        (Role.COACH, False, True),
        (Role.INTAKE_CLERK, False, False),
        (Role.PLACEMENT_OFFICER, False, False),
        (Role.BENEFITS_CLERK, False, False),
        (Role.OPERATOR, False, False),
        (Role.JOURNEY_WORKER, False, False),
        (Role.DATA_PROTECTION_OFFICER, False, False),
    ],
)
def test_each_role_sees_health_and_addiction_data_only_where_its_work_needs_it(role, intake, coaching):
    assert vault(INTAKE_READERS).may_read(staff(role), "plon") is intake
    assert vault(COACHING_READERS).may_read(staff(role), "plon") is coaching


def test_a_reader_of_another_office_does_not_see_the_data():
    assert not vault(INTAKE_READERS).may_read(staff(Role.CASE_MANAGER, "celle"), "plon")
    assert vault(INTAKE_READERS).may_read(staff(Role.CASE_MANAGER, "*"), "plon")


def test_a_service_storing_special_category_data_refuses_to_start_without_its_key_ring(tmp_path):
    settings = ServiceSettings(
        service_name="coaching", database_url="sqlite+aiosqlite://", jwt_public_key_file=tmp_path / "public.pem"
    )
    with pytest.raises(RuntimeError, match="LOTSE_COACHING_DATA_KEY_FILE is not set"):
        SpecialCategories.from_settings(settings, add_audit_table(MetaData()), COACHING_READERS)
    with pytest.raises(KeyRingError, match="no key ring"):
        SpecialCategories.from_settings(
            settings.model_copy(update={"data_key_file": tmp_path / "missing.key"}),
            add_audit_table(MetaData()),
            COACHING_READERS,
        )

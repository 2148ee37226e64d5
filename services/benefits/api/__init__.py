"""Benefits' HTTP routes: parse, call a use case, shape the reply — one module per capability."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.benefits.use_cases.special_categories import Sealing
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.privacy.vault import SpecialCategories

BenefitsClerk = Annotated[StaffUser, Depends(require_roles(Role.BENEFITS_CLERK))]


def sealing(user: StaffUser, vault: SpecialCategories, purpose: str) -> Sealing:
    """The clerk's use of a household's special-category data, for this endpoint."""
    return Sealing(vault, user, purpose)

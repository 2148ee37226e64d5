"""Benefits' HTTP routes: parse, call a use case, shape the reply — one module per capability."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser

BenefitsClerk = Annotated[StaffUser, Depends(require_roles(Role.BENEFITS_CLERK))]

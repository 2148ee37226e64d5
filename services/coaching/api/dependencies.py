"""What coaching's routes depend on: the district's reference data and who may call them.

Endpoints the journey worker calls ([W] in the spec) admit the `journey_worker` role as well.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.coaching.domain.reference import Reference
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser


def reference(request: Request) -> Reference:
    ref: Reference = request.app.state.reference
    return ref


ReferenceDep = Annotated[Reference, Depends(reference)]
AnyStaff = Annotated[StaffUser, Depends(require_roles(*Role))]
CoachingStaff = Annotated[StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.COACH))]
StaffOrWorker = Annotated[StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.COACH, Role.JOURNEY_WORKER))]
JourneyWorker = Annotated[StaffUser, Depends(require_roles(Role.JOURNEY_WORKER))]
WorkerOrOperator = Annotated[StaffUser, Depends(require_roles(Role.JOURNEY_WORKER, Role.OPERATOR))]
# Assigning: operators as well, who may date an assignment as the journey's worker does (`assigned_on`).
StaffWorkerOrOperator = Annotated[
    StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.COACH, Role.JOURNEY_WORKER, Role.OPERATOR))
]
StaffOrOperator = Annotated[StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.COACH, Role.OPERATOR))]
# Reading a case: also placement officers, who match the client to vacancies (health and addiction left out).
CaseReader = Annotated[
    StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.COACH, Role.JOURNEY_WORKER, Role.PLACEMENT_OFFICER))
]

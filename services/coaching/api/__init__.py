"""Coaching's HTTP routes: parse, call a use case, shape the reply (one module per resource)."""

from __future__ import annotations

from services.coaching.api import cases, participations, reference, selection, staff, tasks, worklists

ROUTERS = (
    worklists.cases_router,
    worklists.appointments_router,
    cases.router,
    participations.router,
    tasks.router,
    reference.offices_router,
    reference.programmes_router,
    selection.router,
    staff.router,
)

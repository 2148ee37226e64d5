"""Coaching's HTTP routes: parse, call a use case, shape the reply (one module per resource)."""

from __future__ import annotations

from services.coaching.api import (
    appointments,
    calendars,
    cases,
    closures,
    cohorts,
    participations,
    reference,
    referrals,
    selection,
    staff,
    tasks,
    worklists,
)

ROUTERS = (
    worklists.cases_router,
    worklists.appointments_router,
    cases.router,
    participations.router,
    tasks.router,
    reference.offices_router,
    closures.router,
    reference.programmes_router,
    selection.router,
    staff.router,
    appointments.router,
    appointments.series_router,
    appointments.places_router,
    calendars.router,
    cohorts.router,
    cohorts.programme_cohorts_router,
    referrals.cases_router,
    referrals.router,
    referrals.providers_router,
)

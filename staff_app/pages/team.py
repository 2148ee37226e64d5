"""Team lead and operator: caseloads against the programme ratios; clients per stage and office from the journeys."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from staff_app.sections import Section, items, section
from staff_app.web import BackendDep, StaffDep, render

router = APIRouter()
STAGES = ("registered", "coaching", "job_search", "employed", "sustained", "closed")


@router.get("/team", response_class=HTMLResponse, summary="Caseloads and journeys per stage and office")
async def team(
    request: Request, backend: BackendDep, staff: StaffDep, office_id: str = "", stage: str = ""
) -> Response:
    offices = await section(backend.get("coaching", "/offices", staff))
    visible = [o for o in items(offices.data) if "*" in staff.offices or o["office_id"] in staff.offices]
    chosen = office_id or (visible[0]["office_id"] if visible else "")
    caseloads = await section(backend.get("coaching", "/caseloads", staff, {"office_id": chosen}))
    counts: list[Section] = list(
        await asyncio.gather(
            *(
                section(backend.get("journeys", "/journeys/count", staff, {"office_id": o["office_id"]}))
                for o in visible
            )
        )
    )
    journeys = None
    if stage:
        query = {"office_id": chosen, "stage": stage, "limit": 200}
        journeys = await section(backend.get("journeys", "/journeys", staff, query))
    context = {
        "title": "Team",
        "offices": visible,
        "chosen": chosen,
        "stage": stage,
        "stages": STAGES,
        "caseloads": caseloads,
        "counts": list(zip(visible, counts, strict=True)),
        "journeys": journeys,
    }
    return render(request, "team.html", context)

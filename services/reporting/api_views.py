"""The indicators as charts (SVG) and as the monthly report (PDF, or HTML on `Accept: text/html`), and the seed
yardsticks per programme: office-scoped exactly as `GET /indicators` (operators; team leads their office)."""

from __future__ import annotations

import asyncio
from email.utils import format_datetime
from functools import cache
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from services.platform.errors import NotFound
from services.platform.http.fields import OfficeId
from services.platform.http.replies import reply
from services.platform.service_app import RuntimeDep
from services.reporting.api import Reader
from services.reporting.charts import breakdown_svg, trend_svg
from services.reporting.programme_terms import ProgrammeTerms, load_programme_terms
from services.reporting.report_builder import ReportBuilder
from services.reporting.schemas import Month, YardsticksOut
from services.reporting.use_cases import presentations
from services.reporting.use_cases.presentations import Scope
from services.reporting.use_cases.stored_reports import ReportKey

SVG = "image/svg+xml"
PDF = "application/pdf"
HTML = "text/html"
RETRY_AFTER_SECONDS = 5  # about an office's typesetting on a quiet machine
JOBCENTER = "Jobcenter"  # the report's heading; an office's own name is not in the read model yet
Key = Literal[
    "K1", "K1E1", "K1E2", "K1E3", "K1E4", "K2", "K2E1", "K2E2", "K2E3", "K2E4", "K3", "K3E1", "K3E2", "K3E3", "K3E4"
]
KeyPath = Annotated[Key, Path(description="the indicator, K1 … K3E4 (§§ 4–6 Kennzahlen-Verordnung)")]
MonthQuery = Annotated[Month, Query(description="the Bezugsmonat, its first day: 2026-08-01")]
OfficeQuery = Annotated[OfficeId | None, Query(description="one office; default: every office the caller sees")]

charts = APIRouter(prefix="/indicators", tags=["indicators"])
reports = APIRouter(tags=["reports"])


def _svg_reply(description: str) -> dict[int | str, dict[str, object]]:
    return {200: {"description": description, "content": {SVG: {"schema": {"type": "string"}}}}}


@cache
def _terms() -> dict[str, ProgrammeTerms]:
    return load_programme_terms()


@charts.get(
    "/{key}/trend.svg",
    response_class=Response,
    responses=_svg_reply("a line chart with its title, description and every month's numerator and denominator"),
    summary="One indicator over the twelve months up to the month, as SVG",
)
async def get_trend_svg(
    key: KeyPath, month: MonthQuery, runtime: RuntimeDep, user: Reader, office_id: OfficeQuery = None
) -> Response:
    async with runtime.uow.transaction() as tx:
        figures = await presentations.trend(tx, key, Scope(month, office_id), user)
    return Response(await asyncio.to_thread(trend_svg, figures), media_type=SVG)


@charts.get(
    "/{key}/by-office.svg",
    response_class=Response,
    responses=_svg_reply("horizontal bars, one per office, with numerator and denominator"),
    summary="One indicator of the month for each office the caller sees, as SVG",
)
async def get_by_office_svg(key: KeyPath, month: MonthQuery, runtime: RuntimeDep, user: Reader) -> Response:
    """404 while no office the caller sees has anyone in the read model."""
    async with runtime.uow.transaction() as tx:
        figures = await presentations.by_office(tx, key, month, user)
    if not figures:
        raise NotFound("an office with registered clients for", key)
    return Response(await asyncio.to_thread(breakdown_svg, figures, by="Geschäftsstelle"), media_type=SVG)


@reports.get(
    "/reports/monthly",
    response_class=Response,
    responses={
        200: {
            "description": "the monthly management report: A4, German, tagged PDF (PDF/UA-1); HTML when asked for",
            "content": {PDF: {"schema": {"type": "string", "format": "binary"}}, HTML: {"schema": {"type": "string"}}},
        },
        202: {
            "description": "the report is being typeset: ask again after `Retry-After` seconds",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
    },
    summary="The monthly management report of an office or of every office the caller sees",
)
async def get_monthly_report(
    request: Request,
    month: MonthQuery,
    runtime: RuntimeDep,
    user: Reader,
    office_id: OfficeQuery = None,
    accept: Annotated[str, Header(include_in_schema=False)] = PDF,
) -> Response:
    """The indicators with their twelve-month trends, the programmes' yardsticks and (for every office) the
    comparison by office. Served as stored (typeset ahead, or at the first request of its month and offices;
    `report_builder`); while one is being typeset the answer is 202 with `Retry-After`."""
    key = ReportKey(month, office_id, user.visible_offices(office_id))
    builder: ReportBuilder = request.app.state.report_builder
    found = await builder.serve(runtime, key)
    if found is None:
        body = {"status": "typesetting", "detail": "the monthly report is being typeset; ask again shortly"}
        return JSONResponse(body, status_code=202, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    headers = {"Last-Modified": format_datetime(found.built_at, usegmt=True), "ETag": f'"{found.version}"'}
    if _wants_html(accept):
        return Response(found.html, media_type=HTML, headers=headers)
    filename = f"monatsbericht-{month:%Y-%m}-{office_id or 'alle'}.pdf"
    headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return Response(found.pdf, media_type=PDF, headers=headers)


def _wants_html(accept: str) -> bool:
    """HTML only when asked for before (or without) PDF; a browser's default `text/html,…` asks for HTML."""
    kinds = [part.split(";")[0].strip() for part in accept.split(",")]
    return HTML in kinds and (PDF not in kinds or kinds.index(HTML) < kinds.index(PDF))


@reports.get("/yardsticks", response_model=YardsticksOut, summary="The seed yardsticks of each programme")
async def get_yardsticks(
    month: MonthQuery, runtime: RuntimeDep, user: Reader, office_id: OfficeQuery = None
) -> YardsticksOut:
    """Programme success (in insured work within six months of the end; the goal, Sinn's 90 %, as `target`),
    integrations and sustained integrations per programme, each with numerator and denominator."""
    async with runtime.uow.transaction() as tx:
        return await reply(YardsticksOut, presentations.yardsticks(tx, Scope(month, office_id), user, terms=_terms()))


ROUTERS = (charts, reports)

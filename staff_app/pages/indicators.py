"""Team lead and management: the month's § 48a indicators from reporting, as a table, trend charts and the
monthly report (PDF). Reporting admits team leads (their offices), management and operators (every office)."""

from __future__ import annotations

import asyncio
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from staff_app.backend import Backend
from staff_app.sections import Section, items, section
from staff_app.sessions import Staff
from staff_app.web import BackendDep, StaffDep, render

router = APIRouter()
TREND_KEYS = ("K2", "K2E3", "K3")  # the integration rate, its sustained supplement and the long-term change
ALL = ""  # the office choice "alle Geschäftsstellen" (management's `*`)
MONTH_NAMES = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
               "November", "Dezember")  # fmt: skip
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
SEXES = {"female": "weiblich", "male": "männlich", "diverse": "divers", "not_stated": "ohne Angabe"}


def last_full_month(today: date) -> date:
    return date(today.year - 1, 12, 1) if today.month == 1 else date(today.year, today.month - 1, 1)


def parse_month(text: str) -> date | None:
    """ "2026-08" as the month picker sends it; None for anything else."""
    found = MONTH.match(text.strip())
    return date(int(found[1]), int(found[2]), 1) if found else None


def percent(value: Any) -> str:
    """ "50,0 %" for reporting's "50.0"; "–" without a value (a denominator of 0)."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return "–"
    return f"{amount:.1f}".replace(".", ",") + "\u00a0%"


def amount(figure: dict[str, Any], value: Any) -> str:
    """A figure's numerator or denominator: "1.234.567 €" for reporting's sums of money (`in_euros`: K1, K1E1), a
    count with thousands points and a decimal comma otherwise ("12.345", "10,5")."""
    try:
        found = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return "–"
    if figure.get("in_euros"):
        return _grouped(found.quantize(Decimal(1), ROUND_HALF_UP)) + "\u00a0€"
    return _grouped(found)


def _grouped(found: Decimal) -> str:
    """German digits: points between thousands, a decimal comma, no zeros after it that say nothing."""
    text = f"{found:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


@router.get("/kennzahlen", response_class=HTMLResponse, summary="The month's § 48a indicators with trends")
async def indicators(
    request: Request, backend: BackendDep, staff: StaffDep, monat: str = "", office_id: str = ALL
) -> Response:
    month = parse_month(monat) if monat else last_full_month(date.today())
    offices = await _offices(backend, staff)
    if office_id == ALL and "*" not in staff.offices:
        office_id = offices[0]["office_id"] if offices else ALL
    context: dict[str, Any] = {"title": "Kennzahlen", "offices": offices, "chosen": office_id, "monat": monat}
    if month is None:
        context["month_error"] = "Bitte einen Monat im Format JJJJ-MM wählen, z. B. 2026-08."
        return render(request, "indicators.html", context, status_code=422)
    query = {"month": month.isoformat(), **({"office_id": office_id} if office_id else {})}
    figures, by_sex, *charts = await asyncio.gather(
        section(backend.get("reporting", "/indicators", staff, query)),
        section(backend.get("reporting", "/indicators", staff, query | {"breakdown": "sex"})),
        *(section(_svg(backend, staff, f"/indicators/{key}/trend.svg", query, key)) for key in TREND_KEYS),
    )
    context |= {
        "month": month,
        "monat": f"{month:%Y-%m}",
        "month_label": f"{MONTH_NAMES[month.month - 1]} {month.year}",
        "figures": _rows(figures),
        "by_sex": by_sex_table(by_sex),
        "charts": list(zip(TREND_KEYS, charts, strict=True)),
        "report_link": "/kennzahlen/bericht?" + urlencode({"monat": f"{month:%Y-%m}", "office_id": office_id}),
        "percent": percent,
        "amount": amount,
    }
    return render(request, "indicators.html", context)


@router.get("/kennzahlen/bericht", summary="The monthly management report (PDF) from reporting")
async def report(
    request: Request, backend: BackendDep, staff: StaffDep, monat: str = "", office_id: str = ALL
) -> Response:
    """The PDF as reporting stored it; while reporting typesets it (its 202), a page that says so, with a link
    to ask again (no automatic reload: the reader decides when, WCAG 2.2.1)."""
    month = parse_month(monat) or last_full_month(date.today())
    query = {"month": month.isoformat(), **({"office_id": office_id} if office_id else {})}
    found = await backend.document("reporting", "/reports/monthly?" + urlencode(query), staff)
    if found.status_code == 202:
        chosen = {"monat": f"{month:%Y-%m}", "office_id": office_id}
        context = {
            "title": "Monatsbericht wird erstellt",
            "month_label": f"{MONTH_NAMES[month.month - 1]} {month.year}",
            "report_link": "/kennzahlen/bericht?" + urlencode(chosen),
            "back_link": "/kennzahlen?" + urlencode(chosen),
        }
        page = render(request, "indicators_report_pending.html", context, status_code=202)
        page.headers["Retry-After"] = found.headers.get("Retry-After", "5")
        return page
    filename = f"monatsbericht-{month:%Y-%m}-{office_id or 'alle'}.pdf"
    headers = {"Content-Disposition": f'inline; filename="{filename}"'}
    return Response(found.content, media_type="application/pdf", headers=headers)


async def _offices(backend: Backend, staff: Staff) -> list[dict[str, Any]]:
    """The offices the signed-in staff member acts for, with their names from coaching (ids if it is down)."""
    known = await section(backend.get("coaching", "/offices", staff))
    named = items(known.data)
    visible = [o for o in named if "*" in staff.offices or o["office_id"] in staff.offices]
    if not named:
        visible = [{"office_id": o, "name": o} for o in sorted(staff.offices - {"*"})]
    return visible


async def _svg(backend: Backend, staff: Staff, path: str, query: dict[str, str], key: str) -> str:
    """The chart inline: its title/desc ids made unique on a page that shows several charts."""
    found = await backend.document("reporting", path + "?" + urlencode(query), staff)
    return found.text.replace('"chart-title', f'"{key}-title').replace("chart-desc", f"{key}-desc")


def by_sex_table(found: Section) -> Section:
    """The breakdown by sex as a table: a row per key, a column per sex (K1 and K1E1 from the members' need
    shares, as reporting gives them). Small groups come suppressed and are shown as "*"."""
    if found.data is not None:
        groups = [g for g in found.data.get("groups") or [] if g["value"] in SEXES]
        keys = [f["key"] for f in groups[0]["figures"]] if groups else []
        cells = {(g["value"], f["key"]): f for g in groups for f in g["figures"]}
        found.data = {
            "columns": [SEXES[g["value"]] for g in groups],
            "rows": [(key, [cells.get((g["value"], key)) for g in groups]) for key in keys],
        }
    return found


def _rows(figures: Section) -> Section:
    """The one group of figures (no breakdown) as the table's rows."""
    if figures.data is not None:
        groups = figures.data.get("groups") or []
        figures.data = groups[0]["figures"] if groups else []
    return figures

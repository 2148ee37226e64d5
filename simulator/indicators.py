"""K2, K2E3 and programme success as the reporting service computes them (§ 48a SGB II), for the demo's text.

The figures are reporting's, not the simulator's notebook: GET /indicators per office and for the district,
GET /yardsticks for each programme's success. Parsing and printing are pure; `report.py` does the asking.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from simulator.figures import Quota

KEYS = {"K2": "integration rate (K2, § 5 Abs. 1)", "K2E3": "continuous employment (K2E3, § 5 Abs. 2 Nr. 3)"}
DISTRICT = "district"
SUPPRESSED = "* (1 or 2 people: not shown, § 16 BStatG as the BA applies it)"


@dataclass(frozen=True)
class ReportedIndicators:
    month: date
    by_office: dict[str, dict[str, Quota]] = field(default_factory=dict)  # office (or "district") → key → quota
    # programme name → in work within months of its end; None: shown as "*" (a count of 1 or 2, § 16 BStatG)
    success: dict[str, Quota | None] = field(default_factory=dict)
    success_target: float | None = None
    cohort_success: dict[str, Quota] = field(default_factory=dict)  # programme name → its cohorts' outcomes
    integrations: dict[str, Quota] = field(default_factory=dict)  # programme name → its K2 (participants' stock)
    elb_stock: dict[date, int] = field(default_factory=dict)  # month → the district's ELB (K1E2's numerator)


def quota(figure: Mapping[str, Any]) -> Quota:
    return Quota(float(figure["numerator"]), float(figure["denominator"]))


def indicator_quotas(reply: Mapping[str, Any]) -> dict[str, Quota]:
    """K2 and K2E3 of a GET /indicators reply without breakdown."""
    figures = {f["key"]: f for f in reply["groups"][0]["figures"]}
    return {key: quota(figures[key]) for key in KEYS if key in figures}


def elb_of(reply: Mapping[str, Any]) -> int | None:
    """The ELB stock of the reply's month: K1E2's numerator (§ 4 Abs. 2 Nr. 2 KennzahlenVO)."""
    figures = {f["key"]: f for f in reply["groups"][0]["figures"]}
    return int(float(figures["K1E2"]["numerator"])) if "K1E2" in figures else None


def programme_success(reply: Mapping[str, Any]) -> tuple[dict[str, Quota | None], float | None]:
    """Each programme's success of a GET /yardsticks reply (None where reporting shows "*"), and the goal it is
    judged against."""
    programmes = reply.get("programmes") or []
    targets = {p["success"].get("target") for p in programmes} - {None}
    target = float(next(iter(targets))) if len(targets) == 1 else None
    return {p["name"]: None if p["success"].get("suppressed") else quota(p["success"]) for p in programmes}, target


def programme_outcomes(reply: Mapping[str, Any]) -> tuple[dict[str, Quota], dict[str, Quota]]:
    """Each programme's cohort success and integrations (§ 5 Abs. 1 among its participants) of GET /yardsticks;
    programmes without cohorts or participants are left out, a suppressed figure ("*") too."""
    programmes = reply.get("programmes") or []

    def shown(key: str) -> dict[str, Quota]:
        return {
            p["name"]: quota(p[key])
            for p in programmes
            if key in p and not p[key].get("suppressed") and float(p[key]["denominator"] or 0) > 0
        }

    return shown("cohort_success"), shown("integrations")


def render_indicators(reported: ReportedIndicators) -> str:
    """One line per figure and office (the district last), numerator and denominator as the Verordnung counts."""
    lines = [f"§ 48a indicators from the reporting service, Bezugsmonat {reported.month:%Y-%m}:"]
    width = max(len(o) for o in reported.by_office) + 2 if reported.by_office else 10
    for key, label in KEYS.items():
        lines.append(f"  {label}")
        for office, quotas in reported.by_office.items():
            shown = quotas[key].line() if key in quotas else "not served"
            lines.append(f"    {office:<{width}}{shown}")
    if reported.success:
        goal = f", goal {reported.success_target:g} %" if reported.success_target is not None else ""
        lines.append(f"  programme success (in insured work within six months of the end{goal})")
        name_width = max(len(n) for n in reported.success) + 2
        for name, success in reported.success.items():
            shown = success.line() if success is not None else SUPPRESSED
            lines.append(f"    {name:<{name_width}}{shown}")
    for title, quotas in (
        ("programme integrations (K2 among the participants, § 5 Abs. 1)", reported.integrations),
        ("cohort success (members of ended cohorts in work or training, seed 004)", reported.cohort_success),
    ):
        if quotas:
            lines.append(f"  {title}")
            width = max(len(n) for n in quotas) + 2
            lines += [f"    {name:<{width}}{q.line()}" for name, q in quotas.items()]
    if reported.elb_stock:
        months = " ".join(f"{m:%Y-%m} {n}" for m, n in sorted(reported.elb_stock.items()))
        lines.append(f"  ELB stock per month (district, K1E2's numerator): {months}")
    return "\n".join(lines)

"""District figures from what the journey API and benefits report. Pure aggregation, no I/O.

clients per stage (and per office) from the journey API's counts (GET /journeys/count, Temporal visibility),
integrations (employments subject to social insurance started,
K2), sustained after 6 months (K2E3), relapses (employments that ended before), and benefit savings
per month ("Einsparungen … gegengerechnet", seed 003).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

STAGES = ("registered", "coaching", "job_search", "employed", "sustained", "closed")
UNKNOWN = "not_started"  # registered at intake, but no journey answered yet
EMPLOYED = "employed"
SUSTAINED = "sustained"


@dataclass(frozen=True)
class Quota:
    """A § 48a figure as the Verordnung defines it (§ 2 Abs. 1): a numerator over a denominator."""

    numerator: float
    denominator: float

    @property
    def value(self) -> float:
        return self.numerator / self.denominator if self.denominator else 0.0

    def line(self) -> str:
        return f"{self.value:.1%} ({self.numerator:g} / {self.denominator:.1f})"


def integration_quota(integrations: Sequence[int], stock: Sequence[int], month: int) -> Quota:
    """K2 (§ 5 Abs. 1) in month index `month`: the integrations of that month and the eleven before over the
    average eLb stock of the twelve months before it (the BA takes the stock of the Vormonat and the eleven
    before). A run shorter than that uses the months it has."""
    counted = integrations[max(0, month - 11) : month + 1]
    months_of_stock = stock[max(0, month - 12) : month] or stock[: month + 1]
    average = sum(months_of_stock) / len(months_of_stock) if months_of_stock else 0.0
    return Quota(sum(counted), average)


K2E3_WAIT_MONTHS = 6  # § 5 Abs. 2 Nr. 3: employed in each of the six months after the integration


def continuous_employment_quota(starts: Iterable[tuple[int, bool]], month: int) -> Quota:
    """K2E3 (§ 5 Abs. 2 Nr. 3) in month index `month`: of the integrations (start month index, continuous?)
    in the twelve months ending six months before `month` — each has had its six months — those employed in
    each of the six months after. Our reading of "in den vergangenen zwölf Monaten" for a figure that can
    only be known six months late."""
    last = month - K2E3_WAIT_MONTHS
    window = [continuous for start, continuous in starts if last - 11 <= start <= last]
    return Quota(sum(window), len(window))


@dataclass(frozen=True)
class JourneySnapshot:
    office_id: str
    stage: str
    integrations: int  # times the journey entered "employed"
    relapses: int
    sustained: bool = False  # employed in each of the 6 months after the start (also once closed after it)

    @classmethod
    def from_journey(cls, office_id: str, journey: Mapping[str, Any] | None) -> JourneySnapshot:
        """From GET /journeys/{client_id} (its `state`: stage, relapses, history); None when there is none yet."""
        if journey is None:
            return cls(office_id, UNKNOWN, 0, 0)
        state: Mapping[str, Any] = journey.get("state", journey)
        history: Sequence[Mapping[str, Any]] = state.get("history") or ()
        entered = sum(
            1 for change in history if change.get("stage") == EMPLOYED and change.get("kind", "stage") == "stage"
        )
        stage = str(state.get("stage", UNKNOWN))
        sustained = stage == SUSTAINED or state.get("sustained_at") is not None
        return cls(str(state.get("office_id") or office_id), stage, entered, int(state.get("relapses") or 0), sustained)


@dataclass(frozen=True)
class Savings:
    """Benefits' GET /savings?group_by=month: what employment starts saved ("gegengerechnet", seed 003)."""

    per_month: dict[date, Decimal] = field(default_factory=dict)  # saved in each month by the jobs lasting then
    employment_starts: int = 0
    monthly: Decimal = Decimal(0)  # the households' monthly amounts before minus after, all starts
    accumulated: Decimal = Decimal(0)  # saved over the months while the employments lasted

    @classmethod
    def from_report(cls, payload: Any) -> Savings:
        if not isinstance(payload, Mapping):
            return cls()
        per_month: dict[date, Decimal] = {}
        for group in payload.get("groups") or []:
            month, amount = _month(group.get("key")), _euros(group.get("accumulated_saving"))
            if month is not None and amount is not None:
                per_month[month] = amount
        total = payload.get("total") or {}
        return cls(
            dict(sorted(per_month.items())),
            int(total.get("employment_starts") or 0),
            _euros(total.get("monthly_saving")) or Decimal(0),
            _euros(total.get("accumulated_saving")) or Decimal(0),
        )


@dataclass
class DistrictFigures:
    per_office: dict[str, Counter[str]] = field(default_factory=dict)
    integrations: int = 0
    integrated_clients: int = 0
    relapses: int = 0
    sustained: int = 0
    savings: Savings = field(default_factory=Savings)

    @property
    def per_stage(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for stages in self.per_office.values():
            total.update(stages)
        return total

    @property
    def clients(self) -> int:
        return sum(self.per_stage.values())


def aggregate(snapshots: Iterable[JourneySnapshot], savings: Savings | None = None) -> DistrictFigures:
    figures = DistrictFigures(savings=savings or Savings())
    for snap in snapshots:
        figures.per_office.setdefault(snap.office_id, Counter())[snap.stage] += 1
        figures.integrations += snap.integrations
        figures.integrated_clients += snap.integrations > 0
        figures.relapses += snap.relapses
        figures.sustained += snap.sustained
    return figures


def stages_from_counts(
    counts: Mapping[str, Mapping[str, Any]], not_started: Mapping[str, int]
) -> dict[str, Counter[str]]:
    """Clients per office and stage: each office's `by_stage` from GET /journeys/count, and the clients
    registered (or arriving) whose journey has not started yet, which no journey can count."""
    offices = sorted({*counts, *not_started})
    per_office: dict[str, Counter[str]] = {}
    for office_id in offices:
        by_stage = (counts.get(office_id) or {}).get("by_stage") or {}
        stages = Counter({str(stage): int(n) for stage, n in by_stage.items() if int(n)})
        if not_started.get(office_id):
            stages[UNKNOWN] = not_started[office_id]
        per_office[office_id] = stages
    return per_office


def _month(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 7:
        return None
    try:
        return date.fromisoformat(value[:7] + "-01")
    except ValueError:
        return None


def _euros(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def render(figures: DistrictFigures, heading: str) -> str:
    """A plain-text report: stages per office, then the district's KPIs."""
    offices = sorted(figures.per_office)
    stages = [*STAGES, *sorted({s for c in figures.per_office.values() for s in c} - set(STAGES))]
    width = max(12, *(len(o) + 2 for o in offices)) if offices else 12
    lines = [heading, f"{'office':<{width}}" + "".join(f"{s:>12}" for s in stages) + f"{'total':>8}"]
    for office_id in [*offices, "district"]:
        counts = figures.per_stage if office_id == "district" else figures.per_office[office_id]
        lines.append(
            f"{office_id:<{width}}" + "".join(f"{counts[s]:>12}" for s in stages) + f"{sum(counts.values()):>8}"
        )
    saved = figures.savings
    if saved.employment_starts:
        months = "  ".join(f"{m:%Y-%m} {amount:,.2f} €" for m, amount in list(saved.per_month.items())[-6:])
        lines.append(f"benefit savings per month: {months}")
        lines.append(
            f"  {saved.accumulated:,.2f} € saved in all; {saved.employment_starts} employment starts lowered "
            f"the monthly payments by {saved.monthly:,.2f} €"
        )
    else:
        lines.append("benefit savings: none reported yet")
    return "\n".join(lines)

"""The indicators as people look at them: an indicator's 12-month trend, one month by office, the monthly
report and the seed yardsticks per programme, for the offices the caller may see."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from services.platform.auth.staff import StaffUser
from services.platform.unit_of_work import Transaction
from services.reporting.domain.cells import Counts
from services.reporting.domain.cohort_outcomes import cohort_success
from services.reporting.domain.facts import District
from services.reporting.domain.figures import Breakdown as People
from services.reporting.domain.figures import Figure, figures_of
from services.reporting.domain.months import window
from services.reporting.domain.suppression import Shown, suppress
from services.reporting.domain.yardsticks import integrations_of, success_of
from services.reporting.programme_terms import ProgrammeTerms
from services.reporting.report import MonthlyReport, build_report
from services.reporting.report.contents import NOTHING
from services.reporting.use_cases import cohort_outcomes
from services.reporting.use_cases.case_managers import case_managers
from services.reporting.use_cases.counting import count_figures_of
from services.reporting.use_cases.programme_counts import count_programmes
from services.reporting.use_cases.programme_savings import count_savings, savings_figure

TREND_MONTHS = 12  # § 3: the twelve months ending with the Bezugsmonat
SUCCESS_WITHIN_MONTHS = 6  # programme success: in insured work within six months of the end (Sinn's yardstick)
ALL_OFFICES = "alle Geschäftsstellen"
NO_FACTS = District(people=(), needy_months=(), benefit_months=(), employment_starts=(), insured_months=(),
                    measure_months=(), contacts=())  # fmt: skip


@dataclass(frozen=True)
class Scope:
    month: date
    office_id: str | None


def _pick(figures: list[Figure], key: str) -> Figure:
    return next(f for f in figures if f.key == key)


async def trend(tx: Transaction, key: str, scope: Scope, by: StaffUser) -> list[Figure]:
    """`key`'s figure for each of the twelve months up to `scope.month`, oldest first, counted by the database."""
    months = window(scope.month, TREND_MONTHS)
    counts = await count_figures_of(tx.session, by.visible_offices(scope.office_id), months)
    return [_pick(figures_of(counts, m, People(office_id=scope.office_id)), key) for m in months]


async def by_office(tx: Transaction, key: str, month: date, by: StaffUser) -> dict[str, Shown]:
    """`key`'s figure of `month` for each office the caller sees that has people in the read model; a small
    office's suppressed (`domain.suppression`, with the figures it follows, e.g. K1 with K1E2)."""
    counts = await count_figures_of(tx.session, by.visible_offices(), [month])
    shown = suppress([(o, figures_of(counts, month, People(office_id=o))) for o in _offices(counts)])
    return {o: next(f for f in figures if f.key == key) for o, figures in shown}


def _offices(counts: Counts) -> list[str]:
    return sorted({p.office_id for p in counts.profiles})


async def monthly_report(
    tx: Transaction, scope: Scope, by: StaffUser, *, jobcenter: str, terms: Mapping[str, ProgrammeTerms]
) -> MonthlyReport:
    """The office's report, or for every visible office with the by-office comparison; case managers per
    programme from the case workers of the latest assignments (`domain.case_managers`)."""
    return await monthly_report_of(tx, scope, by.visible_offices(scope.office_id), jobcenter=jobcenter, terms=terms)


async def monthly_report_of(
    tx: Transaction,
    scope: Scope,
    offices: frozenset[str] | None,
    *,
    jobcenter: str,
    terms: Mapping[str, ProgrammeTerms],
) -> MonthlyReport:
    """`monthly_report` of `offices` (None: every office) as the caller's rights gave them."""
    counts = await count_figures_of(tx.session, offices, window(scope.month, TREND_MONTHS))
    counted = await count_programmes(tx.session, offices, scope.month, within_months=SUCCESS_WITHIN_MONTHS)
    saved = await count_savings(tx.session, offices, scope.month, terms)
    managers = await case_managers(tx.session, offices)
    names = None if scope.office_id else {o: o for o in _offices(counts)}
    return build_report(
        NO_FACTS,  # everything the report shows is counted by the database
        scope.month,
        jobcenter=jobcenter,
        office=scope.office_id or ALL_OFFICES,
        office_id=scope.office_id,
        terms=terms,
        case_managers=managers,
        success_within_months=SUCCESS_WITHIN_MONTHS,
        offices=names,
        counts=counts,
        programme_counts=counted,
        savings={t.programme_id: savings_figure(saved, t, scope.month) for t in terms.values()},
    )


@dataclass(frozen=True)
class ProgrammeYardsticks:
    programme_id: str
    name: str
    success: Shown
    integrations: Shown
    sustained: Shown
    cohort_success: Shown  # from the cohorts' recorded outcomes (domain/cohort_outcomes.py)


@dataclass(frozen=True)
class Yardsticks:
    month: date
    office_id: str | None
    programmes: list[ProgrammeYardsticks]


async def yardsticks(
    tx: Transaction, scope: Scope, by: StaffUser, *, terms: Mapping[str, ProgrammeTerms]
) -> Yardsticks:
    """Each programme's success (share in insured work within six months of its end, against Sinn's 90 %), its
    integrations and sustained integrations in the twelve months up to the month, counted by the database, and
    its cohorts' success."""
    counted = await count_programmes(
        tx.session, by.visible_offices(scope.office_id), scope.month, within_months=SUCCESS_WITHIN_MONTHS
    )
    cohorts = await cohort_outcomes.load(tx.session, by.visible_offices(scope.office_id))
    found: list[tuple[str, list[Figure]]] = []
    for t in terms.values():
        pid, office = t.programme_id, scope.office_id
        counts = counted.get(pid, NOTHING)
        by_cohort = cohort_success(*cohorts, pid, scope.month, within_months=SUCCESS_WITHIN_MONTHS, office_id=office)
        found.append((pid, [success_of(counts, scope.month), *integrations_of(counts, scope.month), by_cohort]))
    # The programmes are a breakdown of the office's participants: a small programme's figures are suppressed.
    names = {t.programme_id: t.name for t in terms.values()}
    rows = [ProgrammeYardsticks(pid, names[pid], *shown) for pid, shown in suppress(found)]
    return Yardsticks(scope.month, scope.office_id, rows)

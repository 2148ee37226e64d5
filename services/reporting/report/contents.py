"""What a monthly management report holds, computed from the district's facts: pure, no I/O.

The service builds a `MonthlyReport` with `build_report` (or assembles one from figures it already has) and
hands it to `render_report`. "Trends" are the twelve months ending with the report month, as § 3 counts them.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from services.reporting.domain.cells import Counts, count_facts
from services.reporting.domain.facts import District, Sex
from services.reporting.domain.figures import NOT_COMPUTABLE, Breakdown, NotComputable, figures_of, months_counted
from services.reporting.domain.months import first_of_month, window
from services.reporting.domain.quotient import Figure
from services.reporting.domain.suppression import Shown, suppress
from services.reporting.domain.yardsticks import (
    ProgrammeCounts,
    caseload_of,
    contacts_of,
    integrations_of,
    programme_district,
    programme_savings,
    success_of,
)
from services.reporting.domain.yardsticks import programme_counts as count_programme
from services.reporting.programme_terms import ProgrammeTerms

TREND_KEYS = ("K1", "K2", "K2E3", "K3")  # the three Kennzahlen and the sustained-integration supplement
SEXES: tuple[Sex, ...] = ("female", "male", "diverse", "not_stated")  # intake's codes, in the report's order
NOTHING = ProgrammeCounts(0, 0, 0, 0, {}, {}, {}, {})  # a programme without spells among the people


@dataclass(frozen=True)
class ProgrammeRow:
    programme_id: str
    name: str
    success: Shown
    integrations: Shown
    sustained: Shown
    contacts: Shown
    savings: Shown
    caseload: Shown
    case_managers: int
    clients_per_case_manager: int


@dataclass(frozen=True)
class MonthlyReport:
    jobcenter: str  # "Jobcenter Kreis Plön"
    office: str  # the office's name, or "alle Geschäftsstellen"
    month: date
    monthly: Sequence[Sequence[Figure]]  # compute_figures for each of the 12 months, oldest first
    programmes: Sequence[ProgrammeRow] = ()
    # office name → the month's figures; there and in `programmes` small groups are suppressed (domain.suppression)
    by_office: Mapping[str, Sequence[Shown]] = field(default_factory=dict)
    # sex (intake's code) → the month's figures, small groups suppressed (§ 3 S. 3: "geschlechtsspezifisch")
    by_sex: Mapping[str, Sequence[Shown]] = field(default_factory=dict)
    not_computable: Sequence[NotComputable] = NOT_COMPUTABLE

    @property
    def figures(self) -> Sequence[Figure]:
        return self.monthly[-1]

    def trend(self, key: str) -> list[Figure]:
        return [f for month in self.monthly for f in month if f.key == key]


def build_report(
    district: District,
    month: date,
    *,
    jobcenter: str,
    office: str,
    office_id: str | None,
    terms: Mapping[str, ProgrammeTerms],
    case_managers: Mapping[str, int],
    success_within_months: int = 6,
    offices: Mapping[str, str] | None = None,
    counts: Counts | None = None,
    programme_counts: Mapping[str, ProgrammeCounts] | None = None,
    savings: Mapping[str, Figure] | None = None,
) -> MonthlyReport:
    """`case_managers`: per programme id, those who manage its cases in the office; `offices`: id → name for
    the by-office comparison (a Jobcenter-wide report), None for an office's own report. `counts`: the counts of
    the twelve months' figures as the database counted them (`use_cases.counting`); None: counted here from the
    district's facts (`cells.count_facts`, their definition). `programme_counts`: each programme's yardstick
    counts as the database counted them (`use_cases.programme_counts`); None: counted from the facts. `savings`:
    each programme's savings as the database counted them (`use_cases.programme_savings`); None: from the facts."""
    month = first_of_month(month)
    months = window(month, 12)
    if counts is None:
        counts = count_facts(district, months_counted(months[0])[0], month)
    monthly = [figures_of(counts, m, Breakdown(office_id=office_id)) for m in months]
    counted = programme_counts if programme_counts is not None else {
        t.programme_id: count_programme(district, t.programme_id, month, within_months=success_within_months,
                                        office_id=office_id)
        for t in terms.values()
    }  # fmt: skip
    saved = savings if savings is not None else {
        t.programme_id: programme_savings(
            programme_district(district, t.programme_id, office_id), t.programme_id, month,
            cost_per_place_month=t.cost_per_place_month, after_months=t.after_months, office_id=office_id,
        )
        for t in terms.values()
    }  # fmt: skip
    programmes = [
        _row(month, t, case_managers.get(t.programme_id, 0), counted.get(t.programme_id, NOTHING), saved)
        for t in terms.values()
    ]
    by_office = [(name, figures_of(counts, month, Breakdown(office_id=oid))) for oid, name in (offices or {}).items()]
    by_sex = [(sex, figures_of(counts, month, Breakdown(office_id=office_id, sex=sex))) for sex in SEXES]
    return MonthlyReport(
        jobcenter,
        office,
        month,
        monthly,
        _suppressed(programmes),
        dict(suppress(by_office)),
        dict(suppress(by_sex)),
    )


def _suppressed(rows: Sequence[ProgrammeRow]) -> list[ProgrammeRow]:
    """The programmes are a breakdown of the participants: a small programme's figures are shown as "*"."""
    groups = [(r, [r.success, r.integrations, r.sustained, r.contacts, r.savings, r.caseload]) for r in rows]
    return [
        replace(r, success=s, integrations=i, sustained=n, contacts=c, savings=v, caseload=k)
        for r, (s, i, n, c, v, k) in suppress(groups)
    ]


def _row(
    month: date,
    terms: ProgrammeTerms,
    managers: int,
    counts: ProgrammeCounts,
    savings: Mapping[str, Figure],
) -> ProgrammeRow:
    pid = terms.programme_id
    integrations, sustained = integrations_of(counts, month)
    return ProgrammeRow(
        pid,
        terms.name,
        success_of(counts, month),
        integrations,
        sustained,
        contacts_of(counts, month, target_per_month=terms.contacts_per_month),
        savings[pid],
        caseload_of(counts, month, case_managers=managers, clients_per_case_manager=terms.clients_per_case_manager),
        managers,
        terms.clients_per_case_manager,
    )

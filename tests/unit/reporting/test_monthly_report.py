"""The monthly management report of a synthetic district: its PDF read back (pypdf) carries the figures
compute_figures gives for the same facts; its pages are rendered with pdftoppm for a person to look at."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from services.reporting.charts.german import number, percent
from services.reporting.domain.figures import NOT_COMPUTABLE, compute_figures
from services.reporting.domain.months import window
from services.reporting.programme_terms import load_programme_terms
from services.reporting.report import MonthlyReport, build_report, render_report, render_report_html
from tests.unit.reporting.district import OFFICES, PROGRAMMES, REPORT_MONTH, synthetic_district

PAGES = Path(__file__).resolve().parents[3] / ".local" / "test-output" / "reports"


@pytest.fixture(scope="module")
def report() -> MonthlyReport:
    terms = {k: t for k, t in load_programme_terms().items() if k in PROGRAMMES}
    return build_report(
        synthetic_district(),
        REPORT_MONTH,
        jobcenter="Jobcenter Kreis Plön",
        office="alle Geschäftsstellen",
        office_id=None,
        terms=terms,
        case_managers={"standard": 1, "joboffensive": 1, "gemeinsam": 1},
        offices=OFFICES,
    )


@pytest.fixture(scope="module")
def pdf(report: MonthlyReport) -> bytes:
    return render_report(report)


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\u00a0", " ")


def test_the_report_holds_the_twelve_months_compute_figures_gives() -> None:
    district = synthetic_district()
    report_ = build_report(
        district, REPORT_MONTH, jobcenter="JC", office="Plön", office_id="plon", terms={}, case_managers={}
    )
    expected = [compute_figures(district, m, office_id="plon") for m in window(REPORT_MONTH, 12)]
    assert [list(month) for month in report_.monthly] == expected
    assert [f.month for f in report_.trend("K2")] == window(REPORT_MONTH, 12)


def test_the_pdf_shows_each_indicator_of_the_month_with_numerator_denominator_and_value(
    report: MonthlyReport, pdf: bytes
) -> None:
    text = _text(pdf)
    assert "Monatsbericht März 2026" in text
    for figure in report.figures:
        shown = f"{figure.key} "
        assert shown in text
        for part in (number(figure.numerator), number(figure.denominator), percent(figure.value)):
            assert part.replace("\u00a0", " ") in text, (figure.key, part)


def test_the_pdf_has_the_k2_trend_table_month_by_month(report: MonthlyReport, pdf: bytes) -> None:
    text = _text(pdf)
    for figure in report.trend("K2"):
        assert percent(figure.value).replace("\u00a0", " ") in text


def test_the_pdf_lists_each_programme_with_its_savings_against_cost_and_caseload(
    report: MonthlyReport, pdf: bytes
) -> None:
    text = _text(pdf)
    for row in report.programmes:
        assert row.name in text
        assert f"1 : {row.clients_per_case_manager}" in text
        assert percent(row.savings.value).replace("\u00a0", " ") in text
        assert percent(row.caseload.value).replace("\u00a0", " ") in text


def test_the_pdf_shows_the_figures_by_sex_k1_included(report: MonthlyReport, pdf: bytes) -> None:
    """§ 3 S. 3 Kennzahlen-Verordnung: "geschlechtsspezifisch"; K1 of each sex from its members' need shares
    (§ 4 Abs. 1; here everyone is alone in their household, so each sex's K1 is its households' sums)."""
    text = _text(pdf)
    assert "Nach Geschlecht (§ 3 S. 3 Kennzahlen-Verordnung)" in text
    district = synthetic_district()
    for sex in ("female", "male"):
        k1 = next(f for f in compute_figures(district, REPORT_MONTH, sex=sex) if f.key == "K1")
        shown = next(f for f in report.by_sex[sex] if f.key == "K1")
        assert shown == k1 and k1.denominator > 0
        assert percent(k1.value).replace("\u00a0", " ") in text


def test_the_pdf_lists_what_the_verordnung_defines_and_it_cannot_compute(report: MonthlyReport, pdf: bytes) -> None:
    text = " ".join(_text(pdf).replace("-\n", "-").split())  # words as the table's narrow cells wrap them
    assert "Was dieser Bericht nicht enthält" in text
    for item in NOT_COMPUTABLE:
        assert item.paragraph in text and " ".join(item.reason.split()[:6]) in text


def test_the_pdf_is_tagged_german_a4(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.root_object
    assert str(root["/Lang"]) == "de"
    assert "/StructTreeRoot" in root
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)


def test_the_html_report_has_every_chart_with_an_alternative_text(report: MonthlyReport) -> None:
    html = render_report_html(report)
    assert html.count('<img class="chart') == 7  # K1, K2, K2E3, K3, K2 by office, success, caseload
    assert html.count('alt="') == html.count("<img")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is installed by make setup")
def test_the_report_pages_render_to_png_for_a_person_to_look_at(pdf: bytes) -> None:
    PAGES.mkdir(parents=True, exist_ok=True)
    for old in PAGES.glob("report-*.png"):
        old.unlink()
    (PAGES / "report.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(PAGES / "report.pdf"), str(PAGES / "report")], check=True)
    pages = sorted(PAGES.glob("report-*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(pdf)).pages) >= 3

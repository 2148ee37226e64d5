"""The report printer is warmed up once at start-up and then shared by the requests' worker threads."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

from pypdf import PdfReader

from services.reporting.report import MonthlyReport, build_report, printer
from tests.unit.reporting.district import REPORT_MONTH, synthetic_district


def office_report(office: str, seed: int) -> MonthlyReport:
    return build_report(
        synthetic_district(people=30, seed=seed), REPORT_MONTH, jobcenter="Jobcenter Kreis Plön", office=office,
        office_id="plon", terms={}, case_managers={},
    )  # fmt: skip


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_warming_up_typesets_a_report_of_nothing_so_the_next_report_is_a_whole_pdf() -> None:
    printer.warm_up()
    text = text_of(printer.render_report(office_report("Plön", seed=1)))
    assert "Plön" in text and "Integrationsquote" in text


def test_two_reports_typeset_at_once_with_the_shared_fonts_each_say_their_own_office() -> None:
    reports = [office_report("Preetzer Feld", seed=2), office_report("Heikendorfer Hang", seed=3)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = (text_of(pdf) for pdf in pool.map(printer.render_report, reports))
    assert "Preetzer Feld" in first and "Heikendorfer Hang" not in first
    assert "Heikendorfer Hang" in second and "Preetzer Feld" not in second

"""Typesetting the monthly management report: Jinja2 HTML with the charts inline (SVG; PNG in the PDF), WeasyPrint
to PDF.

As the benefits letters do: A4, `lang="de"`, DejaVu fonts, tagged PDF (PDF/UA-1) so a screen reader reads the
headings, tables and the charts' alternative texts in order. Every chart has its figures as a table beside it.
Rendering is CPU-bound: a caller in the event loop runs it in a worker thread.

The first render of a process paid ~6 s more than the next ones (the Vega engine of vl-convert starting, Pango
loading the fonts, fontTools' subsetter imported): `warm_up` pays that once, at the service's start, in a thread
of its own, so no request does. One font configuration serves every render (WeasyPrint builds a new one, with
empty font caches, for each document it is not given one); Pango's font map is not thread-safe, hence the lock.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from services.reporting.charts import breakdown_png, breakdown_svg, trend_png, trend_svg
from services.reporting.charts.german import amount, euro, heading, month_name, number, percent
from services.reporting.domain.facts import District
from services.reporting.domain.quotient import Figure
from services.reporting.domain.suppression import Shown, is_suppressed
from services.reporting.report.contents import TREND_KEYS, MonthlyReport, build_report

TEMPLATES = Path(__file__).resolve().parent / "templates"
PDF_VARIANT = "pdf/ua-1"


class ReportPrinter:
    """Holds the parsed template and stylesheet (built once, in the composition root or by `render_report`)."""

    def __init__(self, templates: Path = TEMPLATES) -> None:
        environment = Environment(
            loader=FileSystemLoader(templates), autoescape=select_autoescape(["html"]), undefined=StrictUndefined
        )
        environment.filters.update(percent=percent, number=number, euro=euro, amount=amount, month_name=month_name)
        environment.filters.update(heading=heading)
        environment.tests["suppressed"] = is_suppressed
        self._template = environment.get_template("report.html")
        self._css = (templates / "report.css").read_text(encoding="utf-8")
        self._fonts = FontConfiguration()
        self._typesetting = threading.Lock()

    def html(self, report: MonthlyReport, *, raster: bool = False) -> str:
        charts = _charts(report, raster=raster)
        return self._template.render(report=report, charts=charts, css=self._css, trend_keys=TREND_KEYS)

    def pdf(self, report: MonthlyReport) -> bytes:
        return self.documents(report)[1]

    def documents(self, report: MonthlyReport) -> tuple[str, bytes]:
        """The report as HTML and as PDF from one drawing of its charts (PNG) and one HTML: what is stored to be
        served (`use_cases.stored_reports`), where the HTML's charts need not be SVG."""
        html = self.html(report, raster=True)
        with self._typesetting:
            document: bytes = HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT, font_config=self._fonts)
        return html, document


@cache
def _printer() -> ReportPrinter:
    return ReportPrinter()


def render_report(report: MonthlyReport) -> bytes:
    """The report as a PDF (A4, German, tagged)."""
    return _printer().pdf(report)


def render_report_documents(report: MonthlyReport) -> tuple[str, bytes]:
    """The report as HTML (charts as PNG) and as PDF, the charts drawn once for both."""
    return _printer().documents(report)


def warm_up() -> None:
    """Typesets a report of nothing (every kind of chart, both weights of the font) and throws it away."""
    empty = District(people=(), needy_months=(), benefit_months=(), employment_starts=(), insured_months=(),
                     measure_months=(), contacts=())  # fmt: skip
    sample = build_report(
        empty, date(2026, 1, 1), jobcenter="Lotse", office="–", office_id=None, terms={}, case_managers={},
        offices={"warm-up": "–"},
    )  # fmt: skip
    render_report(sample)


def render_report_html(report: MonthlyReport) -> str:
    return _printer().html(report)


def _charts(report: MonthlyReport, *, raster: bool = False) -> dict[str, str]:
    """Each chart as a data URI for an `<img>`, keyed as the template asks for it: SVG for the HTML, PNG
    (`raster`) for the PDF, where WeasyPrint setting the SVGs' text was a third of the typesetting. The image's
    alternative text and the table beside it carry the figures either way."""
    if raster:
        return _drawn(report, lambda f: _png_uri(trend_png(f)), lambda f, by: _png_uri(breakdown_png(f, by=by)))
    return _drawn(report, lambda f: _svg_uri(trend_svg(f)), lambda f, by: _svg_uri(breakdown_svg(f, by=by)))


def _drawn(
    report: MonthlyReport,
    trend: Callable[[list[Figure]], str],
    bars: Callable[[dict[str, Shown], str], str],
) -> dict[str, str]:
    charts: dict[str, str] = {key: trend(report.trend(key)) for key in TREND_KEYS if report.trend(key)}
    if report.by_office:
        by_office = {name: f for name, figures in report.by_office.items() for f in figures if f.key == "K2"}
        charts["K2_by_office"] = bars(by_office, "Geschäftsstelle")
    if report.programmes:
        charts["success_by_programme"] = bars({p.name: p.success for p in report.programmes}, "Programm")
        charts["caseload_by_programme"] = bars({p.name: p.caseload for p in report.programmes}, "Programm")
    return charts


def _svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _png_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")

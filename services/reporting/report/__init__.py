"""The monthly management report per Jobcenter (office) and month, as HTML and PDF."""

from services.reporting.report.contents import MonthlyReport, ProgrammeRow, build_report
from services.reporting.report.printer import (
    ReportPrinter,
    render_report,
    render_report_documents,
    render_report_html,
)

__all__ = [
    "MonthlyReport",
    "ProgrammeRow",
    "ReportPrinter",
    "build_report",
    "render_report",
    "render_report_documents",
    "render_report_html",
]

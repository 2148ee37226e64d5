"""Typesetting a decision letter: the Jinja2 HTML template, then WeasyPrint to PDF (Debian's pango, DejaVu fonts).

The PDF is tagged (PDF/UA-1) and in German (`lang="de"`), so screen readers read it in order. Rendering is
CPU-bound and synchronous: callers in the event loop run it in a worker thread (`pdf_off_loop`).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from weasyprint import HTML

from services.benefits.domain.letter_texts import euro, german_date, german_month, unbroken
from services.benefits.domain.letters import Letter

TEMPLATES = Path(__file__).resolve().parent / "templates"
PDF_VARIANT = "pdf/ua-1"


class LetterPrinter:
    """Holds the parsed template and its stylesheet (built once in the composition root)."""

    def __init__(self, templates: Path = TEMPLATES) -> None:
        environment = Environment(
            loader=FileSystemLoader(templates), autoescape=select_autoescape(["html"]), undefined=StrictUndefined
        )
        environment.filters.update(euro=euro, german_date=german_date, german_month=german_month, unbroken=unbroken)
        self._template = environment.get_template("letter.html")
        self._css = (templates / "letter.css").read_text(encoding="utf-8")

    def html(self, letter: Letter) -> str:
        return self._template.render(letter=letter, css=self._css)

    def pdf(self, letter: Letter) -> bytes:
        document: bytes = HTML(string=self.html(letter)).write_pdf(pdf_variant=PDF_VARIANT)
        return document

    async def pdf_off_loop(self, letter: Letter) -> bytes:
        """The PDF rendered in a worker thread, so the service keeps answering meanwhile."""
        return await asyncio.to_thread(self.pdf, letter)

"""Every page of the staff app declares German as its language, so browsers and screen readers use German."""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[3] / "staff_app" / "templates"


def test_the_base_page_declares_its_language_german() -> None:
    assert '<html lang="de">' in (TEMPLATES / "base.html").read_text(encoding="utf-8")


def test_every_page_template_extends_the_base_page_and_only_partials_do_not() -> None:
    pages = [t for t in TEMPLATES.glob("*.html") if not t.name.startswith("_") and t.name != "base.html"]
    assert pages
    assert [t.name for t in pages if '{% extends "base.html" %}' not in t.read_text(encoding="utf-8")] == []

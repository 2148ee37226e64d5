"""The charts are valid SVG with a title and description, German numbers, and the figures' values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from services.reporting.charts import breakdown_png, breakdown_svg, trend_png, trend_svg
from services.reporting.domain.months import window
from services.reporting.domain.quotient import Figure

SVG = "{http://www.w3.org/2000/svg}"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def k2(month: date, numerator: int, denominator: int) -> Figure:
    value = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"))
    return Figure("K2", "Integrationsquote", "§ 5 Abs. 1 Kennzahlen-Verordnung", month, Decimal(numerator),
                  Decimal(denominator), value)  # fmt: skip


TWELVE = [k2(m, 20 + i, 160) for i, m in enumerate(window(date(2026, 3, 1), 12))]


def test_a_trend_is_valid_svg_with_a_german_title_and_a_description_of_every_month() -> None:
    root = ElementTree.fromstring(trend_svg(TWELVE))
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == "K2 Integrationsquote: April 2025 bis März 2026"
    assert desc is not None and desc.text is not None
    assert "April 2025: 12,5\u00a0% (Zähler 20, Nenner 160)" in desc.text
    assert "März 2026: 19,4\u00a0% (Zähler 31, Nenner 160)" in desc.text


def test_a_trend_labels_its_points_in_german_number_format() -> None:
    svg = trend_svg(TWELVE)
    assert "12,5\u00a0%" in svg and "19,4\u00a0%" in svg
    assert "12.5" not in svg.split("</desc>")[1].split("<path")[0]  # no English decimal point in the labels
    assert "Mär 2026" in svg and "Monat" in svg


def test_a_trend_of_mixed_indicators_is_refused() -> None:
    other = Figure("K3", "x", "§ 6", date(2026, 3, 1), Decimal(1), Decimal(1), Decimal(100))
    with pytest.raises(ValueError, match="one key"):
        trend_svg([TWELVE[0], other])


def test_a_month_with_no_denominator_shows_a_dash_not_zero() -> None:
    empty = Figure("K2", "Integrationsquote", "§ 5", date(2026, 4, 1), Decimal(0), Decimal(0), None)
    desc = ElementTree.fromstring(trend_svg([*TWELVE[1:], empty])).find(f"{SVG}desc")
    assert desc is not None and "April 2026: – (Zähler 0, Nenner 0)" in (desc.text or "")


def test_a_breakdown_by_office_names_every_office_with_its_value_and_the_target() -> None:
    march = date(2026, 3, 1)
    success = {
        name: Figure(
            "programme_success",
            "Programmerfolg",
            "Seed 004 (Sinn)",
            march,
            Decimal(n),
            Decimal(d),
            (Decimal(n) * 100 / Decimal(d)).quantize(Decimal("0.1")),
            target=Decimal(90),
        )
        for name, n, d in (("Plön", 12, 30), ("Lütjenburg", 3, 4))
    }
    svg = breakdown_svg(success, by="Geschäftsstelle")
    root = ElementTree.fromstring(svg)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Programmerfolg nach Geschäftsstelle: März 2026"
    for label in ("Plön", "Lütjenburg", "40,0\u00a0% (Zähler 12, Nenner 30)", "75,0\u00a0% (Zähler 3, Nenner 4)"):
        assert label in svg
    assert "90\u00a0%" in svg  # the axis reaches past the target rule


def test_charts_render_as_png_too() -> None:
    assert trend_png(TWELVE).startswith(PNG_MAGIC)
    assert breakdown_png({"Plön": TWELVE[-1]}, by="Geschäftsstelle").startswith(PNG_MAGIC)

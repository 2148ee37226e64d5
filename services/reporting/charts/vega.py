"""Vega-Lite specs to SVG and PNG through vl-convert, which bundles the Vega engine: no browser, no network.

The SVG gets a `<title>` and `<desc>` as its first children and `role="img"`, so a screen reader announces the
chart by its title and reads the description (the figures in words); the report puts the table next to it.
"""

from typing import Any, Final, Literal
from xml.sax.saxutils import escape

import vl_convert

Spec = dict[str, Any]

FONT = "DejaVu Sans"  # the font the platform installs for the PDFs (Debian fonts-dejavu)
INK = "#1b1b1b"
PRIMARY = "#1f4e79"  # 8.6 : 1 against white (WCAG AA needs 3 : 1 for graphics, 4.5 : 1 for text)
TARGET = "#8a4b00"  # 6.6 : 1 against white; dashed as well, so it does not rely on colour alone
GRID = "#d0d0d0"
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
LOCALE: Final[Literal["de-DE"]] = "de-DE"
CONFIG: Spec = {
    "font": FONT,
    "background": "white",
    "view": {"stroke": None},
    "title": {"color": INK, "fontSize": 15, "subtitleColor": INK, "subtitleFontSize": 12, "anchor": "start"},
    "axis": {"labelColor": INK, "titleColor": INK, "labelFontSize": 11, "titleFontSize": 12, "gridColor": GRID},
}


def chart_spec(title: str, subtitle: str, description: str, layers: list[Spec], values: list[Spec]) -> Spec:
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "subtitle": subtitle},
        "description": description,
        "width": 560,
        "height": 260,
        "data": {"values": values},
        "layer": layers,
        "config": CONFIG,
    }


def to_svg(spec: Spec, *, title: str, description: str) -> str:
    svg: str = vl_convert.vegalite_to_svg(spec, format_locale=LOCALE, time_format_locale=LOCALE)
    head_end = svg.index(">", svg.index("<svg")) + 1
    labelled = ' role="img" aria-labelledby="chart-title chart-desc"'
    opening = svg[: head_end - 1] + labelled + ">"
    accessible = f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(description)}</desc>'
    return opening + accessible + svg[head_end:]


def to_png(spec: Spec, *, scale: float = 2) -> bytes:
    png: bytes = vl_convert.vegalite_to_png(spec, scale=scale, format_locale=LOCALE, time_format_locale=LOCALE)
    return png

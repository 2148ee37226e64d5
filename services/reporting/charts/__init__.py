"""Server-side charts of the figures (Vega-Lite rendered by vl-convert): SVG for the web, PNG where needed.

Pure functions over `Figure`s (no I/O): `trend_svg`/`trend_png` for one indicator's months,
`breakdown_svg`/`breakdown_png` for one month by office or programme.
"""

from services.reporting.charts.bars import breakdown_png, breakdown_svg
from services.reporting.charts.trend import trend_png, trend_svg

__all__ = ["breakdown_png", "breakdown_svg", "trend_png", "trend_svg"]

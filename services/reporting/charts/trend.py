"""An indicator's trend: its value per month as a line, each point with its numerator and denominator."""

from collections.abc import Sequence

from services.reporting.charts.german import amount, heading, month_name, month_short, percent
from services.reporting.charts.vega import PRIMARY, TARGET, Spec, chart_spec, to_png, to_svg
from services.reporting.domain.quotient import Figure


def trend_svg(figures: Sequence[Figure]) -> str:
    """One figure (the same key) per month, oldest first, e.g. K2 from compute_figures for each of 12 months."""
    spec, title, description = _trend(figures)
    return to_svg(spec, title=title, description=description)


def trend_png(figures: Sequence[Figure], *, scale: float = 2) -> bytes:
    return to_png(_trend(figures)[0], scale=scale)


def point_text(figure: Figure) -> str:
    """März 2026: 12,5 % (Zähler 25, Nenner 200)."""
    parts = f"Zähler {amount(figure.numerator, figure)}, Nenner {amount(figure.denominator, figure)}"
    return f"{month_name(figure.month)}: {percent(figure.value)} ({parts})"


def _trend(figures: Sequence[Figure]) -> tuple[Spec, str, str]:
    if not figures or len({f.key for f in figures}) != 1:
        raise ValueError("a trend needs figures of one key")
    ordered = sorted(figures, key=lambda f: f.month)
    last = ordered[-1]
    title = f"{heading(last)}: {month_name(ordered[0].month)} bis {month_name(last.month)}"
    description = f"{title} ({last.paragraph}). " + "; ".join(point_text(f) for f in ordered) + "."
    values = [_point(f) for f in ordered]
    layers = [_line(), _points(), _labels()]
    if last.target is not None:
        layers.append(_target_rule(float(last.target)))
    subtitle = f"{last.paragraph} · zuletzt {point_text(last)}"
    return chart_spec(title, subtitle, description, layers, values), title, description


def _point(figure: Figure) -> Spec:
    return {
        "monat": month_short(figure.month),
        "wert": None if figure.value is None else float(figure.value),
        "beschriftung": percent(figure.value),
        "text": point_text(figure),
    }


_X: Spec = {"field": "monat", "type": "ordinal", "sort": None, "title": "Monat", "axis": {"labelAngle": -40}}
_Y: Spec = {
    "field": "wert",
    "type": "quantitative",
    "title": "Wert in %",
    "axis": {"labelExpr": "format(datum.value, ',.1~f') + '\u00a0%'"},
}


def _line() -> Spec:
    return {"mark": {"type": "line", "color": PRIMARY, "strokeWidth": 2.5}, "encoding": {"x": _X, "y": _Y}}


def _points() -> Spec:
    encoding = {"x": _X, "y": _Y, "tooltip": {"field": "text"}, "description": {"field": "text"}}
    # No ARIA of its own: the whole chart is one role="img" whose <desc> says every point; an empty layer (months
    # without a value) would otherwise be an unlabelled graphics-symbol (axe: svg-img-alt).
    mark = {"type": "point", "filled": True, "size": 60, "opacity": 1, "color": PRIMARY, "aria": False}
    return {"mark": mark, "encoding": encoding}


def _labels() -> Spec:
    text = {"field": "beschriftung"}
    mark = {"type": "text", "dy": -12, "fontSize": 10, "color": "#1b1b1b", "aria": False}
    return {"mark": mark, "encoding": {"x": _X, "y": _Y, "text": text}}


def _target_rule(target: float) -> Spec:
    mark = {"type": "rule", "color": TARGET, "strokeDash": [6, 4], "strokeWidth": 2}
    return {"mark": mark, "encoding": {"y": {"datum": target}}}

"""One month of an indicator side by side, by office or by programme, as horizontal bars with their values."""

from collections.abc import Mapping

from services.reporting.charts.german import amount, heading, month_name, percent
from services.reporting.charts.vega import PRIMARY, TARGET, Spec, chart_spec, to_png, to_svg
from services.reporting.domain.quotient import Figure
from services.reporting.domain.suppression import Shown, Suppressed

SUPPRESSED = "* (geheim: weniger als 3 Personen oder daraus errechenbar)"


def breakdown_svg(figures: Mapping[str, Shown], *, by: str) -> str:
    """`figures`: the one key's figure for each office or programme, under its German label; `by` names them
    on the axis ("Geschäftsstelle", "Programm"). A suppressed one has no bar and is labelled "*"."""
    spec, title, description = _bars(figures, by)
    return to_svg(spec, title=title, description=description)


def breakdown_png(figures: Mapping[str, Shown], *, by: str, scale: float = 2) -> bytes:
    return to_png(_bars(figures, by)[0], scale=scale)


def _bars(figures: Mapping[str, Shown], by: str) -> tuple[Spec, str, str]:
    if not figures or len({(f.key, f.month) for f in figures.values()}) != 1:
        raise ValueError("a breakdown needs figures of one key and one month")
    first = next(iter(figures.values()))
    title = f"{heading(first)} nach {by}: {month_name(first.month)}"
    lines = [f"{label}: {_text(f)}" for label, f in figures.items()]
    description = f"{title} ({first.paragraph}). " + "; ".join(lines) + "."
    values = [_bar(label, f) for label, f in figures.items()]
    layers = [_columns(by, _domain_max(figures)), _labels()]
    if first.target is not None:
        layers.append({"mark": {"type": "rule", "color": TARGET, "strokeDash": [6, 4], "strokeWidth": 2},
                       "encoding": {"x": {"datum": float(first.target)}}})  # fmt: skip
    spec = chart_spec(title, first.paragraph, description, layers, values)
    spec["height"] = {"step": 34}
    return spec, title, description


def _text(figure: Shown) -> str:
    if isinstance(figure, Suppressed):
        return SUPPRESSED
    numerator, denominator = amount(figure.numerator, figure), amount(figure.denominator, figure)
    return f"{percent(figure.value)} (Zähler {numerator}, Nenner {denominator})"


def _bar(label: str, figure: Shown) -> Spec:
    value = None if isinstance(figure, Suppressed) or figure.value is None else float(figure.value)
    return {"name": label, "wert": value, "beschriftung": _text(figure), "text": f"{label}: {_text(figure)}"}


_X: Spec = {
    "field": "wert",
    "type": "quantitative",
    "title": "Wert in %",
    "axis": {"labelExpr": "format(datum.value, ',.1~f') + '\u00a0%'"},
}


def _domain_max(figures: Mapping[str, Shown]) -> float:
    """Room right of the longest bar and of the target rule for the value labels."""
    tops = [float(f.value) for f in figures.values() if isinstance(f, Figure) and f.value is not None]
    tops += [float(f.target) for f in figures.values() if f.target is not None]
    return max([*tops, 1.0]) * 1.35


def _columns(by: str, domain_max: float) -> Spec:
    y = {"field": "name", "type": "nominal", "sort": None, "title": by}
    x = {**_X, "scale": {"domainMax": domain_max, "nice": False}}
    encoding = {"y": y, "x": x, "tooltip": {"field": "text"}, "description": {"field": "text"}}
    return {"mark": {"type": "bar", "color": PRIMARY}, "encoding": encoding}


def _labels() -> Spec:
    y = {"field": "name", "type": "nominal", "sort": None}
    mark = {"type": "text", "align": "left", "dx": 4, "fontSize": 10, "color": "#1b1b1b", "aria": False}
    return {"mark": mark, "encoding": {"y": y, "x": _X, "text": {"field": "beschriftung"}}}

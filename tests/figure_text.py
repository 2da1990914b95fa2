"""Every piece of text a built Plotly figure draws, with the size and colour it is drawn in and what it sits on,
resolved as plotly.js resolves them: the element's own font, else its template's, else the figure's font."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from techrift import style


@dataclass(frozen=True)
class DrawnText:
    where: str
    size: float
    colour: str
    background: str


def _colour(value: str) -> str:
    """'#abc', '#aabbcc', 'rgb(1, 2, 3)', 'rgba(..)' or a name, as '#aabbcc'."""
    value = style.NAMED.get(value, value)
    if match := re.fullmatch(r"rgba?\(([^)]*)\)", value.replace(" ", "")):
        r, g, b = (int(float(part)) for part in match.group(1).split(",")[:3])
        return f"#{r:02x}{g:02x}{b:02x}"
    if len(value) == 4:
        return "#" + "".join(char * 2 for char in value[1:])
    return value


def _font(own: dict | None, *defaults: dict | None) -> tuple[float, str]:
    size = color = None
    for font in (own, *defaults):
        font = font or {}
        size = size if size is not None else font.get("size")
        color = color if color is not None else font.get("color")
    return float(size), _colour(color)


def _get(tree: dict, *path: str) -> Any:
    for key in path:
        if not isinstance(tree, dict):
            return None
        tree = tree.get(key)
    return tree


def texts(figure: go.Figure) -> Iterator[DrawnText]:
    """The text of `figure`: title, ticks and axis titles, legend, annotations, bar labels, hover labels."""
    spec = figure.to_plotly_json()
    layout = spec["layout"]
    template = _get(layout, "template", "layout") or {}
    base = layout.get("font") or {}
    base = {**(template.get("font") or {}), **base}
    paper = _colour(layout.get("paper_bgcolor") or template.get("paper_bgcolor") or style.PAPER)
    plot = _colour(layout.get("plot_bgcolor") or template.get("plot_bgcolor") or style.PAPER)
    if _get(layout, "title", "text"):
        size, colour = _font(_get(layout, "title", "font"), _get(template, "title", "font"), base)
        yield DrawnText("title", size, colour, paper)
    for name, axis in layout.items():
        if not re.fullmatch(r"[xy]axis\d*", name) or axis.get("visible") is False:
            continue
        kind = name[0] + "axis"
        if axis.get("showticklabels") is not False:
            size, colour = _font(axis.get("tickfont"), _get(template, kind, "tickfont"), base)
            yield DrawnText(f"{name} ticks", size, colour, paper)
        if _get(axis, "title", "text"):
            size, colour = _font(_get(axis, "title", "font"), _get(template, kind, "title", "font"), base)
            yield DrawnText(f"{name} title", size, colour, paper)
    if layout.get("showlegend") is not False and any(t.get("showlegend") is not False for t in spec["data"]):
        legend = layout.get("legend") or {}
        size, colour = _font(legend.get("font"), _get(template, "legend", "font"), base)
        yield DrawnText("legend", size, colour, _colour(legend.get("bgcolor") or paper))
        if _get(legend, "title", "text"):
            size, colour = _font(_get(legend, "title", "font"), _get(template, "legend", "title", "font"), base)
            yield DrawnText("legend title", size, colour, paper)
    for number, note in enumerate(layout.get("annotations") or []):
        size, colour = _font(note.get("font"), _get(template, "annotationdefaults", "font"), base)
        background = note.get("bgcolor")
        yield DrawnText(f"annotation {number} {note.get('text', '')[:30]!r}", size, colour, _colour(background or plot))
    hover = layout.get("hoverlabel") or {}
    for number, trace in enumerate(spec["data"]):
        if trace.get("hoverinfo") != "skip":
            own = trace.get("hoverlabel") or {}
            size, colour = _font(own.get("font"), hover.get("font"), _get(template, "hoverlabel", "font"), base)
            background = own.get("bgcolor") or hover.get("bgcolor") or _get(template, "hoverlabel", "bgcolor")
            yield DrawnText(f"trace {number} hover", size, colour, _colour(background or paper))
        if trace.get("type") == "bar" and trace.get("text") is not None:
            colours = _get(trace, "marker", "color")
            colours = colours if isinstance(colours, list) else [colours]
            position = trace.get("textposition", "auto")
            size, colour = _font(trace.get("outsidetextfont"), trace.get("textfont"), base)
            if position in ("auto", "outside"):
                yield DrawnText(f"trace {number} text outside", size, colour, plot)
            for bar_colour in colours if position in ("auto", "inside") else []:
                size, colour = _font(trace.get("insidetextfont"), trace.get("textfont"), base)
                yield DrawnText(f"trace {number} text inside", size, colour, _colour(bar_colour))
        elif "text" in (trace.get("mode") or ""):
            size, colour = _font(trace.get("textfont"), base)
            yield DrawnText(f"trace {number} text", size, colour, plot)

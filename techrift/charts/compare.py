"""The comparison's moves chart: one lane per company on one date axis, lab lifetimes, and a close-up of the latest year."""

from __future__ import annotations

import html
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from techrift import comparison, style
from techrift.caching import memo
from techrift.charts import FIGURES_KEPT, first_of_each, lane_axis, timeline
from techrift.data import Dataset
from techrift.formatting import date_axis
from techrift.i18n import t

CLOSE_UP = pd.Timedelta(days=365)
CLOSE_UP_MARGIN = pd.Timedelta(days=20)
CLOSE_UP_TINT = dict(fillcolor=style.MUTED_INK, opacity=0.08, line_width=0, layer="below")
HEIGHT = 320
# Beyond this many labs their labels would overlap; each lifetime still names itself on hover.
MAX_LABELLED_LIFETIMES = 6


def close_up_window(dated: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The stretch holding the last year's moves, when the whole span is long enough to crowd them; None otherwise."""
    if dated.empty:
        return None
    first, last = dated["start"].min(), dated["start"].max()
    if last - first <= 2 * CLOSE_UP:
        return None
    recent = dated[dated["start"] >= last - CLOSE_UP]
    return recent["start"].min() - CLOSE_UP_MARGIN, last + CLOSE_UP_MARGIN


def _lifetime_text(lab: Mapping[Hashable, Any], lang: str) -> str:
    years = t("about", lang, value=f"{lab['years']:.0f}")
    return f"{t('lab_years', lang, lab=lab['lab'])}: {years}"


def distinct_lifetimes(lifetimes: pd.DataFrame) -> pd.DataFrame:
    """One row per line drawn: labs on the same lane over the same dates would share it, so the first stands for
    them and `also` counts the others."""
    lines = first_of_each(lifetimes, ["lane", "opened", "closed"], "also")
    return lines.assign(also=lines["also"] - 1)


def lifetimes_trace(lifetimes: pd.DataFrame, lang: str) -> go.Scatter:
    """One line per lab along its lane, from its opening to its closing, all in one trace (gaps between labs).

    Needs the `also` column of distinct_lifetimes."""
    x: list[object] = []
    y: list[object] = []
    hover: list[str | None] = []
    for lab in lifetimes.to_dict("records"):
        text = f"{html.escape(_lifetime_text(lab, lang))}<br>{html.escape(lab['period'])}"
        if lab["also"]:
            text += f"<br><i>{html.escape(t('same_lifetime', lang, count=lab['also']))}</i>"
        x += [None, lab["opened"], lab["closed"]]
        y += [None, lab["lane"], lab["lane"]]
        hover += [None, text, text]
    return go.Scatter(
        x=x[1:],
        y=y[1:],
        mode="lines",
        showlegend=False,
        connectgaps=False,
        line=dict(color=style.LAB_LIFETIME_COLOR, width=4),
        opacity=0.6,
        meta="lab_lifetime",
        hovertext=hover[1:],
        hovertemplate="%{hovertext}<extra></extra>",
    )


@memo(FIGURES_KEPT, by_content=True)
def moves_figure(moves: pd.DataFrame, lanes: list[str], dataset: Dataset, lang: str = "en") -> go.Figure:
    """Each company's dated moves on its own lane; when the span is long, a second panel shows the latest year up close."""
    dated = moves[moves["start"].notna()]
    # The event marks (markers for exact days, spans for months and years) come from the shared lane timeline.
    events = timeline.lanes_figure(dated, lanes, dataset, lang)
    lifetimes = distinct_lifetimes(comparison.lab_lifetimes(dated, dataset.places, lang))
    window = close_up_window(dated)
    panels = 1 if window is None else 2
    figure = make_subplots(
        rows=1, cols=panels, shared_yaxes=True, column_widths=[0.4, 0.6][-panels:], horizontal_spacing=0.03
    )
    figure.update_layout(events.layout).update_layout(height=HEIGHT)
    for column in range(1, panels + 1):
        # Lifetimes first so the opening and closing marks sit on top of their line.
        if not lifetimes.empty:
            figure.add_trace(lifetimes_trace(lifetimes, lang), row=1, col=column)
        for trace in events.data:
            figure.add_trace(trace if column == 1 else type(trace)(trace).update(showlegend=False), row=1, col=column)
    for lab in lifetimes.head(MAX_LABELLED_LIFETIMES).to_dict("records"):
        figure.add_annotation(
            # From the lab's opening rightwards: centred on its lifetime, a long note ran off the chart's left edge.
            x=lab["opened"],
            xanchor="left",
            y=lab["lane"],
            yshift=18,
            row=1,
            col=1,
            text=html.escape(_lifetime_text(lab, lang)),
            showarrow=False,
            font=dict(size=style.CHART_FONT_SIZE),
        )
    if window is not None:
        figure.add_vrect(x0=window[0], x1=window[1], row=1, col=1, **CLOSE_UP_TINT)
        figure.add_vrect(x0=window[0], x1=window[1], row=1, col=2, **CLOSE_UP_TINT)
        figure.update_xaxes(range=list(window), row=1, col=2)
    figure.update_xaxes(type="date", title=None)
    figure.update_xaxes(date_axis(dated["start"].min(), dated["end"].max(), lang), row=1, col=1)
    if window is not None:
        figure.update_xaxes(date_axis(window[0], window[1], lang), row=1, col=2)
    figure.update_yaxes(lane_axis(lanes, [comparison.lane_label(lane, dated) for lane in lanes]))
    return figure

"""The partner map as a Plotly figure, for the briefing and its HTML export: no tiles, no topojson, no network."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from techrift import framing, schema, style
from techrift.i18n import t
from techrift.maps.framed import first_view, map_labels
from techrift.maps.outlines import _rings
from techrift.maps.places import RUSSIA, arcs, view_state

if TYPE_CHECKING:
    import plotly.graph_objects as go


def _outline_paths(outlines: dict, frame: framing.Frame) -> tuple[list[float | None], list[float | None]]:
    """The countries' outlines as one broken line, in the first view's pixels."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for feature in outlines["features"]:
        for ring in _rings(feature):
            pixels = [frame.pixel(point[0], point[1]) for point in ring]
            xs.extend([round(x, 1) for x, _ in pixels] + [None])  # a tenth of a pixel: half the file's digits
            ys.extend([round(y, 1) for _, y in pixels] + [None])
    return xs, ys


def _pixels(frame: framing.Frame, lons: Iterable[float], lats: Iterable[float]) -> tuple[list[float], list[float]]:
    pixels = [frame.pixel(lon, lat) for lon, lat in zip(lons, lats)]
    return [x for x, _ in pixels], [y for _, y in pixels]


def _russia_frame() -> framing.Frame:
    """The Russia view's frame when there is no place to fit it to."""
    state = view_state(RUSSIA)
    lon, lat = float(state.longitude), float(state.latitude)
    return framing.Frame(lon, lat, float(state.zoom), lon, lat, lon, lat)


def partner_figure(outlines: dict, partners: pd.DataFrame, sites: pd.DataFrame, lang: str = "en") -> go.Figure:
    """The partner map as a Plotly figure, for the briefing and its HTML export: the app's first Russia view (its frame,
    its arcs cut at the frame, its labels placed so that none overlaps another), drawn in that view's pixels.

    It needs no map tiles or topojson, so an exported file draws with no network.
    """
    import plotly.graph_objects as go

    first = first_view(partners, sites, None, RUSSIA)
    frame, links, edge_labels = (
        (first.frame, first.links, first.edge_labels) if first else (_russia_frame(), arcs(partners, sites), [])
    )
    xs, ys = _outline_paths(outlines, frame)
    figure = go.Figure(_lines(xs, ys, "outlines", dict(color=style.OUTLINE_LINE, width=0.7)))
    arc_xs: list[float | None] = []
    arc_ys: list[float | None] = []
    for from_lon, from_lat, to_lon, to_lat in zip(
        links["from_lon"], links["from_lat"], links["to_lon"], links["to_lat"]
    ):
        (x0, x1), (y0, y1) = _pixels(frame, (from_lon, to_lon), (from_lat, to_lat))
        arc_xs += [x0, x1, None]
        arc_ys += [y0, y1, None]
    figure.add_trace(_lines(arc_xs, arc_ys, "arcs", dict(color=style.ARC_LINE, width=1, dash="dot")))
    site_xs, site_ys = _pixels(frame, sites["lon"], sites["lat"])
    figure.add_trace(
        go.Scatter(
            x=site_xs,
            y=site_ys,
            mode="markers",
            name=t("huawei_site", lang),
            marker=dict(color=style.HUAWEI_SITE_COLOR, size=10, symbol="square"),
            hovertext=sites["tip_name"],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    for kind in schema.PARTNER_TIE_CATEGORIES:
        of_kind = partners[partners["kind"] == kind] if not partners.empty else partners
        if of_kind.empty:
            continue
        kind_xs, kind_ys = _pixels(frame, of_kind["lon"], of_kind["lat"])
        figure.add_trace(
            go.Scatter(
                x=kind_xs,
                y=kind_ys,
                mode="markers",
                name=t(f"category_{kind}", lang),
                marker=dict(
                    color=[
                        style.CATEGORY_COLORS[kind] if named else style.INFERRED_FILL
                        for named in of_kind["identification"].eq("named")
                    ],
                    # Size from named ties only: a place known by inference is drawn hollow, at the smallest size.
                    size=8 + 5 * of_kind["named_ties"],
                    line=dict(
                        color=[
                            style.INK if named else style.MUTED_INK for named in of_kind["identification"].eq("named")
                        ],
                        width=1.5,
                    ),
                ),
                customdata=of_kind[["place_id"]].to_numpy(),
                hovertext=[
                    f"<b>{row['tip_name']}</b><br>{row['tip_city']}<br>{row['tip_kind']} · {row['tip_date']}"
                    for _, row in of_kind.iterrows()
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    _add_labels(figure, frame, map_labels(partners, sites, None, frame, edge_labels))
    figure.update_layout(
        template=style.TEMPLATE_NAME,
        # One pixel of the view per pixel of the figure, so the labels take the room their placement gave them.
        height=framing.MAP_HEIGHT + MAP_FIGURE_MARGIN_TOP,
        margin=dict(t=MAP_FIGURE_MARGIN_TOP, b=0, l=0, r=0),
        xaxis=dict(range=[0, framing.MAP_WIDTH], visible=False),
        yaxis=dict(range=[framing.MAP_HEIGHT, 0], visible=False, scaleanchor="x", scaleratio=1),
    )
    return figure


MAP_FIGURE_MARGIN_TOP = 50  # room for the legend above the map


def _add_labels(figure: go.Figure, frame: framing.Frame, labels: pd.DataFrame) -> None:
    """The labels map_labels placed, as annotations at their offsets, with a leader line where a label moved away."""

    leader_xs: list[float | None] = []
    leader_ys: list[float | None] = []
    annotations = []
    for text, lon, lat, (dx, dy) in zip(labels["text"], labels["lon"], labels["lat"], labels["offset"]):
        x, y = frame.pixel(lon, lat)
        if dy:
            leader_xs += [x, x + dx, None]
            leader_ys += [y, y + dy, None]
        annotations.append(
            dict(
                x=x + dx,
                y=y + dy,
                xref="x",
                yref="y",
                xanchor="left" if dx >= 0 else "right",
                yanchor="middle",
                text=html.escape(text),
                showarrow=False,
                font=dict(size=framing.LABEL_SIZE, color=style.INK),
                bgcolor="rgba(255, 255, 255, 0.8)",
                borderpad=0,
            )
        )
    figure.add_trace(_lines(leader_xs, leader_ys, "leaders", dict(color=style.MUTED_INK, width=1)))
    figure.update_layout(annotations=[*figure.layout.annotations, *annotations])


def _lines(xs: list[float | None], ys: list[float | None], name: str, line: dict[str, Any]) -> go.Scatter:
    """Lines drawn under the marks, out of the legend and the hover (paths separated by None)."""
    import plotly.graph_objects as go

    return go.Scatter(x=xs, y=ys, mode="lines", line=line, hoverinfo="skip", showlegend=False, name=name)

"""The pydeck map of the app: country outlines, arcs, Huawei's sites, the institutions, their labels and a legend."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from techrift import framing, schema, style
from techrift.caching import memo
from techrift.i18n import t

if TYPE_CHECKING:
    pass
from techrift.maps.framed import POINT_PIXELS, first_view, map_labels
from techrift.maps.places import (
    TIP_FIELDS,
    WORLD,
    most_tied,
    places_in_view,
    sites_drawn,
    view_state,
)


def outline_layer(outlines: dict) -> pdk.Layer:
    """The countries drawn by the map itself, in their tints (see tinted_outlines): no basemap service."""
    return pdk.Layer(
        "GeoJsonLayer",
        outlines,
        id="outlines",
        stroked=False,
        filled=True,
        get_fill_color="properties.fill",
        pickable=False,
    )


# What a point layer's browser side reads: position, size, colour, the id a click reports, the tooltip's fields. The
# other columns of a place (its name, city, first date...) would go to the browser too, where Streamlit's frontend
# parses the deck with a slow JavaScript JSON5 parser on every change (docs/performance.md, "Map figures").
POINT_FIELDS = ["place_id", "lon", "lat", "radius", "color", "line_color", *TIP_FIELDS]


def points_layer(sites: pd.DataFrame, layer_id: str) -> pdk.Layer:
    return pdk.Layer(
        "ScatterplotLayer",
        sites[POINT_FIELDS],
        id=layer_id,
        get_position=["lon", "lat"],
        get_radius="radius",
        get_fill_color="color",
        get_line_color="line_color",
        stroked=True,
        line_width_min_pixels=2,
        radius_min_pixels=POINT_PIXELS,
        radius_max_pixels=40,
        pickable=True,
        auto_highlight=True,
    )


def leader_layer(labels: pd.DataFrame) -> pdk.Layer:
    """Thin lines from a point to its label, where the label had to move away to stay clear of the others."""
    moved = labels[labels["leader"].notna()]
    return pdk.Layer(
        "PathLayer",
        moved[["leader"]],
        id="leaders",
        get_path="leader",
        get_color=style.rgb(style.MUTED_INK),
        get_width=1,
        width_units=pdk.types.String("pixels"),
        pickable=False,
    )


def label_layer(labels: pd.DataFrame) -> pdk.Layer:
    """The names on the map, in ink on a white halo, each at the offset that keeps it clear of the others."""
    return pdk.Layer(
        "TextLayer",
        labels[["text", "lon", "lat", "offset", "anchor"]],
        id="labels",
        get_position=["lon", "lat"],
        get_text="text",
        get_size=framing.LABEL_SIZE,
        size_units=pdk.types.String("pixels"),
        get_color=style.rgb(style.INK),
        get_pixel_offset="offset",
        get_text_anchor="anchor",
        get_alignment_baseline=pdk.types.String("center"),
        font_family=pdk.types.String("Helvetica Neue, Arial, sans-serif"),
        font_weight=600,
        # The characters of the labels (deck.gl draws ASCII only by default; the edge label has an arrow). Literal
        # strings are wrapped: pydeck writes a bare string as an expression, which deck.gl runs as a function.
        character_set=pdk.types.String("".join(sorted({char for text in labels["text"] for char in text}))),
        outline_width=4,
        outline_color=[255, 255, 255, 230],
        font_settings={"sdf": True},
        pickable=False,
    )


# Streamlit's deck.gl chart HTML-escapes each {field} it fills into this template (the browser test proves it), so the
# tip_* fields hold plain text: escaping them here as well would show "&lt;" to the reader.
TOOLTIP = {
    "html": "<b>{tip_name}</b><br/>{tip_city}<br/>{tip_kind} · {tip_date}<br/>{tip_fields}<br/>{tip_money}<br/><i>{tip_sources}</i><br/>{tip_note}",
    "style": {"backgroundColor": style.PAPER, "color": style.INK, "fontSize": "13px", "maxWidth": "360px"},
}


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents it, which forces Python's slow pure-Python JSON encoder
    (docs/performance.md, "Map figures")."""

    def to_json(self) -> str:
        return _compact_json(self)


@memo(2, by_identity=True)  # a deck is cached per view (techrift.views) and never changed: its JSON is made once
def _compact_json(deck: CompactDeck) -> str:
    return json.dumps(deck, sort_keys=True, default=default_serialize, separators=(",", ":"))


# Segments per arc, fewer than deck.gl's default: in software WebGL the arcs were most of a frame on a crowded map
# (docs/performance.md, "Map figures"), and at the map's closest zoom these look the same.
ARC_SEGMENTS = 20


def selected_layer(places: pd.DataFrame, selected: str | None) -> pdk.Layer | None:
    """A dark ring around the place picked (on the map or in the list), so the reader sees which one the detail is."""
    chosen = places[places["place_id"].eq(selected)] if selected else places.iloc[0:0]
    if chosen.empty:
        return None
    return pdk.Layer(
        "ScatterplotLayer",
        chosen[["place_id", "lon", "lat"]],
        id="selected",
        get_position=["lon", "lat"],
        get_radius=1,
        radius_min_pixels=POINT_PIXELS + 9,
        filled=False,
        stroked=True,
        get_line_color=style.rgb(style.SELECTED_OUTLINE, 255),
        line_width_min_pixels=3,
        pickable=False,
    )


def partner_deck(
    outlines: dict,
    partners: pd.DataFrame,
    sites: pd.DataFrame,
    western: pd.DataFrame | None,
    view: str,
    selected: str | None = None,
) -> pdk.Deck:
    """The map: outlines, arcs, Huawei sites, partners (and in the world view the Western universities).

    Each layer of places draws at most MAX_POINTS_PER_LAYER of them, those with the most ties.
    """
    partners = most_tied(partners)
    western = None if western is None else most_tied(western)
    sites = sites_drawn(sites)
    site_points = sites.assign(
        radius=22_000,
        color=pd.Series(
            [style.rgb(style.HUAWEI_SITE_COLOR, style.SITE_ALPHA)] * len(sites), index=sites.index, dtype=object
        ),
    )
    first = first_view(partners, sites, western, view)
    if first is None:
        return CompactDeck(layers=[outline_layer(outlines)], initial_view_state=view_state(view), map_provider=None)
    frame, links, edge_labels = first.frame, first.links, first.edge_labels
    layers = [
        outline_layer(outlines),
        pdk.Layer(
            "ArcLayer",
            links,
            id="arcs",
            get_source_position=["from_lon", "from_lat"],
            get_target_position=["to_lon", "to_lat"],
            get_source_color="color",
            get_target_color="color",
            get_width=2,
            num_segments=ARC_SEGMENTS,
            pickable=False,
        ),
        points_layer(site_points, "huawei_sites"),
        points_layer(partners, "partners"),
    ]
    if view == WORLD and western is not None:
        layers.append(points_layer(western, "western"))
    if ring := selected_layer(places_in_view(partners, western if view == WORLD else None), selected):
        layers.append(ring)
    labels = map_labels(partners, sites, western if view == WORLD else None, frame, edge_labels)
    layers += [leader_layer(labels), label_layer(labels)]
    initial = pdk.ViewState(longitude=frame.longitude, latitude=frame.latitude, zoom=frame.zoom)
    # No basemap. map_style must stay pydeck's "__MAP_STYLE__" placeholder: Streamlit's frontend fetches a Carto style
    # for a deck with no map style at all (map_style=None), but draws none for the placeholder.
    return CompactDeck(layers=layers, initial_view_state=initial, map_provider=None, tooltip=TOOLTIP)


def legend(partners: pd.DataFrame, western: pd.DataFrame | None, lang: str = "en") -> list[tuple[str, str]]:
    """(colour, meaning) for each kind of point on the map: the colours the layers draw them in."""
    entries = [
        (style.CATEGORY_COLORS[kind], t(f"category_{kind}", lang))
        for kind in schema.PARTNER_TIE_CATEGORIES
        if kind in set(partners.get("kind", []))
    ]
    if western is not None:
        entries += [
            (style.CATEGORY_COLORS[kind], t(f"category_{kind}", lang))
            for kind in schema.STEP_BACK_CATEGORIES
            if kind in set(western.get("kind", []))
        ]
    entries.append((style.HUAWEI_SITE_COLOR, t("huawei_site", lang)))
    return entries


LEGEND_ROW, LEGEND_TEXT_PX, LEGEND_SWATCH = 26, 15, 8


def legend_svg(entries: list[tuple[str, str]], inferred: str | None = None) -> str:
    """The map's legend as an SVG image: each entry's swatch drawn in the colour the layers draw (no emoji standing
    for a colour), one row each so that it fits a phone; with `inferred`, a hollow ring that says what hollow means."""
    rows = [(colour, label, False) for colour, label in entries] + ([(style.INK, inferred, True)] if inferred else [])
    name = "; ".join(label for _, label, _ in rows)  # what a screen reader says of the picture: its labels
    width = 40 + max((len(label) for _, label, _ in rows), default=0) * LEGEND_TEXT_PX * 0.55
    parts = []
    for number, (colour, label, hollow) in enumerate(rows):
        y = number * LEGEND_ROW + LEGEND_ROW / 2
        fill = "none" if hollow else colour
        parts.append(
            f'<circle cx="{LEGEND_SWATCH + 2}" cy="{y}" r="{LEGEND_SWATCH}" fill="{fill}" '
            f'stroke="{style.POINT_OUTLINE if not hollow else colour}" stroke-width="{2 if hollow else 1}"/>'
            f'<text x="{2 * LEGEND_SWATCH + 12}" y="{y}" dominant-baseline="central" font-size="{LEGEND_TEXT_PX}" '
            f'font-family="sans-serif" fill="{style.INK}">{html.escape(label)}</text>'
        )
    height = LEGEND_ROW * len(rows)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.0f} {height}" role="img" aria-label="{html.escape(name, quote=True)}">'
        f"<title>{html.escape(name)}</title>{''.join(parts)}</svg>"
    )


def picked_place(selection: object) -> str | None:
    """The place id of the point picked on the map, if any."""
    try:
        objects = selection.selection.objects  # type: ignore[attr-defined]
    except AttributeError:
        return None
    for layer_id in ("partners", "western"):
        for picked in (objects or {}).get(layer_id, []):
            if isinstance(picked, dict) and picked.get("place_id"):
                return str(picked["place_id"])
    return None

"""The map's first view: a frame fitted to the places it shows, the arcs cut at its edge with a label per place off
it, and every label placed apart from the others and from the points (techrift/framing.py places them)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from techrift import framing, schema
from techrift.maps.places import RUSSIA, WORLD, arcs


def framed_places(
    partners: pd.DataFrame, sites: pd.DataFrame, western: pd.DataFrame | None, view: str
) -> tuple[list[float], list[float]]:
    """The coordinates the first view frames: every institution drawn, and Huawei's sites (in Russia, the Russian ones)."""
    frames = [partners, *([] if western is None else [western])]
    if view == RUSSIA:
        frames.append(sites[sites["country"].eq(schema.RUSSIA_COUNTRY)])
    else:
        frames.append(sites)
    lons = [float(v) for frame in frames for v in frame["lon"]]
    lats = [float(v) for frame in frames for v in frame["lat"]]
    return lons, lats


class FirstView(NamedTuple):
    frame: framing.Frame
    links: pd.DataFrame  # the arcs, those from a place off the frame starting at its edge
    edge_labels: list[tuple[str, float, float]]  # a label (text, lon, lat) per place off the frame
    outside: tuple[str, ...]  # the names of the places off the frame that arcs point to


def first_view(
    partners: pd.DataFrame, sites: pd.DataFrame, western: pd.DataFrame | None, view: str
) -> FirstView | None:
    """The map's first view, fitted to the places it shows, and its arcs cut at the frame (None: nothing to frame)."""
    lons, lats = framed_places(partners, sites, western if view == WORLD else None, view)
    if not lons:
        return None
    frame = framing.frame_of(lons, lats)
    return FirstView(frame, *labelled_arcs(arcs(partners, sites), sites, frame))


def labelled_arcs(
    links: pd.DataFrame, sites: pd.DataFrame, frame: framing.Frame
) -> tuple[pd.DataFrame, list[tuple[str, float, float]], tuple[str, ...]]:
    """The arcs with each end outside the frame moved to the frame's edge, a label per place off the frame (at the
    middle of its arcs' edge points, with an arrow towards it), and those places' names."""
    if links.empty:
        return links, [], ()
    links = links.copy()
    labels: list[tuple[str, float, float]] = []
    outside: list[str] = []
    by_id = sites.set_index("place_id")
    off = [not frame.visible(lon, lat) for lon, lat in zip(links["from_lon"], links["from_lat"])]
    for from_id in dict.fromkeys(links.loc[off, "from_id"]):
        mine = links.index[links["from_id"].eq(from_id)]
        site = by_id.loc[from_id]
        ends = [
            framing.edge_point(frame, (to_lon, to_lat), (site["lon"], site["lat"]))
            for to_lon, to_lat in zip(links.loc[mine, "to_lon"], links.loc[mine, "to_lat"])
        ]
        links.loc[mine, "from_lon"] = [end[0] for end in ends]
        links.loc[mine, "from_lat"] = [end[1] for end in ends]
        name = f"{site['tip_name']}, {site['city']}"
        arrow = framing.direction_arrow(frame, site["lon"], site["lat"])
        labels.append((f"{name} {arrow}", float(np.mean([e[0] for e in ends])), float(np.mean([e[1] for e in ends]))))
        outside.append(name)
    return links, labels, tuple(outside)


def map_labels(
    partners: pd.DataFrame, sites: pd.DataFrame, western: pd.DataFrame | None, frame: framing.Frame, edge_labels: list
) -> pd.DataFrame:
    """Every label of the first view, placed without overlap: the edge labels, Huawei's cities (each once), then the
    institutions, most ties first; at most MAX_LABELS of each (a crowded map names its most tied places)."""
    frames = [f for f in (partners, western) if f is not None and not f.empty]
    institutions = pd.concat(frames, ignore_index=True) if frames else partners
    institutions = institutions.sort_values(["events", "place_id"], ascending=[False, True], kind="stable")
    institutions = institutions.head(MAX_LABELS)
    shown_sites = sites[[frame.visible(lon, lat) for lon, lat in zip(sites["lon"], sites["lat"])]]
    shown_sites = shown_sites.drop_duplicates("city").head(MAX_LABELS)
    wanted = [
        *edge_labels,
        *zip(shown_sites["city"], shown_sites["lon"], shown_sites["lat"]),
        *zip(institutions["short_name"], institutions["lon"], institutions["lat"]),
    ]
    points = []
    for lon, lat in zip([*institutions["lon"], *shown_sites["lon"]], [*institutions["lat"], *shown_sites["lat"]]):
        x, y = frame.pixel(lon, lat)
        points.append((x - POINT_PIXELS, y - POINT_PIXELS, x + POINT_PIXELS, y + POINT_PIXELS))
    placed = framing.place_labels(frame, wanted, points)
    # A label moved off its point's row gets a leader line from the point to the label's near end.
    ends = [frame.lonlat(*_near_end(frame, p)) for p in placed]
    return pd.DataFrame(
        {
            "leader": [[[p.lon, p.lat], list(end)] if p.dy else None for p, end in zip(placed, ends)],
            "text": [p.text for p in placed],
            "lon": [p.lon for p in placed],
            "lat": [p.lat for p in placed],
            "offset": [[p.dx, p.dy] for p in placed],
            "anchor": ["start" if p.dx >= 0 else "end" for p in placed],
        }
    )


def _near_end(frame: framing.Frame, placed: framing.Placed) -> tuple[float, float]:
    x, y = frame.pixel(placed.lon, placed.lat)
    return x + placed.dx, y + placed.dy


MAX_LABELS = 40  # per kind of label: past it, labels would cover the map
POINT_PIXELS = 8  # the smallest radius a point is drawn with: visible from the back of a room

"""A map's first view from the places it shows: the frame around their coordinates (Web Mercator, as deck.gl draws),
arcs cut at the frame's edge when their far end lies outside, and labels placed so that none overlaps another."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# The map's drawing area the first view is fitted to, and the margin kept free around the places for their labels.
# The map spans the page: measured 820 px wide on a 1280 px screen (a wider one shows more around the places).
MAP_WIDTH, MAP_HEIGHT, MARGIN = 600, 560, 60
EDGE_INSET = 24  # px: an arc cut at the frame ends this far inside its edge
TILE = 512  # deck.gl's world size in pixels at zoom 0
LABEL_SIZE = 14  # px
CHAR_WIDTH = 0.6  # of the font size, for a sans-serif label (an estimate on the wide side)


def _x(lon: float) -> float:
    return (lon + 180) / 360


def _y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2


def _lat(y: float) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))


@dataclass(frozen=True)
class Frame:
    """The first view: its centre and zoom, and the box (lon/lat) of the places it was fitted to."""

    longitude: float
    latitude: float
    zoom: float
    west: float
    south: float
    east: float
    north: float

    def contains(self, lon: float, lat: float) -> bool:
        """Whether a point is inside the box of the places the view was fitted to."""
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def drawing_area(self, inset: float = EDGE_INSET) -> tuple[float, float, float, float]:
        """The lon/lat box the first view shows (west, south, east, north), `inset` pixels inside its edges."""
        scale = TILE * 2**self.zoom
        half_x, half_y = (MAP_WIDTH / 2 - inset) / scale, (MAP_HEIGHT / 2 - inset) / scale
        west, east = (_x(self.longitude) - half_x) * 360 - 180, (_x(self.longitude) + half_x) * 360 - 180
        return west, _lat(_y(self.latitude) + half_y), east, _lat(_y(self.latitude) - half_y)

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """Where a point is drawn, in pixels from the map's top-left corner, at the first view."""
        scale = TILE * 2**self.zoom
        return (
            MAP_WIDTH / 2 + (_x(lon) - _x(self.longitude)) * scale,
            MAP_HEIGHT / 2 + (_y(lat) - _y(self.latitude)) * scale,
        )

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        """The place drawn at a pixel of the first view (the inverse of `pixel`)."""
        scale = TILE * 2**self.zoom
        world_x = _x(self.longitude) + (x - MAP_WIDTH / 2) / scale
        return world_x * 360 - 180, _lat(_y(self.latitude) + (y - MAP_HEIGHT / 2) / scale)

    def visible(self, lon: float, lat: float) -> bool:
        """Whether a point falls inside the drawing area at the first view."""
        x, y = self.pixel(lon, lat)
        return 0 <= x <= MAP_WIDTH and 0 <= y <= MAP_HEIGHT


def frame_of(lons: Sequence[float], lats: Sequence[float], max_zoom: float = 6.0) -> Frame:
    """The view that shows every point, with MARGIN pixels free around them, centred on their box."""
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    span_x = max(_x(east) - _x(west), 1e-6)
    span_y = max(_y(south) - _y(north), 1e-6)
    zoom = min(
        math.log2((MAP_WIDTH - 2 * MARGIN) / (span_x * TILE)),
        math.log2((MAP_HEIGHT - 2 * MARGIN) / (span_y * TILE)),
        max_zoom,
    )
    centre_lat = _lat((_y(south) + _y(north)) / 2)
    return Frame((west + east) / 2, centre_lat, round(zoom, 3), west, south, east, north)


def edge_point(frame: Frame, inside: tuple[float, float], outside: tuple[float, float]) -> tuple[float, float]:
    """Where the straight line (lon/lat) from a point inside the first view to one outside it leaves the view."""
    (x0, y0), (x1, y1) = inside, outside
    west, south, east, north = frame.drawing_area()
    steps = []
    for start, end, low, high in ((x0, x1, west, east), (y0, y1, south, north)):
        if end > high:
            steps.append((high - start) / (end - start))
        elif end < low:
            steps.append((low - start) / (end - start))
    share = min(steps) if steps else 1.0
    return x0 + (x1 - x0) * share, y0 + (y1 - y0) * share


def direction_arrow(frame: Frame, lon: float, lat: float) -> str:
    """The arrow pointing from the frame's centre towards a place off the map."""
    x, y = frame.pixel(lon, lat)
    angle = math.degrees(math.atan2(MAP_HEIGHT / 2 - y, x - MAP_WIDTH / 2)) % 360
    return "→↗↑↖←↙↓↘"[round(angle / 45) % 8]


Box = tuple[float, float, float, float]  # left, top, right, bottom (pixels)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_box(x: float, y: float, text: str, dx: float, dy: float, size: float = LABEL_SIZE) -> Box:
    """The box a label takes, anchored at its left (dx >= 0) or right (dx < 0) end and centred on y + dy."""
    width = len(text) * size * CHAR_WIDTH
    left = x + dx if dx >= 0 else x + dx - width
    return (left, y + dy - size * 0.65, left + width, y + dy + size * 0.65)


# Where a label may go, nearest first: right or left of its point, then stacked above and below.
_GAP = 10
CANDIDATES = [
    (side * _GAP, rows * LABEL_SIZE * 1.3) for rows in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5) for side in (1, -1)
]


@dataclass(frozen=True)
class Placed:
    text: str
    lon: float
    lat: float
    dx: float
    dy: float
    box: Box


def place_labels(frame: Frame, labels: Sequence[tuple[str, float, float]], points: Sequence[Box] = ()) -> list[Placed]:
    """Each label (text, lon, lat) at its first candidate position overlapping no label placed before it (nor the
    `points`' boxes); in order given, so the important ones go first. A label with no free position takes its last."""
    taken: list[Box] = list(points)
    placed = []
    for text, lon, lat in labels:
        x, y = frame.pixel(lon, lat)
        for dx, dy in CANDIDATES:
            box = label_box(x, y, text, dx, dy)
            inside = box[0] >= 0 and box[2] <= MAP_WIDTH and box[1] >= 0 and box[3] <= MAP_HEIGHT
            if inside and not any(_overlaps(box, other) for other in taken):
                break
        taken.append(box)
        placed.append(Placed(text, lon, lat, dx, dy, box))
    return placed


def any_overlap(boxes: Sequence[Box]) -> bool:
    """Whether any two boxes overlap."""
    return any(_overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])

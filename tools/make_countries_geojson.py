"""Regenerate data/countries.geojson, the offline country outlines drawn under the map.

Input: Natural Earth 1:110m Admin 0 countries (public domain) as shipped in the pyogrio wheel's test fixtures
(pyogrio/tests/fixtures/naturalearth_lowres/). Not a runtime dependency; to run once:

    .venv/bin/pip install pyogrio pyshp
    .venv/bin/python tools/make_countries_geojson.py
"""

from __future__ import annotations

import json
from pathlib import Path

import pyogrio
import shapefile  # pyshp

FIXTURE = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres" / "naturalearth_lowres.shp"
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "countries.geojson"
# In this edition France and Norway carry iso_a3 = -99.
ISO_FIXES = {"France": "FRA", "Norway": "NOR"}


def _round_ring(ring: list[list[float]]) -> list[list[float]]:
    rounded: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, 2), round(lat, 2)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded


def _simplify(geometry: dict) -> dict | None:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    kept = []
    for polygon in polygons:
        rings = [r for r in (_round_ring(ring) for ring in polygon) if len(r) >= 4]
        if rings:
            kept.append(rings)
    if not kept:
        return None
    return (
        {"type": "Polygon", "coordinates": kept[0]} if len(kept) == 1 else {"type": "MultiPolygon", "coordinates": kept}
    )


def main() -> None:
    reader = shapefile.Reader(str(FIXTURE))
    features = []
    for shape_record in reader.iterShapeRecords():
        record = shape_record.record.as_dict()
        geometry = _simplify(shape_record.shape.__geo_interface__)
        if geometry is None:
            continue
        name = str(record["name"])
        iso = ISO_FIXES.get(name, str(record["iso_a3"]))
        features.append({"type": "Feature", "properties": {"name": name, "iso_a3": iso}, "geometry": geometry})
    collection = {"type": "FeatureCollection", "features": features}
    OUTPUT.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(features)} countries, {OUTPUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()

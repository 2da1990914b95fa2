"""The countries the maps draw themselves (no basemap service): each country's fill, Russia's its own, and no two
neighbours alike."""

from __future__ import annotations

from techrift import style


def tinted_outlines(outlines: dict) -> dict:
    """The country outlines with each country's fill colour (Russia's own, a tint unlike its neighbours' elsewhere)."""
    fills = [
        style.RUSSIA_FILL if feature["properties"]["iso_a3"] == "RUS" else style.COUNTRY_TINTS[tint]
        for feature, tint in zip(outlines["features"], country_tints(outlines))
    ]
    return outlines | {
        "features": [
            feature | {"properties": feature["properties"] | {"fill": fill}}
            for feature, fill in zip(outlines["features"], fills)
        ]
    }


def _rings(feature: dict) -> list[list[list[float]]]:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def neighbours(outlines: dict) -> list[set[int]]:
    """For each country (by position in the collection), the countries that share a border point with it."""
    owners: dict[tuple[float, ...], set[int]] = {}
    for index, feature in enumerate(outlines["features"]):
        for ring in _rings(feature):
            for point in ring:
                owners.setdefault(tuple(point), set()).add(index)
    result: list[set[int]] = [set() for _ in outlines["features"]]
    for sharing in owners.values():
        for index in sharing:
            result[index] |= sharing - {index}
    return result


def country_tints(outlines: dict) -> list[int]:
    """An index into style.COUNTRY_TINTS per country, never the same for two neighbours (greedy, most neighbours first)."""
    adjacent = neighbours(outlines)
    tints: dict[int, int] = {}
    for index in sorted(range(len(adjacent)), key=lambda i: (-len(adjacent[i]), i)):
        taken = {tints[other] for other in adjacent[index] if other in tints}
        tints[index] = next(tint for tint in range(len(style.COUNTRY_TINTS)) if tint not in taken)
    return [tints[index] for index in range(len(adjacent))]

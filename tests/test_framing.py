"""The map's first view from the back row: framed on the places it shows, arcs cut at the frame's edge with the place
they go to named, every institution and Huawei city labelled without overlap."""

from __future__ import annotations

import json

import pytest

from techrift import filters as flt
from techrift import framing, maps, views
from techrift.data import default_data_dir


def _deck(dataset, view: str, years: tuple[int, int] | None = None) -> dict:
    options = flt.options_for(dataset)
    filters = flt.default_filters(options)
    if years:
        filters = flt.Filters(years=years, companies=(), countries=())
    return json.loads(views.map_deck(flt.Scope(dataset, filters, options), default_data_dir(), view).to_json())


def _layer(spec: dict, layer_id: str) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


def _frame(spec: dict) -> framing.Frame:
    view = spec["initialViewState"]
    return framing.Frame(view["longitude"], view["latitude"], view["zoom"], 0, 0, 0, 0)


@pytest.mark.parametrize("view", maps.VIEWS)
def test_the_first_view_contains_every_institution_drawn(dataset, view: str) -> None:
    spec = _deck(dataset, view)
    frame = _frame(spec)
    institutions = [
        row
        for layer_id in ("partners", "western")
        if any(layer["id"] == layer_id for layer in spec["layers"])
        for row in _layer(spec, layer_id)["data"]
    ]
    assert len(institutions) >= 7
    outside = [row["place_id"] for row in institutions if not frame.visible(row["lon"], row["lat"])]
    assert outside == []
    # ...and is fitted to them: a frame twice as wide (one zoom level out) would also contain them all
    assert spec["initialViewState"]["zoom"] > 2.5 if view == maps.RUSSIA else spec["initialViewState"]["zoom"] < 1.5


def test_the_world_view_also_frames_huaweis_headquarters(dataset) -> None:
    spec = _deck(dataset, maps.WORLD)
    frame = _frame(spec)
    assert all(frame.visible(row["lon"], row["lat"]) for row in _layer(spec, "huawei_sites")["data"])
    assert all(frame.visible(row["from_lon"], row["from_lat"]) for row in _layer(spec, "arcs")["data"])


def test_in_the_russia_view_arcs_from_shenzhen_end_at_the_frame_edge_with_shenzhen_named(dataset) -> None:
    spec = _deck(dataset, maps.RUSSIA)
    frame = _frame(spec)
    arcs = _layer(spec, "arcs")["data"]
    assert len(arcs) == 12
    # nothing leaves the frame: every arc's both ends are drawn inside it
    assert all(frame.visible(a["from_lon"], a["from_lat"]) and frame.visible(a["to_lon"], a["to_lat"]) for a in arcs)
    edge = [row for row in _layer(spec, "labels")["data"] if "Shenzhen" in row["text"]]
    assert len(edge) == 1 and edge[0]["text"].startswith("Huawei headquarters, Shenzhen")
    assert edge[0]["text"].endswith(("↘", "↓", "→"))  # Shenzhen is south-east of the Russian places
    assert frame.visible(edge[0]["lon"], edge[0]["lat"])


@pytest.mark.parametrize("view", maps.VIEWS)
def test_a_text_layer_names_every_institution_and_huawei_city_without_overlap(dataset, view: str) -> None:
    spec = _deck(dataset, view)
    labels = _layer(spec, "labels")
    assert labels["@@type"] == "TextLayer"
    texts = [row["text"] for row in labels["data"]]
    assert {"Skoltech", "MIPT", "RTU MIREA", "NSTU", "NSU", "KFU"} <= set(texts)  # places.short_name where given
    assert {"Moscow", "Saint Petersburg", "Nizhny Novgorod", "Novosibirsk"} <= set(texts)
    if view == maps.WORLD:
        assert {"Shenzhen", "Princeton", "MIT", "Oxford"} <= set(texts)
    frame = _frame(spec)
    boxes = []
    for row in labels["data"]:
        x, y = frame.pixel(row["lon"], row["lat"])
        box = framing.label_box(x, y, row["text"], *row["offset"])
        assert 0 <= box[0] and box[2] <= framing.MAP_WIDTH and 0 <= box[1] and box[3] <= framing.MAP_HEIGHT, row
        boxes.append(box)
    assert not framing.any_overlap(boxes)


def test_points_are_big_enough_to_see_from_the_back_of_the_room(dataset) -> None:
    spec = _deck(dataset, maps.RUSSIA)
    assert _layer(spec, "partners")["radiusMinPixels"] >= 8


def test_the_frame_follows_the_places_shown() -> None:
    moscow = framing.frame_of([37.3, 37.7], [55.6, 55.9])
    russia = framing.frame_of([30.3, 83.1], [54.8, 60.0])
    assert moscow.zoom > russia.zoom + 3
    assert russia.visible(30.3, 60.0) and russia.visible(83.1, 54.8)
    assert not moscow.visible(30.3, 60.0)


def test_labels_that_would_collide_are_moved_apart_and_the_check_can_fail() -> None:
    frame = framing.frame_of([37.0, 38.0], [55.0, 56.0])
    placed = framing.place_labels(frame, [("Alpha", 37.5, 55.5), ("Beta", 37.5, 55.5), ("Gamma", 37.5, 55.5)])
    assert not framing.any_overlap([p.box for p in placed])
    assert len({(p.dx, p.dy) for p in placed}) == 3
    assert framing.any_overlap([placed[0].box, placed[0].box])


def test_short_names() -> None:
    assert maps.short_name("Skolkovo Institute of Science and Technology (Skoltech)") == "Skoltech"
    assert maps.short_name("Kazan Federal University") == "Kazan Federal University"
    assert maps.short_name("Novosibirsk State Technical University") == "NSTU"
    # a translated name too long to show is abbreviated as its English name is, not by its own initials
    assert maps.short_name("Đại học Kỹ thuật Quốc gia Novosibirsk", "Novosibirsk State Technical University") == "NSTU"
    assert maps.short_name("Đại học Liên bang Kazan", "Kazan Federal University") == "Đại học Liên bang Kazan"


def test_a_label_moved_off_its_row_has_a_leader_line_from_its_point(dataset) -> None:
    spec = _deck(dataset, maps.WORLD)
    frame = _frame(spec)
    leaders = _layer(spec, "leaders")["data"]
    moved = [row for row in _layer(spec, "labels")["data"] if row["offset"][1] != 0]
    assert len(leaders) == len(moved) > 0
    for row, leader in zip(moved, leaders):
        start, end = leader["leader"]
        assert start == [row["lon"], row["lat"]]
        x, y = frame.pixel(*end)
        px, py = frame.pixel(row["lon"], row["lat"])
        assert abs(x - (px + row["offset"][0])) < 1 and abs(y - (py + row["offset"][1])) < 1


def test_a_crowded_map_labels_its_most_tied_places_only(dataset) -> None:
    # how fast a crowded deck is built is the benchmark's to measure (docs/performance.md), not a test's
    import numpy as np
    import pandas as pd

    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    jitter = np.random.default_rng(0)
    crowd = pd.concat(
        [
            partners.assign(
                place_id=partners["place_id"] + f"-{i}",
                events=i % 7 + 1,
                lon=partners["lon"] + jitter.uniform(-3, 3, len(partners)),
                lat=partners["lat"] + jitter.uniform(-2, 2, len(partners)),
            )
            for i in range(300)
        ],
        ignore_index=True,
    )
    deck = maps.partner_deck(
        views.country_outlines(default_data_dir()), crowd, maps.huawei_sites(dataset.places), None, maps.RUSSIA
    )
    labels = _layer(json.loads(deck.to_json()), "labels")["data"]
    assert len(labels) <= 2 * maps.MAX_LABELS + 1

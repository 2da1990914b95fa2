"""The map page under AppTest: the deck spec it emits, the world view, the detail of a place."""

from __future__ import annotations

from apptest_helpers import deck_specs, run_page, texts


def _layer(spec: dict, layer_id: str) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


def test_russia_view_emits_an_offline_deck_with_partners_and_arcs() -> None:
    at = run_page("pages/map.py")
    assert not at.exception
    (spec,) = deck_specs(at)
    assert spec["mapStyle"] == "__MAP_STYLE__" and spec.get("mapProvider") is None  # no basemap fetched
    assert {row["place_id"] for row in _layer(spec, "partners")["data"]} == {
        "skoltech",
        "nstu",
        "mipt",
        "nsu",
        "spbpu",
        "kfu",
        "rtu-mirea",
    }
    assert len(_layer(spec, "arcs")["data"]) == 12  # one from headquarters each, five from same-city Huawei sites
    assert not any(layer["id"] == "western" for layer in spec["layers"])
    view = spec["initialViewState"]
    assert 30 < view["longitude"] < 84 and 54 < view["latitude"] < 61  # framed on the partners, not the world
    assert at.get("deck_gl_json_chart")[0].proto.alt.startswith("Map of 7 institutions")


def test_world_view_from_the_url_shows_both_sides() -> None:
    at = run_page("pages/map.py", {"view": "world"})
    (spec,) = deck_specs(at)
    assert {row["place_id"] for row in _layer(spec, "western")["data"]} >= {"mit", "princeton", "oxford"}
    assert at.main.radio[0].value == "world"


def test_filters_reach_the_map() -> None:
    at = run_page("pages/map.py", {"years": "2021-2021"})
    (spec,) = deck_specs(at)
    assert {row["place_id"] for row in _layer(spec, "partners")["data"]} == {"kfu", "nstu", "rtu-mirea"}


def test_place_in_the_url_opens_its_detail_with_sources() -> None:
    at = run_page("pages/map.py", {"place": "skoltech"})
    shown = texts(at)
    assert "Huawei and Skoltech open a joint algorithm lab" in shown
    assert "2 million USD a year" in shown
    assert "source=seed-000" in shown and "source=gaz-skolkovo" in shown


def test_no_partner_under_the_filters_says_so() -> None:
    at = run_page("pages/map.py", {"country": "China"})
    assert not at.exception
    assert deck_specs(at) == []
    assert "No Huawei partner in Russia matches these filters" in at.info[0].value

"""Map builders: layer data (positions, sizes, colours, arcs' ends), offline deck, legend."""

from __future__ import annotations

import json
import re

import pandas as pd
import pydeck as pdk

from techrift import maps, schema, style, views
from techrift.data import default_data_dir

# The fixture data's (tests/fixtures): Western institutions that cut, suspended or reviewed Huawei ties, and the
# Russian universities and institutes with a Huawei tie.
WESTERN_TIE_PLACES = {"princeton", "oxford", "uc-berkeley", "ut-austin", "mit", "ohio-state"}
RUSSIAN_PARTNER_PLACES = {"skoltech", "nstu", "mipt", "nsu", "spbpu", "kfu", "rtu-mirea"}


def test_partners_are_the_russian_institutions_with_their_coordinates(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows).set_index("place_id")
    assert set(partners.index) == RUSSIAN_PARTNER_PLACES
    places = dataset.places.set_index("place_id")
    for place_id, partner in partners.iterrows():
        assert (partner["lon"], partner["lat"]) == (places.at[place_id, "lon"], places.at[place_id, "lat"])


def test_kind_is_the_strongest_tie_and_colour_follows_it(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows).set_index("place_id")
    assert partners.at["skoltech", "kind"] == "lab_opened"
    assert partners.at["kfu", "kind"] == "visit"
    # Colour comes from named ties only: NSTU's partnership is inferred, its one named tie a visit (issue 32).
    assert partners.at["nstu", "kind"] == "visit"
    assert partners.at["skoltech", "color"][:3] == style.rgb(style.CATEGORY_COLORS["lab_opened"])


def test_size_grows_with_the_number_of_named_ties_only(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows).set_index("place_id")
    assert partners.at["nstu", "events"] == 2 and partners.at["kfu", "events"] == 1
    assert partners.at["nstu", "named_ties"] == 1  # the inferred 2019 partnership adds no size
    assert partners.at["nstu", "radius"] == partners.at["kfu", "radius"]
    second = dataset.events[dataset.events["place_id"].eq("kfu")].head(1).assign(event_id="kfu-second-visit")
    grown = maps.partner_sites(pd.concat([dataset.events, second]), dataset.places, dataset.flows).set_index("place_id")
    assert grown.at["kfu", "named_ties"] == 2 and grown.at["kfu", "radius"] > partners.at["kfu", "radius"]


def test_a_place_known_only_by_inference_is_hollow_unsized_and_says_why(dataset) -> None:
    visit = dataset.events["event_id"].eq("nstu-consortium-visit")
    partners = maps.partner_sites(dataset.events[~visit], dataset.places, dataset.flows).set_index("place_id")
    nstu = partners.loc["nstu"]
    assert nstu["identification"] == "inferred" and nstu["named_ties"] == 0
    assert nstu["color"][3] == 0 and nstu["radius"] == maps.UNSIZED_RADIUS  # hollow, without size
    assert nstu["line_color"] != partners.at["skoltech", "line_color"]
    assert "no source names" in nstu["tip_note"] and partners.at["skoltech", "tip_note"] == ""


def test_tooltips_name_publishers_not_ids_and_no_dash_for_missing(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows, "en", dataset.sources)
    sources = " ".join(partners["tip_sources"])
    assert "seed-000" not in sources and "TTXVN" in sources
    assert "—" not in set(partners["tip_money"]) and "—" not in set(partners["tip_fields"])


def test_a_selected_place_is_ringed_and_unplaced_ties_are_named(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    sites = maps.huawei_sites(dataset.places)
    outlines = views.country_outlines(default_data_dir())
    deck = json.loads(maps.partner_deck(outlines, partners, sites, None, maps.RUSSIA, "kfu").to_json())
    ring = [layer for layer in deck["layers"] if layer["id"] == "selected"]
    assert ring and [row["place_id"] for row in ring[0]["data"]] == ["kfu"]
    plain = json.loads(maps.partner_deck(outlines, partners, sites, None, maps.RUSSIA).to_json())
    assert "selected" not in {layer["id"] for layer in plain["layers"]}
    assert any("ISDCT" in name for name in maps.unplaced_ties(dataset.events))


def test_known_money_and_approximate_coordinates_are_in_the_tooltip(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows).set_index("place_id")
    assert partners.at["skoltech", "tip_money"] == "2 million USD a year (contract value)"
    assert partners.at["kfu", "approximate"] and "city centre" in partners.at["kfu", "tip_city"]
    assert "Nanostructures" in partners.at["spbpu", "tip_fields"]


def test_an_inferred_identification_is_marked_in_the_tooltip(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows).set_index("place_id")
    assert partners.at["nstu", "tip_date"] == "Jul 2019 (identification inferred), Apr 2021"
    assert partners.at["nstu", "identification"] == "named"  # the 2021 visit names NSTU
    assert "(identification inferred)" not in partners.at["kfu", "tip_date"]
    visit = dataset.events["event_id"].eq("nstu-consortium-visit")
    inferred_only = maps.partner_sites(dataset.events[~visit], dataset.places, dataset.flows).set_index("place_id")
    assert inferred_only.at["nstu", "identification"] == "inferred"
    assert inferred_only.at["nstu", "tip_name"] == "Novosibirsk State Technical University (identification inferred)"


def test_arcs_run_from_headquarters_and_same_city_sites_to_each_partner(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    arcs = maps.arcs(partners, maps.huawei_sites(dataset.places))
    ends = set(zip(arcs["from_id"], arcs["to_id"]))
    assert {("huawei-hq", place) for place in partners["place_id"]} <= ends
    assert ("huawei-novosibirsk", "nsu") in ends and ("huawei-novosibirsk", "nstu") in ends
    assert ("huawei-spb", "spbpu") in ends
    assert not any(to == "kfu" and source != "huawei-hq" for source, to in ends)  # no Huawei site in Kazan
    hq = dataset.places.set_index("place_id").loc["huawei-hq"]
    first = arcs[arcs["from_id"] == "huawei-hq"].iloc[0]
    assert (first["from_lon"], first["from_lat"]) == (hq["lon"], hq["lat"])
    # one from headquarters each, plus Novosibirsk (2), Moscow (Skoltech, RTU MIREA) and St Petersburg
    assert len(arcs) == len(partners) + 5


def test_with_several_headquarters_each_partner_gets_an_arc_from_the_nearest(dataset) -> None:
    sites = maps.huawei_sites(dataset.places)
    hq = sites[sites["kind"] == "company_hq"].iloc[0]
    moscow_office = hq.copy()
    moscow_office["place_id"], moscow_office["lon"], moscow_office["lat"] = "hq-moscow", 37.6, 55.75
    sites = pd.concat([sites, moscow_office.to_frame().T], ignore_index=True)
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    arcs = maps.arcs(partners, sites)
    from_hq = arcs[arcs["from_id"].isin(["huawei-hq", "hq-moscow"])]
    assert sorted(from_hq["to_id"]) == sorted(partners["place_id"])  # still exactly one headquarters arc per partner
    assert set(from_hq["from_id"]) == {"hq-moscow"}  # every Russian partner is nearer Moscow than Shenzhen


def test_world_view_adds_the_western_universities(dataset) -> None:
    western = maps.western_sites(dataset.events, dataset.places, dataset.flows).set_index("place_id")
    assert set(western.index) == WESTERN_TIE_PLACES
    assert western.at["mit", "kind"] == "tie_cut"


def test_deck_is_offline_with_outlines_points_and_arcs(dataset) -> None:
    outlines = views.country_outlines(default_data_dir())
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    deck = maps.partner_deck(outlines, partners, maps.huawei_sites(dataset.places), None, maps.RUSSIA)
    spec = json.loads(deck.to_json())
    # the placeholder, not None: Streamlit fetches a Carto basemap for a deck with no map style
    assert spec.get("mapProvider") is None and spec["mapStyle"] == "__MAP_STYLE__"
    assert [layer["id"] for layer in spec["layers"]] == [
        "outlines",
        "arcs",
        "huawei_sites",
        "partners",
        "leaders",
        "labels",
    ]
    russia = [f for f in spec["layers"][0]["data"]["features"] if f["properties"]["iso_a3"] == "RUS"]
    assert russia and russia[0]["properties"]["fill"] == style.RUSSIA_FILL
    assert spec["layers"][0]["stroked"] is False  # no border lines: the tints tell countries apart
    assert "cartocdn" not in deck.to_json() and "mapbox" not in deck.to_json().lower()


def test_tooltip_values_are_plain_text_without_invisible_characters(dataset) -> None:
    # The chart escapes each field itself (see tests/e2e/test_hostile_browser.py): escaping here would show "&amp;".
    places = dataset.places.copy()
    places.loc[places["place_id"] == "kfu", "research_fields"] = "AI & data\u200b <b>"
    partners = maps.partner_sites(dataset.events, places, dataset.flows).set_index("place_id")
    assert partners.at["kfu", "tip_fields"] == "AI & data <b>"


def test_filtered_events_empty_the_map(dataset) -> None:
    nothing = dataset.events[dataset.events["country"] == "Atlantis"]
    assert maps.partner_sites(nothing, dataset.places, dataset.flows).empty


def test_legend_says_what_the_colours_mean(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    labels = [label for _, label in maps.legend(partners, None)]
    assert labels == ["Lab opened", "Partnership", "Visit", "Huawei site (R&D centre or headquarters)"]


def test_every_kind_on_the_map_has_its_own_colour() -> None:
    colours = [style.CATEGORY_COLORS[kind] for kind in (*schema.PARTNER_TIE_CATEGORIES, *schema.STEP_BACK_CATEGORIES)]
    colours.append(style.HUAWEI_SITE_COLOR)
    assert len(set(colours)) == len(colours)


def test_the_legend_shows_the_colours_the_layers_draw(dataset) -> None:
    # A deal with a Russian university, so that the legend has a deal beside a partnership (they once shared a swatch).
    deal = dataset.events[dataset.events["event_id"] == "skoltech-joint-lab"].assign(
        event_id="spbpu-deal", place_id="spbpu", category="deal"
    )
    events = pd.concat([dataset.events, deal], ignore_index=True)
    partners = maps.partner_sites(events, dataset.places, dataset.flows)
    western = maps.western_sites(events, dataset.places, dataset.flows)
    sites = maps.huawei_sites(dataset.places)
    outlines = views.country_outlines(default_data_dir())
    deck = json.loads(maps.partner_deck(outlines, partners, sites, western, maps.WORLD).to_json())
    drawn = {
        tuple(point["color"][:3])
        for layer in deck["layers"]
        if layer["id"] in ("partners", "western", "huawei_sites")
        for point in layer["data"]
    }
    entries = maps.legend(partners, western)
    assert {tuple(style.rgb(colour)) for colour, _ in entries} == drawn
    # The legend draws each swatch in the layer's own colour, not an emoji the system font colours.
    svg = maps.legend_svg(entries, "hollow")
    assert all(f'fill="{colour}"' in svg for colour, _ in entries)
    assert "Deal" in svg and 'fill="none"' in svg
    assert not any(ord(char) > 0x2FFF for char in svg)


def test_deck_json_is_compact_and_means_the_same_as_pydecks_own(dataset) -> None:
    outlines = views.country_outlines(default_data_dir())
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    deck = maps.partner_deck(outlines, partners, maps.huawei_sites(dataset.places), None, maps.RUSSIA)
    compact = deck.to_json()
    assert "\n" not in compact
    assert json.loads(compact) == json.loads(pdk.Deck.to_json(deck))


def test_a_crowded_layer_draws_the_places_with_most_ties(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    crowd = pd.concat(
        [partners.assign(place_id=partners["place_id"] + f"-{i}", events=i % 7 + 1) for i in range(300)],
        ignore_index=True,
    )
    assert len(crowd) > maps.MAX_POINTS_PER_LAYER
    drawn = maps.most_tied(crowd)
    assert len(drawn) == maps.MAX_POINTS_PER_LAYER
    assert drawn["events"].min() >= crowd["events"].nlargest(maps.MAX_POINTS_PER_LAYER).min()
    deck = maps.partner_deck(
        views.country_outlines(default_data_dir()),
        crowd,
        maps.huawei_sites(dataset.places),
        None,
        maps.RUSSIA,
    )
    spec = json.loads(deck.to_json())
    layer = next(layer for layer in spec["layers"] if layer["id"] == "partners")
    assert len(layer["data"]) == maps.MAX_POINTS_PER_LAYER
    assert maps.most_tied(partners) is partners  # a map within the limit is drawn whole
    assert maps.places_drawn(crowd, None) == maps.MAX_POINTS_PER_LAYER
    assert maps.places_drawn(partners, partners) == 2 * len(partners)


def test_the_list_beside_the_map_and_the_picker_name_the_institutions_in_view(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    listed = maps.institutions_list(partners)
    assert list(listed.columns) == ["on_map", "city", "events", "location", "name"]
    assert set(listed["location"]) <= {"on the campus", "city only", "district only"}  # words, not a bare "≈"
    assert listed["name"].tolist() == partners["name"].tolist()
    assert "Skoltech" in listed["on_map"].tolist() and listed["on_map"].str.len().max() <= maps.SHORT_NAME_LENGTH
    assert maps.place_choices(partners)["skoltech"] == partners.set_index("place_id").at["skoltech", "name"]


def test_a_city_with_many_huawei_sites_sends_one_arc_per_partner_and_the_sites_layer_is_capped(dataset) -> None:
    sites = maps.huawei_sites(dataset.places)
    novosibirsk = sites[sites["place_id"] == "huawei-novosibirsk"].iloc[0]
    clones = pd.DataFrame([novosibirsk] * 2000).assign(place_id=[f"huawei-novosibirsk-{i:04d}" for i in range(2000)])
    crowded = pd.concat([sites, clones], ignore_index=True)
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    arcs = maps.arcs(partners, crowded)
    assert len(arcs) == len(maps.arcs(partners, sites))  # still one headquarters arc and at most one same-city arc each
    assert arcs[arcs["to_id"] == "nsu"]["from_id"].tolist() == ["huawei-hq", "huawei-novosibirsk"]
    deck = maps.partner_deck(views.country_outlines(default_data_dir()), partners, crowded, None, maps.RUSSIA)
    layers = {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}
    assert len(layers["huawei_sites"]["data"]) == maps.MAX_POINTS_PER_LAYER
    drawn_sites = {site["place_id"] for site in layers["huawei_sites"]["data"]}
    assert "huawei-hq" in drawn_sites
    assert {arc["from_id"] for arc in layers["arcs"]["data"]} <= drawn_sites  # no arc starts at a site not drawn
    assert {arc["to_id"] for arc in layers["arcs"]["data"]} == set(partners["place_id"])


def _square(x: float, y: float, iso: str) -> dict:
    ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
    return {"type": "Feature", "properties": {"iso_a3": iso}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_countries_that_share_a_border_point_are_neighbours() -> None:
    # A 2x2 grid of squares (every two share at least a corner) and one island far away.
    grid = {
        "type": "FeatureCollection",
        "features": [
            _square(0, 0, "A"),
            _square(1, 0, "B"),
            _square(0, 1, "C"),
            _square(1, 1, "D"),
            _square(10, 10, "E"),
        ],
    }
    assert maps.neighbours(grid) == [{1, 2, 3}, {0, 2, 3}, {0, 1, 3}, {0, 1, 2}, set()]
    tints = maps.country_tints(grid)
    assert len(set(tints[:4])) == 4 and tints[4] == 0


def test_no_two_neighbouring_countries_look_alike() -> None:
    outlines = views.country_outlines(default_data_dir())
    features = outlines["features"]
    by_iso = {feature["properties"]["iso_a3"]: index for index, feature in enumerate(features)}
    adjacent = maps.neighbours(outlines)
    for a, b in [("USA", "CAN"), ("USA", "MEX"), ("FRA", "DEU"), ("RUS", "CHN"), ("RUS", "UKR"), ("GBR", "IRL")]:
        assert by_iso[b] in adjacent[by_iso[a]], (a, b)
    assert by_iso["GBR"] not in adjacent[by_iso["FRA"]]  # the Channel
    fills = [feature["properties"]["fill"] for feature in features]
    for index, others in enumerate(adjacent):
        assert all(fills[index] != fills[other] for other in others), features[index]["properties"]["name"]
    assert {tuple(fill) for fill in fills} <= {tuple(style.RUSSIA_FILL), *map(tuple, style.COUNTRY_TINTS)}
    assert fills[by_iso["RUS"]] == style.RUSSIA_FILL and fills.count(style.RUSSIA_FILL) == 1


def test_points_carry_what_the_browser_reads_and_nothing_else(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    western = maps.western_sites(dataset.events, dataset.places, dataset.flows)
    deck = maps.partner_deck(
        views.country_outlines(default_data_dir()),
        partners,
        maps.huawei_sites(dataset.places),
        western,
        maps.WORLD,
    )
    tooltip_fields = set(re.findall(r"\{(\w+)\}", maps.TOOLTIP["html"]))
    assert tooltip_fields == set(maps.TIP_FIELDS) and tooltip_fields <= set(maps.POINT_FIELDS)
    points = {
        layer["id"]: layer["data"]
        for layer in json.loads(deck.to_json())["layers"]
        if layer["@@type"] == "ScatterplotLayer"
    }
    assert set(points) == {"huawei_sites", "partners", "western"}
    for layer_id, rows in points.items():
        assert rows and all(set(row) == set(maps.POINT_FIELDS) for row in rows), layer_id
    drawn = points["partners"]
    assert [row["tip_name"] for row in drawn] == partners["tip_name"].tolist()  # the tooltips still say which place


def test_a_world_map_without_partners_is_drawn_with_the_western_side(dataset) -> None:
    american = dataset.events[dataset.events["country"].eq("United States")]
    partners = maps.partner_sites(american, dataset.places, dataset.flows)
    western = maps.western_sites(american, dataset.places, dataset.flows)
    assert partners.empty and not western.empty
    assert list(partners.columns) == list(western.columns) == maps.SITE_COLUMNS
    deck = maps.partner_deck(
        views.country_outlines(default_data_dir()),
        partners,
        maps.huawei_sites(dataset.places),
        western,
        maps.WORLD,
    )
    layers = {layer["id"]: layer["data"] for layer in json.loads(deck.to_json())["layers"]}
    assert layers["partners"] == [] and {row["place_id"] for row in layers["western"]} == set(western["place_id"])


def test_arcs_are_drawn_with_fewer_segments_than_deck_gl_s_default(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    deck = maps.partner_deck(
        views.country_outlines(default_data_dir()),
        partners,
        maps.huawei_sites(dataset.places),
        None,
        maps.RUSSIA,
    )
    arcs = next(layer for layer in json.loads(deck.to_json())["layers"] if layer["id"] == "arcs")
    assert arcs["numSegments"] == maps.ARC_SEGMENTS < 50 and len(arcs["data"]) == len(
        maps.arcs(partners, maps.huawei_sites(dataset.places))
    )


def test_tooltips_are_built_for_the_places_drawn_only(dataset) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    nsu = dataset.places[dataset.places["place_id"].eq("nsu")]
    tie = dataset.events[dataset.events["place_id"].eq("nsu")].head(1)
    extra = maps.MAX_POINTS_PER_LAYER  # enough one-tie places to push some out of the drawn set
    places = pd.concat(
        [dataset.places, nsu.loc[nsu.index.repeat(extra)].assign(place_id=[f"clone-{i:04d}" for i in range(extra)])],
        ignore_index=True,
    )
    events = pd.concat(
        [
            dataset.events,
            tie.loc[tie.index.repeat(extra)].assign(
                place_id=[f"clone-{i:04d}" for i in range(extra)], event_id=[f"tie-{i:04d}" for i in range(extra)]
            ),
        ],
        ignore_index=True,
    )
    crowd = maps.partner_sites(events, places, dataset.flows)
    drawn = maps.most_tied(crowd)
    assert len(crowd) == len(partners) + extra and len(drawn) == maps.MAX_POINTS_PER_LAYER
    naming = ["tip_name", "tip_city", "tip_kind", "tip_date", "tip_sources"]
    assert (drawn[naming] != "").all().all()  # every place drawn names itself on hover
    hidden = crowd[~crowd["place_id"].isin(drawn["place_id"])]
    assert len(hidden) == len(crowd) - len(drawn) and (hidden[maps.TIP_FIELDS] == "").all().all()
    tied = partners[partners["events"] > 1].set_index("place_id")  # more ties than any clone: drawn, tooltips as before
    assert not tied.empty
    assert crowd.set_index("place_id").loc[tied.index, maps.TIP_FIELDS].equals(tied[maps.TIP_FIELDS])

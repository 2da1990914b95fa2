"""The map's places: partner institutions, Western universities and Huawei's sites with their tooltips, and the arcs
between them: what the pydeck map and the briefing's map share. The first view (its frame, its labels placed apart)
is in techrift/maps/framed.py, the countries' outlines and tints in techrift/maps/outlines.py."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pydeck as pdk

from techrift import schema, style
from techrift.formatting import amount_label
from techrift.i18n import localized_column, t
from techrift.text import plain

if TYPE_CHECKING:
    pass

RUSSIA, WORLD = "russia", "world"
VIEWS = (RUSSIA, WORLD)


def _approximate_note(precision: str, lang: str) -> str:
    return "" if precision == schema.EXACT_COORDS else t(f"coord_{precision}", lang)


def _city_line(city: str, country: str, precision: str, lang: str) -> str:
    """'City, Country', with how approximate the point is when it is not on the site itself."""
    note = _approximate_note(precision, lang)
    return f"{city}, {country}" + (f" ({note})" if note else "")


def _money_known(flows: pd.DataFrame, place_ids: pd.Index, lang: str) -> pd.Series:
    """Every amount paid to each place, as one readable string per place id ("" where none is known)."""
    # Only the columns a label reads: turning whole rows into dicts was slow on a large dataset.
    own = flows.loc[
        flows["recipient_place_id"].isin(place_ids),
        ["recipient_place_id", "amount", "amount_kind", "currency", "status"],
    ]
    labels = [amount_label(row, lang) for row in own.to_dict("records")]
    return _joined_by(own["recipient_place_id"], labels, "; ", unique=False).reindex(place_ids, fill_value="")


def _joined_by(keys: Iterable[object], values: Iterable[str], separator: str, unique: bool = True) -> pd.Series:
    """For each key, its values in the order given (each once, if `unique`), joined; one pass (a grouped join per
    place was slow on a large dataset)."""
    grouped: dict[object, list[str]] = {}
    for key, value in zip(keys, values):
        grouped.setdefault(key, []).append(value)
    return pd.Series(
        {key: separator.join(dict.fromkeys(values) if unique else values) for key, values in grouped.items()},
        dtype=object,
    )


# The fields a place's tooltip shows (TOOLTIP names each), then every column of a place on the map.
TIP_FIELDS = ["tip_name", "tip_city", "tip_kind", "tip_date", "tip_fields", "tip_money", "tip_sources", "tip_note"]
SITE_COLUMNS = [
    "place_id",
    "name",
    "short_name",
    "city",
    "country",
    "lon",
    "lat",
    "kind",
    "events",
    "identification",
    "named_ties",
    "first_date",
    "approximate",
    "precision",
    "radius",
    "color",
    "line_color",
    *TIP_FIELDS,
]
# A place known only by inference is drawn at this radius whatever its ties (no size: size is for named ties).
UNSIZED_RADIUS = 18_000
INFERRED_LINE = style.rgb(style.MUTED_INK, 255)


def sites_of(
    events: pd.DataFrame,
    places: pd.DataFrame,
    flows: pd.DataFrame,
    categories: tuple[str, ...],
    countries: tuple[str, ...] | None,
    exclude_countries: tuple[str, ...],
    lang: str = "en",
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Academic places with Huawei events of the given categories: one row each, with kind, size and tooltip fields.

    Colour (the strongest tie's kind) and size come from the ties a source names; a place known only by inference
    is drawn hollow, at one size, and its tooltip says why. `sources` names the tooltip's sources by publisher.

    The tooltip fields are filled for the places a map draws (`most_tied`), empty for the others: on a large
    dataset, filling them for places no map shows was much of the work."""
    academic = places[places["kind"].isin(schema.ACADEMIC_KINDS)]
    if countries is not None:
        academic = academic[academic["country"].isin(countries)]
    academic = academic[~academic["country"].isin(exclude_countries)]
    relevant = events[
        events["company"].eq(schema.PIVOT_COMPANY)
        & events["category"].isin(categories)
        & events["place_id"].isin(academic["place_id"])
    ]
    if relevant.empty:
        return pd.DataFrame(columns=SITE_COLUMNS)
    by_place = relevant.sort_values("start", kind="stable").groupby("place_id", sort=True)
    is_named = relevant["identification"].eq("named")
    # The kind from the named ties where a place has any (NSTU: its named tie is a visit), else from all its ties.
    ranked = relevant["category"].map({category: i for i, category in enumerate(categories)})
    strongest_named = ranked.where(is_named).groupby(relevant["place_id"]).min()
    strongest_any = ranked.groupby(relevant["place_id"]).min()
    kinds = strongest_named.fillna(strongest_any).astype(int).map(dict(enumerate(categories)))
    place = academic.drop_duplicates("place_id").set_index("place_id").loc[kinds.index]
    counts = by_place.size()
    named_ties = is_named.groupby(relevant["place_id"]).sum().astype(int)
    named = named_ties > 0
    sites = pd.DataFrame(
        {
            "place_id": kinds.index,
            "name": localized_column(place, "name", lang),
            "short_name": [
                own if isinstance(own, str) and own else short_name(name, english)
                for own, name, english in zip(
                    place.get("short_name", pd.Series(None, index=place.index)),
                    localized_column(place, "name", lang),
                    place["name_en"],
                )
            ],
            "city": localized_column(place, "city", lang),
            "country": place["country"],
            "lon": place["lon"].astype(float),
            "lat": place["lat"].astype(float),
            "kind": kinds,
            "events": counts,
            "identification": named.map({True: "named", False: "inferred"}),
            "named_ties": named_ties,
            "first_date": by_place["date_label"].first(),
            "approximate": place["coord_precision"].ne(schema.EXACT_COORDS),
            "precision": place["coord_precision"],
            "radius": (18_000 + 14_000 * named_ties).where(named, UNSIZED_RADIUS),
            "color": [
                style.rgb(style.CATEGORY_COLORS[kind], style.POINT_ALPHA if is_named else 0)
                for kind, is_named in zip(kinds, named)
            ],
            "line_color": [style.rgb(style.POINT_OUTLINE, 255) if is_named else INFERRED_LINE for is_named in named],
        }
    ).rename_axis(None)  # the place ids, also a column: sorting by that column must not find an index level too
    drawn = most_tied(sites).index
    tips = _tooltips(
        relevant[relevant["place_id"].isin(drawn)],
        place.loc[drawn],
        kinds.loc[drawn],
        named.loc[drawn],
        flows,
        lang,
        sources,
    )
    return sites.join(tips).fillna({field: "" for field in TIP_FIELDS}).reset_index(drop=True)[SITE_COLUMNS]


def _publisher_names(source_ids: pd.Series, sources: pd.DataFrame | None, lang: str) -> pd.Series:
    """Each source id as its publisher's name in `lang` (the id itself where the sources table does not know it)."""
    if sources is None:
        return source_ids
    publisher_of = dict(zip(sources["source_id"], localized_column(sources, "publisher", lang)))
    return source_ids.map(lambda source_id: publisher_of.get(source_id, source_id))


def _tooltips(
    events: pd.DataFrame,
    place: pd.DataFrame,
    kinds: pd.Series,
    named: pd.Series,
    flows: pd.DataFrame,
    lang: str,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The tooltip fields of the places (`place`, indexed by place id, of the kinds `kinds`; `named` where a source
    names the place), from their events."""
    in_time_order = events.sort_values("start", kind="stable")
    source_ids = events["source_ids"].str.split(";").explode()
    fields = localized_column(place, "research_fields", lang)
    return pd.DataFrame(
        {
            "tip_name": [
                plain(name if is_named else t("name_inferred", lang, name=name))
                for name, is_named in zip(localized_column(place, "name", lang), named)
            ],
            "tip_city": [
                plain(_city_line(*columns, lang))
                for columns in zip(
                    localized_column(place, "city", lang),
                    localized_column(place, "country", lang),
                    place["coord_precision"],
                )
            ],
            "tip_kind": [t(f"category_{kind}", lang) for kind in kinds],
            "tip_date": _joined_by(in_time_order["place_id"], _marked_dates(in_time_order, lang), ", ").map(plain),
            "tip_fields": fields.map(plain),
            "tip_money": _money_known(flows, place.index, lang).map(plain),
            "tip_sources": _joined_by(
                events.loc[source_ids.index, "place_id"], _publisher_names(source_ids, sources, lang), "; "
            ).map(plain),
            "tip_note": ["" if is_named else plain(t("tip_inferred_why", lang)) for is_named in named],
        },
        index=place.index,
    )


def _marked_dates(events: pd.DataFrame, lang: str) -> pd.Series:
    """Each event's date, marked where the sources do not name the place and we inferred it."""
    mark = f" ({t('identification_inferred', lang)})"
    dates = localized_column(events, "date_label", lang)
    return dates.where(events["identification"].eq("named"), dates + mark)


def partner_sites(
    events: pd.DataFrame,
    places: pd.DataFrame,
    flows: pd.DataFrame,
    lang: str = "en",
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Huawei's Russian partner universities and institutes, sized by the number of named ties."""
    return sites_of(events, places, flows, schema.PARTNER_TIE_CATEGORIES, (schema.RUSSIA_COUNTRY,), (), lang, sources)


def western_sites(
    events: pd.DataFrame,
    places: pd.DataFrame,
    flows: pd.DataFrame,
    lang: str = "en",
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Western universities that cut, suspended or reviewed Huawei ties."""
    return sites_of(
        events, places, flows, schema.STEP_BACK_CATEGORIES, None, schema.NON_WESTERN_COUNTRIES, lang, sources
    )


def unplaced_ties(events: pd.DataFrame, lang: str = "en") -> list[str]:
    """The counterparts of Huawei's Russian ties that have no place to draw (the map says so, by name)."""
    ties = events[
        events["company"].eq(schema.PIVOT_COMPANY)
        & events["category"].isin(schema.PARTNER_TIE_CATEGORIES)
        & events["country"].eq(schema.RUSSIA_COUNTRY)
        & events["place_id"].isna()
    ]
    return list(dict.fromkeys(localized_column(ties, "counterpart", lang)))


def huawei_sites(places: pd.DataFrame, lang: str = "en", sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Huawei's R&D sites in Russia and its headquarters."""
    sites = places[places["kind"].isin(schema.COMPANY_SITE_KINDS) & places["place_id"].str.startswith("huawei")].copy()
    # The city in the language, as the partners' is (arcs join a partner to a Huawei site in the same city).
    sites["city"] = localized_column(sites, "city", lang)
    sites["tip_name"] = localized_column(sites, "name", lang).map(plain)
    sites["tip_city"] = [
        plain(_city_line(*columns, lang))
        for columns in zip(sites["city"], localized_column(sites, "country", lang), sites["coord_precision"])
    ]
    for column in ("tip_kind", "tip_date", "tip_fields", "tip_money", "tip_sources", "tip_note"):
        sites[column] = ""
    sites["tip_kind"] = t("huawei_site", lang)
    sites["tip_sources"] = [
        plain("; ".join(dict.fromkeys(_publisher_names(pd.Series(ids.split(";")), sources, lang))))
        for ids in sites["coord_source_ids"]
    ]
    sites["line_color"] = pd.Series([style.rgb(style.POINT_OUTLINE, 255)] * len(sites), index=sites.index, dtype=object)
    return sites.reset_index(drop=True)


def arcs(partners: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """An arc from Huawei's (nearest) headquarters to every partner, and from one Huawei R&D site in the partner's city where there is one.

    The arcs are geographic links, not reported reporting lines: the sources do not say which site runs which tie.
    """
    columns = ["from_id", "to_id", "from_lon", "from_lat", "to_lon", "to_lat", "color"]
    if partners.empty:
        return pd.DataFrame(columns=columns)
    senders = sites[["place_id", "kind", "city", "lon", "lat"]].rename(
        columns={"place_id": "from_id", "lon": "from_lon", "lat": "from_lat"}
    )
    receivers = partners[["place_id", "city", "lon", "lat", "color"]].rename(
        columns={"place_id": "to_id", "lon": "to_lon", "lat": "to_lat"}
    )
    receivers = receivers.assign(city=receivers["city"].str.split(" (", regex=False).str[0])
    headquarters = senders[senders["kind"] == schema.COMPANY_HQ].drop(columns=["kind", "city"]).reset_index(drop=True)
    if headquarters.empty:
        from_headquarters = pd.DataFrame(columns=columns)
    else:
        # A dataset with several headquarters (say, one per subsidiary) links each partner to the nearest one only.
        hq_lon, hq_lat = headquarters["from_lon"].to_numpy(float), headquarters["from_lat"].to_numpy(float)
        to_lon, to_lat = receivers["to_lon"].to_numpy(float), receivers["to_lat"].to_numpy(float)
        # Equirectangular distance: exact enough to rank a few candidate sites.
        east = (to_lon[:, None] - hq_lon) * np.cos(np.radians((to_lat[:, None] + hq_lat) / 2))
        nearest = (east**2 + (to_lat[:, None] - hq_lat) ** 2).argmin(axis=1)
        from_headquarters = pd.concat(
            [receivers.drop(columns="city").reset_index(drop=True), headquarters.iloc[nearest].reset_index(drop=True)],
            axis=1,
        )
    # One arc from a site in the partner's city, however many sites the city has (first by id).
    city_sites = senders[senders["kind"] == schema.COMPANY_SITE].sort_values("from_id", kind="stable")
    from_same_city = receivers.merge(city_sites, on="city").drop_duplicates("to_id")
    joined = pd.concat([from_headquarters, from_same_city], ignore_index=True)
    joined["from_lon"] = joined["from_lon"].astype(float)
    joined["from_lat"] = joined["from_lat"].astype(float)
    joined["color"] = [[*colour[:3], style.ARC_ALPHA] for colour in joined["color"]]
    return joined[columns]


def short_name(name: str, english: str | None = None) -> str:
    """A label for a place: the abbreviation its name gives in brackets, the name if short, else its initials (of
    its `english` name when given: a translated name's initials are no abbreviation anyone uses, 'NSTU' is)."""
    if match := re.search(r"\(([^)]+)\)", name):
        return match.group(1)
    if len(name) <= SHORT_NAME_LENGTH:
        return name
    if english is not None and english != name:
        return short_name(english)
    return "".join(word[0] for word in re.findall(r"[A-Za-z][\w'-]*", name) if word[0].isupper())


SHORT_NAME_LENGTH = 24


# A map cannot show more points than this legibly; past it, the places with the most recorded ties are drawn and the
# page says how many more are in its list.
MAX_POINTS_PER_LAYER = 1_500


def most_tied(sites: pd.DataFrame, limit: int = MAX_POINTS_PER_LAYER) -> pd.DataFrame:
    """The `limit` places with the most recorded ties (all of them when there are no more than that)."""
    if len(sites) <= limit:
        return sites
    return sites.sort_values(["events", "place_id"], ascending=[False, True], kind="stable").head(limit)


def sites_drawn(sites: pd.DataFrame, limit: int = MAX_POINTS_PER_LAYER) -> pd.DataFrame:
    """Huawei's sites to draw: all of them up to `limit`, else headquarters first (every partner's arc starts at one), then by id."""
    if len(sites) <= limit:
        return sites
    headquarters_first = sites["kind"].ne(schema.COMPANY_HQ)  # False sorts first
    return (
        sites.assign(_order=headquarters_first)
        .sort_values(["_order", "place_id"], kind="stable")
        .head(limit)
        .drop(columns="_order")
    )


def places_drawn(partners: pd.DataFrame, western: pd.DataFrame | None) -> int:
    """How many institutions the map draws (each layer at most MAX_POINTS_PER_LAYER)."""
    return len(most_tied(partners)) + (0 if western is None else len(most_tied(western)))


def places_in_view(partners: pd.DataFrame, western: pd.DataFrame | None) -> pd.DataFrame:
    """The institutions drawn: the partners, and the Western universities in the world view."""
    frames = [frame for frame in (partners, western) if frame is not None and not frame.empty]
    return pd.concat(frames, ignore_index=True) if frames else partners


def view_state(view: str) -> pdk.ViewState:
    """The view of a map with no places: Russia, or the world with both sides of the story."""
    if view == WORLD:
        return pdk.ViewState(latitude=42, longitude=20, zoom=0.9)
    return pdk.ViewState(latitude=56, longitude=62, zoom=2.2)

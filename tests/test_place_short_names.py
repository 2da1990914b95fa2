"""A place's label on the map is the institution's own abbreviation (places.short_name), in both languages; a place
with none gets one made from its name; the data may not give a short name too long for a label."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest

from techrift import maps, schema


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_place_is_labelled_with_its_own_abbreviation_in_both_languages(dataset, lang: str) -> None:
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows, lang).set_index("place_id")
    # Initials made from the English name gave 'PGSPPU', in both languages: SPbPU writes itself so.
    assert partners.at["spbpu", "short_name"] == "SPbPU"


def test_a_place_without_a_short_name_gets_one_from_its_name(dataset) -> None:
    places = dataset.places.assign(short_name=None)
    partners = maps.partner_sites(dataset.events, places, dataset.flows).set_index("place_id")
    assert partners.at["skoltech", "short_name"] == "Skoltech"  # the abbreviation its name gives in brackets
    assert partners.at["nstu", "short_name"] == "NSTU"  # initials of the English name


def test_a_short_name_too_long_for_a_label_is_rejected(dataset) -> None:
    places = dataset.places[list(schema.Places.to_schema().columns)].copy()
    schema.Places.validate(places)
    places.loc[places["place_id"].eq("spbpu"), "short_name"] = "x" * (schema.SHORT_NAME_MAX + 1)
    with pytest.raises((pa.errors.SchemaError, pa.errors.SchemaErrors)):
        schema.Places.validate(places)


def test_the_fixture_gives_short_names_to_some_places_and_not_to_others(dataset) -> None:
    given = dataset.places.set_index("place_id")["short_name"]
    assert given["spbpu"] == "SPbPU" and pd.isna(given["huawei-moscow"])

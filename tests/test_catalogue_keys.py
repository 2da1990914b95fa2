"""Every catalogue key the code builds from a name (a page's nav_/blurb_, a table column's col_, a vocabulary value's
label) exists in both languages; a key the catalogue lacks shows as the key and names itself in the log, and fails
any test that meets it (pyproject.toml turns MissingLabelWarning into an error, so a page run shows it as an
exception)."""

from __future__ import annotations

import warnings

import pytest

from techrift import comparison, i18n, maps, schema, sitemap, sources, views
from techrift import filters as flt
from techrift.data import Dataset

# Vocabulary whose values the code turns into a label key: prefix -> the values.
VOCABULARY = {
    "category_": schema.EVENT_CATEGORIES,
    "status_": schema.FLOW_STATUSES,
    "precision_": schema.DATE_PRECISIONS,
    "identification_": schema.IDENTIFICATIONS,
    "source_kind_": schema.SOURCE_KINDS,
    "kind_": schema.AMOUNT_KINDS,
    "metric_": schema.METRIC_KINDS,
    "dimension_": schema.STANCE_DIMENSIONS,
    "table_": schema.QUOTE_TABLES,
    "coord_": tuple(precision for precision in schema.COORD_PRECISIONS if precision != schema.EXACT_COORDS),
}


def _missing(keys: list[str]) -> list[str]:
    return [f"{key} ({lang})" for key in keys for lang in i18n.LANGUAGES if not i18n.CATALOGUE.get(key, {}).get(lang)]


def test_every_page_has_its_title_and_blurb() -> None:
    keys = [page.title_key for page in sitemap.PAGES] + [page.blurb_key for page in sitemap.VIEW_PAGES]
    assert _missing(keys) == []


def test_every_vocabulary_value_has_its_label() -> None:
    assert _missing([prefix + value for prefix, values in VOCABULARY.items() for value in values]) == []


def test_every_column_of_every_table_shown_has_its_header(dataset: Dataset) -> None:
    scope = flt.Scope.everything(dataset)
    a, b = comparison.DEFAULT_PAIR
    source_table = sources.source_table(dataset)
    seed = next(iter(dataset.seed_texts))
    shown = [
        views.timeline_table(scope),
        views.flows_table(scope),
        views.figures_table(scope),
        views.moves_table(scope, a, b),
        *(maps.institutions_list(views.map_view(scope, view).in_view) for view in maps.VIEWS),
        sources.source_list(source_table),
        sources.citing(dataset, seed),
        sources.fragments_table(sources.seed_view(dataset, seed).fragments),
    ]
    columns = sorted({column for table in shown for column in table.columns})
    assert len(columns) > 20  # the check reaches the tables
    with warnings.catch_warnings():
        warnings.simplefilter("error", i18n.MissingLabelWarning)
        headers = {column: i18n.column_label(column, lang) for column in columns for lang in i18n.LANGUAGES}
    assert all(headers.values())


def test_a_missing_key_shows_the_key_and_names_it_in_the_log() -> None:
    with pytest.warns(i18n.MissingLabelWarning, match=r"no key 'col_not_a_column'.*techrift/i18n.py"):
        assert i18n.column_label("not_a_column", "vi") == "[col_not_a_column]"

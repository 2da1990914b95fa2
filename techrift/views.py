"""What the pages show, made from a scope (the shared dataset under the global filters: filters.Scope) and a view's
own few choices (a grouping, a pair of companies, the language).

A page draws these, and its CSV downloads make them again on click. Streamlit keeps a deferred download's callable,
with everything it refers to, for as long as the session shows the button: given a table made in the run, each
open session kept its own copy; given the scope (which holds the shared dataset) and the view's choices, a session
keeps nothing of its own.

A view is cached on those parameters (VIEWS_KEPT per function, see techrift.caching): a filter toggled back, or
another viewer on the same view, gets the same frames and figures without making them again. Most of the server's part of
a filter change was rebuilding what an earlier run had already made (docs/performance.md has the figures).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from techrift import comparison, evidence, maps, pivot
from techrift import filters as flt
from techrift.caching import memo
from techrift.charts import alt_text, funding, timeline
from techrift.charts import compare as compare_charts
from techrift.data import Dataset, read_outlines
from techrift.formatting import KeyFigure
from techrift.i18n import localized_column, t

# Per function: the views a few viewers toggle between. A map's deck is the largest view, so fewer are kept; the
# memory each holds is in docs/performance.md.
VIEWS_KEPT = 4
DECKS_KEPT = 2


class Chart(NamedTuple):
    """A chart as a page draws it: the figure and its text alternative."""

    figure: go.Figure
    alt: str


# --------------------------------------------------------------------------- events on a date axis


class DatedEvents(NamedTuple):
    events: pd.DataFrame  # every event in view
    dated: pd.DataFrame  # those drawn on the date axis
    undated_titles: str  # the others' titles, '; '-joined ("" when every event has a date)


def dated_events(events: pd.DataFrame, lang: str = "en") -> DatedEvents:
    """The events in view, those with a date (drawn) apart from those without (named under the chart)."""
    known = events["start"].notna()
    undated = events[~known]
    return DatedEvents(events, events[known], "; ".join(localized_column(undated, "title", lang)))


@memo(VIEWS_KEPT)
def timeline_events(scope: flt.Scope) -> pd.DataFrame:
    """The timeline's events: the pivot's events inside the filters (the kind-of-action filter among them)."""
    return pivot.pivot_events(scope.events(), scope.dataset.places)


@memo(VIEWS_KEPT)
def timeline_shown(scope: flt.Scope, lang: str = "en") -> DatedEvents:
    """The timeline's events, those on its date axis apart."""
    return dated_events(timeline_events(scope), lang)


@memo(VIEWS_KEPT)
def timeline_chart(scope: flt.Scope, lang: str = "en") -> Chart:
    dated = timeline_shown(scope, lang).dated
    return Chart(timeline.pivot_figure(dated, scope.dataset, lang), alt_text.events_alt(dated, lang))


@memo(VIEWS_KEPT)
def timeline_table(scope: flt.Scope, lang: str = "en") -> pd.DataFrame:
    table = timeline.events_table(timeline_events(scope), scope.dataset, lang)
    return _with_evidence(table, scope.dataset, "events", lang)


def _with_evidence(table: pd.DataFrame, dataset: Dataset, record_table: str, lang: str) -> pd.DataFrame:
    """A table of records with its `evidence` column (the first excerpt, cut to a line) once the data has evidence."""
    return evidence.with_evidence_column(table, dataset, record_table, lang) if dataset.evidence_given else table


# --------------------------------------------------------------------------- funding


@memo(VIEWS_KEPT)
def flows(scope: flt.Scope) -> pd.DataFrame:
    """The money flows inside the filters."""
    return scope.flows()


@memo(VIEWS_KEPT)
def metrics(scope: flt.Scope) -> pd.DataFrame:
    """The non-money figures inside the filters."""
    return scope.metrics()


@memo(VIEWS_KEPT)
def flows_chart(
    scope: flt.Scope,
    group: str,
    log: bool,
    lang: str = "en",
    context: bool = False,
) -> Chart | None:
    """The money chart, coloured by `group`, dots on a log scale if `log`, context amounts only if `context` (see
    funding.flows_figure); None when every amount in view is context."""
    shown = funding.research_or_all(flows(scope), scope.dataset.places, context)
    drawn = funding.largest_per_panel(flt.money_drawn(shown))
    if drawn.empty:
        return None
    figure = funding.flows_figure(shown, scope.dataset, group, log, lang, measure_labels=True)
    return Chart(figure, alt_text.flows_alt(drawn, lang))


@memo(VIEWS_KEPT)
def sizes_chart(scope: flt.Scope, lang: str = "en") -> Chart:
    """Every amount in view as a dot on one log axis (funding.sizes_figure)."""
    shown = flt.money_drawn(flows(scope))
    return Chart(funding.sizes_figure(shown, scope.dataset, lang), alt_text.flows_alt(shown, lang))


def context_hidden(scope: flt.Scope) -> int:
    """How many money amounts in view are context, left out of the chart until the reader asks for them."""
    shown = flt.money_drawn(flows(scope))
    return int((~funding.is_research_funding(shown, scope.dataset.places)).sum())


@memo(VIEWS_KEPT)
def flow_choices(scope: flt.Scope, lang: str = "en") -> dict[str, str]:
    return funding.flow_choices(flows(scope), lang)


@memo(VIEWS_KEPT)
def flows_table(scope: flt.Scope, lang: str = "en") -> pd.DataFrame:
    return _with_evidence(funding.flows_table(flows(scope), scope.dataset, lang), scope.dataset, "flows", lang)


@memo(VIEWS_KEPT)
def key_targets(scope: flt.Scope, lang: str = "en") -> tuple[tuple[KeyFigure, ...], int]:
    return funding.key_targets(metrics(scope), lang)


@memo(VIEWS_KEPT)
def figures_table(scope: flt.Scope, lang: str = "en") -> pd.DataFrame:
    return _with_evidence(funding.figures_table(metrics(scope), lang), scope.dataset, "metrics", lang)


class CountSeries(NamedTuple):
    series: pd.DataFrame  # one row per year (funding.count_series)
    note: str | None  # the money paid to the same recipient, for the chart's note


# The count the funding page charts: the seed's figures on Skoltech's research contracts with Huawei.
CONTRACTS = ("Skoltech", "Huawei research contracts")


def contracts(flows: pd.DataFrame, metrics: pd.DataFrame, lang: str = "en") -> CountSeries:
    """Skoltech's Huawei research contracts over the years, with the amounts paid to Skoltech as its note."""
    recipient, metric = CONTRACTS
    return CountSeries(
        funding.count_series(metrics, recipient, metric),
        funding.amounts_note(flows[flows["recipient"].eq(recipient)], lang),
    )


@memo(VIEWS_KEPT)
def contracts_chart(scope: flt.Scope, lang: str = "en") -> Chart | None:
    """The chart of Skoltech's contracts over the years, or None when the filters leave none."""
    series, note = contracts(flows(scope), metrics(scope), lang)
    if series.empty:
        return None
    return Chart(
        funding.count_series_figure(series, note, lang), alt_text.counts_alt(series, t("skoltech_title", lang), lang)
    )


# --------------------------------------------------------------------------- the map


@memo(maxsize=2)  # read and tinted once per process: the tints compare every country's border points
def country_outlines(data_dir: Path) -> dict:
    """The map's country outlines (data_dir/countries.geojson), each with its fill colour."""
    return maps.tinted_outlines(read_outlines(data_dir / "countries.geojson"))


class MapView(NamedTuple):
    events: pd.DataFrame  # inside the filters
    partners: pd.DataFrame  # Huawei's Russian partner institutions
    western: pd.DataFrame | None  # the Western universities, in the world view only
    in_view: pd.DataFrame  # the institutions drawn: both of the above


@memo(VIEWS_KEPT)
def map_view(scope: flt.Scope, view: str, lang: str = "en") -> MapView:
    dataset, events = scope.dataset, scope.events()
    partners = maps.partner_sites(events, dataset.places, dataset.flows, lang, dataset.sources)
    western = (
        maps.western_sites(events, dataset.places, dataset.flows, lang, dataset.sources) if view == maps.WORLD else None
    )
    return MapView(events, partners, western, maps.places_in_view(partners, western))


@memo(DECKS_KEPT)
def map_deck(
    scope: flt.Scope,
    data_dir: Path,
    view: str,
    lang: str = "en",
    selected: str | None = None,
) -> pdk.Deck:
    """The map of a view: the data folder's country outlines, Huawei's sites, the institutions in view (`selected`
    ringed)."""
    shown = map_view(scope, view, lang)
    return maps.partner_deck(
        country_outlines(data_dir),
        shown.partners,
        maps.huawei_sites(scope.dataset.places, lang, scope.dataset.sources),
        shown.western,
        view,
        selected,
    )


@memo(VIEWS_KEPT)
def map_alt(scope: flt.Scope, view: str, lang: str = "en") -> str:
    """The map's text alternative: the institutions it draws, Huawei's sites, what lies off its first view."""
    shown = map_view(scope, view, lang)
    partners = maps.most_tied(shown.partners)
    western = None if shown.western is None else maps.most_tied(shown.western)
    sites = maps.sites_drawn(maps.huawei_sites(scope.dataset.places, lang))
    first = maps.first_view(partners, sites, western, view)
    return alt_text.map_alt(maps.places_in_view(partners, western), sites, lang, () if first is None else first.outside)


def map_table(scope: flt.Scope, view: str, lang: str = "en") -> pd.DataFrame:
    """The institutions in view as rows, without what only the map reads (tooltip texts, colours)."""
    in_view = map_view(scope, view, lang).in_view
    return in_view.drop(columns=[*maps.TIP_FIELDS, "color", "line_color"])


# --------------------------------------------------------------------------- the comparison


@memo(VIEWS_KEPT)
def comparison_rows(scope: flt.Scope, a: str, b: str, lang: str = "en") -> pd.DataFrame:
    return comparison.comparison(comparison.in_scope(scope).stances, a, b, lang)


def comparison_table(scope: flt.Scope, a: str, b: str, lang: str = "en") -> pd.DataFrame:
    return comparison.comparison_table(comparison_rows(scope, a, b, lang), a, b, lang)


@memo(VIEWS_KEPT)
def moves(scope: flt.Scope, a: str, b: str) -> pd.DataFrame:
    """Both companies' events inside the filters; a chosen company's filter takes in its brand group."""
    return comparison.moves(scope.with_filters(comparison.with_brand_groups(scope.filters)).events(), a, b)


@memo(VIEWS_KEPT)
def moves_shown(scope: flt.Scope, a: str, b: str, lang: str = "en") -> DatedEvents:
    """Both companies' moves, those on the date axis apart."""
    return dated_events(moves(scope, a, b), lang)


@memo(VIEWS_KEPT)
def moves_chart(scope: flt.Scope, a: str, b: str, lang: str = "en") -> Chart:
    shown = moves_shown(scope, a, b, lang)
    return Chart(
        compare_charts.moves_figure(shown.events, [a, b], scope.dataset, lang),
        alt_text.events_alt(shown.dated, lang, chart=t("compare_moves", lang)),
    )


@memo(VIEWS_KEPT)
def moves_table(scope: flt.Scope, a: str, b: str, lang: str = "en") -> pd.DataFrame:
    table = timeline.events_table(moves(scope, a, b), scope.dataset, lang)
    return _with_evidence(table, scope.dataset, "events", lang)

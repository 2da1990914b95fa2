"""The story in a handful of steps, for the briefing page and its self-contained HTML export; built from the pages' builders."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from techrift import comparison, maps, views
from techrift import filters as flt
from techrift.charts import alt_text, funding, timeline
from techrift.data import Dataset
from techrift.export import DeckSource, DeckStep, app_link, deck_html
from techrift.i18n import localized, t
from techrift.overview import headline_figures
from techrift.pivot import pivot_events
from techrift.schema import CONTEXT_SIDE, PARTNER_TIE_CATEGORIES, RUSSIA_SIDE, WEST_SIDE, unique_ids


class Drawn(NamedTuple):
    """A step's chart, its text alternative written from the same rows, and those rows' records (for speaker notes)."""

    figure: go.Figure
    alt: str
    records: tuple[tuple[str, str], ...] = ()  # (table, record id) of each row drawn
    source_ids: tuple[str, ...] = ()  # the sources those records cite, each once


def _records(table: str, rows: pd.DataFrame, id_column: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The records and sources of the rows a step draws, as Drawn's last two fields."""
    return tuple((table, str(record)) for record in rows[id_column]), tuple(unique_ids(rows["source_ids"]))


@dataclass(frozen=True)
class Step:
    """One step: its key (labels briefing_<key>_title / _text), the chart that goes with it and the page behind it."""

    key: str
    draw: Callable[[Dataset, flt.Filters, flt.FilterOptions, Path, str], Drawn]
    page: str  # the app's page (url path) that shows this step live
    slide: Callable[[Dataset, flt.Filters, flt.FilterOptions, Path, str], Drawn] | None = None  # when `draw` is too big

    def figure(
        self, dataset: Dataset, filters: flt.Filters, options: flt.FilterOptions, data_dir: Path, lang: str
    ) -> go.Figure:
        return self.draw(dataset, filters, options, data_dir, lang).figure


def _pivot(
    dataset: Dataset, filters: flt.Filters, options: flt.FilterOptions, sides: tuple[str, ...], lang: str
) -> Drawn:
    pivot = pivot_events(flt.apply_to_events(dataset.events, filters, options), dataset.places)
    shown = pivot[pivot["side"].isin(sides)]
    dated = shown[shown["start"].notna()]
    return Drawn(
        timeline.pivot_figure(shown, dataset, lang),
        alt_text.events_alt(shown, lang),
        *_records("events", dated, "event_id"),
    )


def _doors_close(dataset, filters, options, data_dir, lang):
    return _pivot(dataset, filters, options, (CONTEXT_SIDE, WEST_SIDE), lang)


def _pivot_to_russia(dataset, filters, options, data_dir, lang):
    return _pivot(dataset, filters, options, (CONTEXT_SIDE, WEST_SIDE, RUSSIA_SIDE), lang)


def _russia_map(dataset, filters, options, data_dir, lang):
    events = flt.apply_to_events(dataset.events, filters, options)
    partners = maps.partner_sites(events, dataset.places, dataset.flows, lang)
    sites = maps.huawei_sites(dataset.places, lang)
    figure = maps.partner_figure(views.country_outlines(data_dir), partners, sites, lang)
    ties = events[events["place_id"].isin(partners["place_id"]) & events["category"].isin(PARTNER_TIE_CATEGORIES)]
    return Drawn(figure, alt_text.map_alt(partners, sites, lang), *_records("events", ties, "event_id"))


def _money(dataset, filters, options, data_dir, lang):
    # Research funding only: a write-down in billions on the same scale would leave the grants without length.
    flows = funding.research_or_all(flt.apply_to_flows(dataset.flows, filters, options), dataset.places, False)
    figure = funding.flows_figure(flows, dataset, group="status", log=False, lang=lang)
    drawn = funding.largest_per_panel(flt.money_drawn(flows))
    return Drawn(figure, alt_text.flows_alt(drawn, lang), *_records("flows", drawn, "flow_id"))


# A slide has room for a few panels of a few bars: the first US dollar panels (yearly, one-off, per project: the ones
# the step's sentence quotes), each with its largest amounts. The page and the export show them all.
SLIDE_PANELS, SLIDE_BARS = 3, 3


def _money_slide(dataset, filters, options, data_dir, lang):
    flows = flt.money_drawn(
        funding.research_or_all(flt.apply_to_flows(dataset.flows, filters, options), dataset.places, False)
    )
    kept = [pair for pair in funding.panels(flows) if pair[1] == "USD"][:SLIDE_PANELS]
    shown = flows[[pair in kept for pair in zip(flows["amount_kind"], flows["currency"])]]
    drawn = funding.largest_per_panel(shown, SLIDE_BARS)
    figure = funding.flows_figure(drawn, dataset, group="status", log=False, lang=lang)
    return Drawn(figure, alt_text.flows_alt(drawn, lang), *_records("flows", drawn, "flow_id"))


def _aws_vs_nvidia(dataset, filters, options, data_dir, lang):
    a, b = comparison.DEFAULT_PAIR
    moves = comparison.moves(flt.apply_to_events(dataset.events, filters, options), a, b)
    dated = moves[moves["start"].notna()]
    return Drawn(
        timeline.lanes_figure(dated, [a, b], dataset, lang),
        alt_text.events_alt(dated, lang),
        *_records("events", dated, "event_id"),
    )


STEPS: tuple[Step, ...] = (
    Step("doors_close", _doors_close, "timeline"),
    Step("pivot", _pivot_to_russia, "timeline"),
    Step("russia_map", _russia_map, "map"),
    Step("money", _money, "funding", slide=_money_slide),
    Step("aws_nvidia", _aws_vs_nvidia, "compare"),
)


def step_title(key: str, lang: str) -> tuple[str, str]:
    """A step's number and heading, from its title in the catalogue ('1. The doors close in the US')."""
    number, heading = t(f"briefing_{key}_title", lang).split(". ", 1)
    return number, heading


def takeaway(text: str) -> str:
    """The first sentence of a step's text: the one a slide shows."""
    return re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ])", text.strip(), maxsplit=1)[0]


def step_text(dataset: Dataset, key: str, lang: str) -> str:
    """The step's sentences, with figures taken from the data."""
    figures = {figure.label: figure.value for figure in headline_figures(dataset, lang)}
    values = list(figures.values())
    return t(f"briefing_{key}_text", lang, western=values[0], russian=values[1], budget=values[2], lab_years=values[3])


def _deck_sources(dataset: Dataset, source_ids: tuple[str, ...], lang: str, app_url: str) -> tuple[DeckSource, ...]:
    """The sources behind a step's records, each a link: its address, or else its entry on the app's Sources page."""
    by_id = {source["source_id"]: source for source in dataset.sources.to_dict("records")}
    params = {"lang": lang} if lang != "en" else {}
    deck = []
    for source_id in source_ids:
        source = by_id.get(source_id)
        if source is None:
            continue
        label = f"{localized(source, 'title', lang)} ({localized(source, 'publisher', lang)})"
        url = source["url"] if isinstance(source["url"], str) and source["url"] else ""
        deck.append(DeckSource(label, url or app_link(app_url, "sources", {"source": source_id} | params)))
    return tuple(deck)


def export_html(dataset: Dataset, data_dir: Path, lang: str = "en", app_url: str = "") -> str:
    """The briefing as a self-contained deck of slides (techrift/export.py): every step's slide, its sources as links,
    links back to the live app at `app_url` (its root), plotly.js and the font inline, no network needed to open it."""
    options = flt.options_for(dataset)
    filters = flt.default_filters(options)
    params = filters.to_params(options) | ({"lang": lang} if lang != "en" else {})
    steps = []
    for number, step in enumerate(STEPS, start=1):
        drawn = (step.slide or step.draw)(dataset, filters, options, data_dir, lang)
        text = step_text(dataset, step.key, lang)
        steps.append(
            DeckStep(
                title=step_title(step.key, lang)[1],
                takeaway=takeaway(text),
                text=text,
                figure_json=drawn.figure.to_json(),
                alt=drawn.alt,
                sources=_deck_sources(dataset, drawn.source_ids, lang, app_url),
                live_url=app_link(app_url, "briefing", {"present": "1", "step": str(number)} | params),
                page_url=app_link(app_url, step.page, params),
            )
        )
    release = dataset.release
    note = t("data_version", lang, version=release.version, data_as_of=release.data_as_of)
    return deck_html(steps, lang, t("briefing_title", lang), note)

"""The story in a handful of steps, for the briefing page and its self-contained HTML export; built from the pages' builders."""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from techrift import comparison, maps, style, views
from techrift import filters as flt
from techrift.charts import alt_text, funding, timeline
from techrift.data import Dataset
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
    draw: Callable[[flt.Scope, Path, str], Drawn]  # (scope, data folder, language)
    page: str  # the app's page (url path) that shows this step live
    slide: Callable[[flt.Scope, Path, str], Drawn] | None = None  # when `draw` is too big

    def figure(self, scope: flt.Scope, data_dir: Path, lang: str) -> go.Figure:
        return self.draw(scope, data_dir, lang).figure


def _pivot(scope: flt.Scope, sides: tuple[str, ...], lang: str) -> Drawn:
    dataset = scope.dataset
    pivot = pivot_events(scope.events(), dataset.places)
    shown = pivot[pivot["side"].isin(sides)]
    dated = shown[shown["start"].notna()]
    return Drawn(
        timeline.pivot_figure(shown, dataset, lang),
        alt_text.events_alt(shown, lang),
        *_records("events", dated, "event_id"),
    )


def _doors_close(scope, data_dir, lang):
    return _pivot(scope, (CONTEXT_SIDE, WEST_SIDE), lang)


def _pivot_to_russia(scope, data_dir, lang):
    return _pivot(scope, (CONTEXT_SIDE, WEST_SIDE, RUSSIA_SIDE), lang)


def _russia_map(scope, data_dir, lang):
    dataset, events = scope.dataset, scope.events()
    partners = maps.partner_sites(events, dataset.places, dataset.flows, lang)
    sites = maps.huawei_sites(dataset.places, lang)
    figure = maps.partner_figure(views.country_outlines(data_dir), partners, sites, lang)
    ties = events[events["place_id"].isin(partners["place_id"]) & events["category"].isin(PARTNER_TIE_CATEGORIES)]
    return Drawn(figure, alt_text.map_alt(partners, sites, lang), *_records("events", ties, "event_id"))


def _money(scope, data_dir, lang):
    # Research funding only: a write-down in billions on the same scale would leave the grants without length.
    dataset = scope.dataset
    flows = funding.research_or_all(scope.flows(), dataset.places, False)
    figure = funding.flows_figure(flows, dataset, group="status", log=False, lang=lang)
    drawn = funding.largest_per_panel(flt.money_drawn(flows))
    return Drawn(figure, alt_text.flows_alt(drawn, lang), *_records("flows", drawn, "flow_id"))


# A slide has room for a few panels of a few bars: the first US dollar panels (yearly, one-off, per project: the ones
# the step's sentence quotes), each with its largest amounts. The page and the export show them all.
SLIDE_PANELS, SLIDE_BARS = 3, 3


def _money_slide(scope, data_dir, lang):
    dataset = scope.dataset
    flows = flt.money_drawn(funding.research_or_all(scope.flows(), dataset.places, False))
    kept = [pair for pair in funding.panels(flows) if pair[1] == "USD"][:SLIDE_PANELS]
    shown = flows[[pair in kept for pair in zip(flows["amount_kind"], flows["currency"])]]
    drawn = funding.largest_per_panel(shown, SLIDE_BARS)
    figure = funding.flows_figure(drawn, dataset, group="status", log=False, lang=lang)
    return Drawn(figure, alt_text.flows_alt(drawn, lang), *_records("flows", drawn, "flow_id"))


def _aws_vs_nvidia(scope, data_dir, lang):
    dataset = scope.dataset
    a, b = comparison.DEFAULT_PAIR
    moves = comparison.moves(scope.events(), a, b)
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


# The exported file's look, in the app's colours.
PAGE_STYLE = string.Template(
    "body{font-family:system-ui,sans-serif;max-width:1200px;margin:2rem auto;padding:0 1rem;color:$ink}"
    "h1{font-size:2.6rem}h2{font-size:2rem;margin-top:3rem}p{font-size:1.3rem;line-height:1.5}"
    ".step{color:$subtle;font-size:1rem;margin-bottom:0}section{page-break-after:always}"
    ".alt,.sources{color:$muted;font-size:1rem}"
    # Printed (or saved as PDF from the browser): one step per page, with its sources, no chart toolbar.
    "@media print{body{max-width:none;margin:0}section{break-after:page;break-inside:avoid}h2{margin-top:0}"
    "p{font-size:1rem}figure{margin:0;zoom:0.5}.alt{font-size:1.5rem}.sources{font-size:0.6rem;line-height:1.3}"
    ".modebar{display:none!important}}"
).substitute(ink=style.INK, subtle=style.SUBTLE_INK, muted=style.MUTED_INK)


def _sources_line(dataset: Dataset, source_ids: tuple[str, ...], lang: str) -> str:
    """The sources behind a step's records, as one escaped line: 'Sources: Title (Publisher); ...'."""
    known = {
        source["source_id"]: f"{localized(source, 'title', lang)} ({localized(source, 'publisher', lang)})"
        for source in dataset.sources.to_dict("records")
    }
    names = [known.get(source, source) for source in source_ids]
    return html.escape(f"{t('sources', lang)}: {'; '.join(names)}")


def export_html(dataset: Dataset, data_dir: Path, lang: str = "en") -> str:
    """A self-contained HTML briefing: every step's text and chart, plotly.js inline, no network needed to open it."""
    scope = flt.Scope.everything(dataset)
    parts = []
    for number, step in enumerate(STEPS, start=1):
        drawn = step.draw(scope, data_dir, lang)
        chart = drawn.figure.to_html(
            full_html=False,
            include_plotlyjs=(number == 1),
            div_id=f"step-{number}-chart",
            config={"displaylogo": False},
        )
        parts.append(
            f'<section id="step-{number}"><p class="step">{html.escape(t("briefing_step", lang, number=number, total=len(STEPS)))}</p>'
            f"<h2>{html.escape(t(f'briefing_{step.key}_title', lang))}</h2>"
            f"<p>{html.escape(step_text(dataset, step.key, lang))}</p>"
            f"<figure>{chart}"
            f'<figcaption class="alt">{html.escape(drawn.alt)}</figcaption></figure>'
            f'<p class="sources">{_sources_line(dataset, drawn.source_ids, lang)}</p></section>'
        )
    title = html.escape(t("briefing_title", lang))
    release = dataset.release
    note = html.escape(
        f"{t('briefing_export_note', lang)} {t('data_version', lang, version=release.version, data_as_of=release.data_as_of)}"
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{PAGE_STYLE}</style></head>"
        f"<body><h1>{title}</h1><p>{note}</p>{''.join(parts)}</body></html>"
    )

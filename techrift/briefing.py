"""The story in a handful of steps, for the briefing page and its self-contained HTML export; built from the pages' builders."""

from __future__ import annotations

import html
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from techrift import compare, maps, style, views
from techrift import filters as flt
from techrift.charts import funding, timeline
from techrift.data import Dataset
from techrift.i18n import t
from techrift.overview import headline_figures
from techrift.pivot import pivot_events
from techrift.schema import CONTEXT, RUSSIA, WEST


@dataclass(frozen=True)
class Step:
    """One step: its key (labels briefing_<key>_title / _text) and the chart that goes with it."""

    key: str
    figure: Callable[[Dataset, flt.Filters, flt.FilterOptions, Path, str], go.Figure]


def _pivot(
    dataset: Dataset, filters: flt.Filters, options: flt.FilterOptions, sides: tuple[str, ...], lang: str
) -> go.Figure:
    pivot = pivot_events(flt.apply_to_events(dataset.events, filters, options), dataset.places)
    return timeline.pivot_figure(pivot[pivot["side"].isin(sides)], dataset, lang)


def _doors_close(dataset, filters, options, data_dir, lang):
    return _pivot(dataset, filters, options, (CONTEXT, WEST), lang)


def _pivot_to_russia(dataset, filters, options, data_dir, lang):
    return _pivot(dataset, filters, options, (CONTEXT, WEST, RUSSIA), lang)


def _russia_map(dataset, filters, options, data_dir, lang):
    events = flt.apply_to_events(dataset.events, filters, options)
    partners = maps.partner_sites(events, dataset.places, dataset.flows, lang)
    return maps.partner_figure(
        views.country_outlines(data_dir), partners, maps.huawei_sites(dataset.places, lang), lang
    )


def _money(dataset, filters, options, data_dir, lang):
    flows = flt.apply_to_flows(dataset.flows, filters, options)
    return funding.flows_figure(flows, dataset, group="status", log=True, lang=lang)


def _aws_vs_nvidia(dataset, filters, options, data_dir, lang):
    a, b = compare.DEFAULT_PAIR
    moves = compare.moves(flt.apply_to_events(dataset.events, filters, options), a, b)
    return timeline.lanes_figure(moves[moves["start"].notna()], [a, b], dataset, lang)


STEPS: tuple[Step, ...] = (
    Step("doors_close", _doors_close),
    Step("pivot", _pivot_to_russia),
    Step("russia_map", _russia_map),
    Step("money", _money),
    Step("aws_nvidia", _aws_vs_nvidia),
)


def step_title(key: str, lang: str) -> tuple[str, str]:
    """A step's number and heading, from its title in the catalogue ('1. The doors close in the US')."""
    number, heading = t(f"briefing_{key}_title", lang).split(". ", 1)
    return number, heading


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
).substitute(ink=style.INK, subtle=style.SUBTLE_INK)


def export_html(dataset: Dataset, data_dir: Path, lang: str = "en") -> str:
    """A self-contained HTML briefing: every step's text and chart, plotly.js inline, no network needed to open it."""
    options = flt.options_for(dataset)
    filters = flt.default_filters(options)
    parts = []
    for number, step in enumerate(STEPS, start=1):
        figure = step.figure(dataset, filters, options, data_dir, lang)
        chart = figure.to_html(
            full_html=False,
            include_plotlyjs=(number == 1),
            div_id=f"step-{number}-chart",
            config={"displaylogo": False},
        )
        parts.append(
            f'<section id="step-{number}"><p class="step">{html.escape(t("briefing_step", lang, number=number, total=len(STEPS)))}</p>'
            f"<h2>{html.escape(t(f'briefing_{step.key}_title', lang))}</h2>"
            f"<p>{html.escape(step_text(dataset, step.key, lang))}</p>{chart}</section>"
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

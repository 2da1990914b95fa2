"""The story in a handful of steps, for the briefing page and its self-contained HTML export; built from the pages' builders."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from techrift import comparison, maps, style, views
from techrift import filters as flt
from techrift.caching import memo
from techrift.charts import alt_text, funding, timeline
from techrift.data import Dataset
from techrift.export import DeckSource, DeckStep, app_link, deck_html
from techrift.i18n import localized, t
from techrift.overview import headline_figures
from techrift.pivot import lane_order, pivot_events
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
    label_px: int | None = None  # the slide's size for the chart's annotations, when not SLIDE_TEXT_PX

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
    scope = flt.Scope.everything(dataset)
    params = scope.filters.to_params(scope.options) | ({"lang": lang} if lang != "en" else {})
    steps = []
    for number, step in enumerate(STEPS, start=1):
        drawn = slide(step, scope, data_dir, lang)
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


# --- The slides (/briefing?present=1; techrift/ui/present.py) --------------------------------------------------------
# A slide is laid out once on a 1920x1080 canvas, in that canvas's pixels, and the browser scales the whole canvas to
# the screen (as reveal.js does): type and chart grow with the screen and keep their proportions, and what fits at one
# size fits at all. The sizes below are the minimums at 1920x1080, with a little to spare.
SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080
SLIDE_PAD_X, SLIDE_PAD_TOP, SLIDE_PAD_BOTTOM = 72, 28, 24
SLIDE_GAP = 12  # between the counter, the title, the takeaway and the chart
COUNTER_PX, TITLE_PX, TAKEAWAY_PX, SLIDE_TEXT_PX = 30, 60, 36, 22
LINE_HEIGHT = 1.25
TITLE_LINES, TAKEAWAY_LINES = 1, 2
# A lane's row holds its label with this much air: less, and neighbouring labels print over each other.
ROW_SPACING = 1.45
# The room a slide's chart keeps around its plot: the legend above (up to two rows of entries), the date axis below.
SLIDE_MARGIN_TOP, SLIDE_MARGIN_BOTTOM = 2 * round(SLIDE_TEXT_PX * 1.6) + 12, round(SLIDE_TEXT_PX * 2.4)
SLIDE_MARKER_SCALE = 1.5


def slide_scale(width: float, height: float) -> float:
    """How much the browser scales the slide's canvas to fit a `width` x `height` screen (the whole canvas shows)."""
    return min(width / SLIDE_WIDTH, height / SLIDE_HEIGHT)


def slide_chart_height() -> int:
    """The chart's height on the canvas: what the counter, the title and the takeaway leave."""
    text = COUNTER_PX * LINE_HEIGHT + TITLE_PX * LINE_HEIGHT * TITLE_LINES + TAKEAWAY_PX * LINE_HEIGHT * TAKEAWAY_LINES
    return int(SLIDE_HEIGHT - SLIDE_PAD_TOP - SLIDE_PAD_BOTTOM - 3 * SLIDE_GAP - text)


def rows_that_fit(plot_height: float, text_px: float = SLIDE_TEXT_PX) -> int:
    """How many named rows a lane axis of `plot_height` px can print without one label touching the next."""
    return max(int(plot_height // (text_px * ROW_SPACING)), 1)


def slide_rows() -> int:
    """How many lanes (or amounts) a slide's chart has room for."""
    return rows_that_fit(slide_chart_height() - SLIDE_MARGIN_TOP - SLIDE_MARGIN_BOTTOM)


def fold_lanes(lanes: list[str], room: int) -> tuple[list[str], list[str]]:
    """The lanes kept, in order, and those folded into one last row, so that at most `room` rows are drawn."""
    if len(lanes) <= room:
        return lanes, []
    return lanes[: room - 1], lanes[room - 1 :]


def _fold_into(pivot: pd.DataFrame, lanes: list[str], label_en: str, label_vi: str) -> pd.DataFrame:
    """The pivot with every event on one of `lanes` moved onto one row of a group, named in both languages."""
    moved = pivot["lane"].isin(lanes)
    return pivot.assign(
        lane=pivot["lane"].where(~moved, label_en),
        lane_vi=pivot["lane_vi"].where(~moved, label_vi),
        rollup=pivot["rollup"].where(~moved, "true"),
    )


def fit_pivot(pivot: pd.DataFrame, room: int, summarise: tuple[str, ...] = ()) -> pd.DataFrame:
    """The pivot with at most `room` lanes: each side in `summarise` on one row ("18 Western institutions"), then the
    last lanes of the longest side folded into one row ("6 more"); every event stays drawn, on some row."""
    dated = pivot[pivot["start"].notna()]
    for side in summarise:
        lanes = list(dated.loc[dated["side"] == side, "lane"].unique())
        if len(lanes) > 1:
            count = len(lanes)
            pivot = _fold_into(
                pivot,
                lanes,
                t(f"slide_summary_{side}", "en", count=count),
                t(f"slide_summary_{side}", "vi", count=count),
            )
    dated = pivot[pivot["start"].notna()]
    lanes = timeline.rollups_last(dated, lane_order(dated))
    if len(lanes) <= room:
        return pivot
    longest = dated.groupby("side")["lane"].nunique().idxmax()
    side_lanes = [lane for lane in lanes if dated.loc[dated["lane"] == lane, "side"].iloc[0] == longest]
    kept, folded = fold_lanes(side_lanes, len(side_lanes) - (len(lanes) - room))
    count = len(folded)
    return _fold_into(pivot, folded, t("slide_more_rows", "en", count=count), t("slide_more_rows", "vi", count=count))


MAP_LABEL_PX = 20
SLIDES_KEPT = 8 * 2 * 4  # a few steps' slides in two languages, for a few sets of filters


def for_slide(figure: go.Figure, height: int, label_px: int = SLIDE_TEXT_PX) -> go.Figure:
    """A copy of a step's figure sized for the slide's canvas: every text at SLIDE_TEXT_PX, marks larger, `height` px."""
    slide = go.Figure(figure)
    text = dict(size=SLIDE_TEXT_PX)
    slide.update_layout(
        height=height,
        font=text,
        legend=dict(font=text, title_font=text),
        hoverlabel=dict(font=text),
        margin=dict(t=SLIDE_MARGIN_TOP, b=SLIDE_MARGIN_BOTTOM, r=48),
    )
    slide.update_xaxes(tickfont=text, title_font=text)
    slide.update_yaxes(tickfont=text, title_font=text)
    for annotation in slide.layout.annotations:
        annotation.font.size = label_px
    for trace in slide.data:
        if trace.type == "scatter":
            marker = trace.marker
            if isinstance(marker.size, int | float):
                marker.size = marker.size * SLIDE_MARKER_SCALE
            trace.textfont.size = SLIDE_TEXT_PX
        elif trace.type == "bar":
            trace.textfont.size = SLIDE_TEXT_PX
    return slide


def _pivot_slide(
    scope: flt.Scope,
    data_dir: Path,
    lang: str,
    *,
    sides: tuple[str, ...],
    summarise: tuple[str, ...],
) -> Drawn:
    """The pivot on a slide: the sides in `summarise` on one row each, and no more lanes than the slide can print."""
    dataset = scope.dataset
    pivot = pivot_events(scope.events(), dataset.places)
    shown = fit_pivot(pivot[pivot["side"].isin(sides)], slide_rows(), summarise)
    dated = shown[shown["start"].notna()]
    return Drawn(
        timeline.pivot_figure(shown, dataset, lang),
        alt_text.events_alt(shown, lang),
        *_records("events", dated, "event_id"),
    )


def _money_slide(scope, data_dir, lang):
    # docs/charts.md's honest scale for amounts that span orders of magnitude: dots on one log axis in US dollars, so a
    # 70,000 USD cap sits far to the left of a 300 million budget; research funding only, the largest that fit.
    dataset = scope.dataset
    flows = flt.money_drawn(funding.research_or_all(scope.flows(), dataset.places, False))
    usd = flows["amount"].where(flows["currency"].eq("USD"), flows["usd_amount"])
    drawn = flows.assign(_usd=usd)[usd.notna()].nlargest(slide_rows(), "_usd").drop(columns="_usd")
    figure = funding.sizes_figure(drawn, dataset, lang=lang)
    return Drawn(figure, alt_text.flows_alt(drawn, lang), *_records("flows", drawn, "flow_id"))


# Which marks of the companies' lanes get a label beside them, most telling first (one label per mark, none over another).
LABELLED_CATEGORIES = ("lab_opened", "lab_closed", "policy", "market_exit", "deal", "milestone", "statement")
CHAR_WIDTH = 0.55  # of the type size: a wide average for the slide's font
TIERS = (1, -1, 2, -2)  # a label's line above (positive) or below its mark, nearest first
LANE_LABEL_PX = 160  # what a slide's lane names (two company names) take left of the plot, with the margin's pad


def label_positions(
    marks: list[tuple[str, float, str]], width_px: float, span: tuple[float, float], text_px: float = SLIDE_TEXT_PX
) -> list[tuple[int, int, float]]:
    """Which of `marks` ((lane, x, label), most telling first) get their label printed beside them on a `width_px`
    wide axis over `span`, and where: (index, tier, shift) with tier 1 above the mark, -1 below, 2 and -2 a line
    further, and `shift` the px it moves sideways to stay on the axis. A label is left out where it would cross
    another of its lane and line, or where the same words already name a mark next to it."""
    low, high = span
    taken: dict[tuple[str, int], list[tuple[float, float]]] = {}
    named: list[tuple[str, str, float]] = []  # (lane, label, centre) of each label kept
    kept = []
    for index, (lane, x, label) in enumerate(marks):
        centre = (x - low) / (high - low) * width_px if high > low else width_px / 2
        half = len(label) * CHAR_WIDTH * text_px / 2 + text_px / 2
        if 2 * half > width_px or any(
            (lane, label) == (other_lane, other) and abs(centre - at) < 4 * half for other_lane, other, at in named
        ):
            continue
        shift = max(half - centre, 0.0) + min(width_px - half - centre, 0.0)
        left, right = centre + shift - half, centre + shift + half
        for tier in TIERS:
            spans = taken.setdefault((lane, tier), [])
            if not any(left < end and start < right for start, end in spans):
                spans.append((left, right))
                named.append((lane, label, centre))
                kept.append((index, tier, shift))
                break
    return kept


def mark_labels(dated: pd.DataFrame, width_px: float, span: tuple[pd.Timestamp, pd.Timestamp], lang: str) -> list[dict]:
    """Annotations that name the kinds of the lanes' marks beside them ("Lab opened", "Policy"), as many as fit on
    a `width_px` wide date axis over `span`."""
    ranked = dated[dated["category"].isin(LABELLED_CATEGORIES)].copy()
    ranked["rank"] = ranked["category"].map({category: i for i, category in enumerate(LABELLED_CATEGORIES)})
    ranked["middle"] = ranked["start"] + (ranked["end"].fillna(ranked["start"]) - ranked["start"]) / 2
    ranked = ranked.sort_values(["rank", "start"]).drop_duplicates(["lane", "category", "middle"])
    low, high = span
    to_ms = pd.Timedelta(milliseconds=1)
    marks = [
        (str(lane), (middle - low) / to_ms, t(f"category_{category}", lang))
        for lane, middle, category in zip(ranked["lane"], ranked["middle"], ranked["category"])
    ]
    return [
        dict(
            x=ranked["middle"].iloc[index],
            y=marks[index][0],
            text=html.escape(marks[index][2]),
            showarrow=False,
            xshift=shift,
            yshift=tier * SLIDE_TEXT_PX * 1.3,
            font=dict(size=SLIDE_TEXT_PX, color=style.INK),
            bgcolor=style.PAPER,  # a label that meets a mark stays readable on the paper, not ink on ink
        )
        for index, tier, shift in label_positions(marks, width_px, (0.0, (high - low) / to_ms))
    ]


def _date_span(figure: go.Figure, dated: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates a figure's x axis spans: its range when it sets one, else the marks' with plotly.js's padding."""
    if figure.layout.xaxis.range:
        low, high = figure.layout.xaxis.range
        return pd.Timestamp(low), pd.Timestamp(high)
    low, high = dated["start"].min(), dated["end"].fillna(dated["start"]).max()
    return low - (high - low) * 0.04, high + (high - low) * 0.04


def _aws_vs_nvidia_slide(scope, data_dir, lang):
    # Each mark says what it is beside it, so the takeaway needs no pointer (docs/charts.md: label the data).
    drawn = _aws_vs_nvidia(scope, data_dir, lang)
    a, b = comparison.DEFAULT_PAIR
    moves = comparison.moves(scope.events(), a, b)
    dated = moves[moves["start"].notna()]
    width = SLIDE_WIDTH - 2 * SLIDE_PAD_X - LANE_LABEL_PX - 48
    figure = go.Figure(drawn.figure)
    # A rule between the companies' lanes: the eye keeps each label with its company.
    rule = dict(
        type="line",
        xref="x domain",
        x0=0,
        x1=1,
        yref="y",
        y0=0.5,
        y1=0.5,
        line=dict(color=style.MUTED_INK, width=1, dash="dot"),
    )
    figure.update_layout(
        annotations=[*figure.layout.annotations, *mark_labels(dated, width, _date_span(figure, dated), lang)],
        shapes=[*figure.layout.shapes, rule],
    )
    return drawn._replace(figure=figure)


STEPS: tuple[Step, ...] = (
    Step(
        "doors_close",
        _doors_close,
        "timeline",
        slide=partial(_pivot_slide, sides=(CONTEXT_SIDE, WEST_SIDE), summarise=()),
    ),
    Step(
        "pivot",
        _pivot_to_russia,
        "timeline",
        slide=partial(_pivot_slide, sides=(CONTEXT_SIDE, WEST_SIDE, RUSSIA_SIDE), summarise=(WEST_SIDE,)),
    ),
    # The map's labels were placed for its own type size in its own pixels (techrift/maps): on the slide they grow with
    # the map, a little more than in proportion.
    Step("russia_map", _russia_map, "map", label_px=MAP_LABEL_PX),
    Step("money", _money, "funding", slide=_money_slide),
    Step("aws_nvidia", _aws_vs_nvidia, "compare", slide=_aws_vs_nvidia_slide),
)


# Every step's slide is drawn on each run of the slides: kept, so a rerun (a reconnection, another viewer with the same
# filters) rebuilds none, and each figure's JSON is made once (techrift/ui/plotly_chart.py keys it by identity).
@memo(SLIDES_KEPT)
def slide(step: Step, scope: flt.Scope, data_dir: Path, lang: str) -> Drawn:
    """A step as its slide draws it: no more than the canvas can print, every text at the slide's size."""
    drawn = (step.slide or step.draw)(scope, data_dir, lang)
    return drawn._replace(figure=for_slide(drawn.figure, slide_chart_height(), step.label_px or SLIDE_TEXT_PX))

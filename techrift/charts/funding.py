"""Money flows as bars that never mix meanings: one panel per kind of amount and currency, one bar per amount.

One module although it is long: the bars, the dot plot, the tables and the picker share one way of naming an amount
(bar_label, unique_bar_labels, years_label) and one scale per meaning, and the views, the pages and the briefing call
them as `funding.<name>`. The figures that are not money (key_targets, figures_table, the count series) are the part
to move to a module of their own when this one grows."""

from __future__ import annotations

import html
import math
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from techrift import evidence, schema, style
from techrift import filters as flt
from techrift.caching import memo
from techrift.charts import FIGURES_KEPT, first_of_each
from techrift.data import Dataset
from techrift.formatting import (
    KeyFigure,
    amount_label,
    figure_value,
    format_amount,
    number_axis,
    value_label,
    years_label,
)
from techrift.i18n import localized, localized_column, t
from techrift.support import support_texts

GROUPINGS = ("payer", "recipient", "year", "status")
# Pixels between two panels: room for one's tick labels and currency, and the next one's title, in the exported
# briefing's fonts too (a share of the height overlapped them there); and the pixels of the height outside the panels
# (the legend above, the last axis below), which the share of the plot that makes the gap leaves out.
PANEL_GAP, OUTSIDE_PANELS = 110, 160
MAX_BARS_PER_PANEL = 30


# Kinds of amount that are never money to universities or research partners.
CONTEXT_KINDS = ("charge", "forgone_sales")


def is_research_funding(flows: pd.DataFrame, places: pd.DataFrame) -> pd.Series:
    """Whether each flow is money to universities or research partners, not context (a company's own R&D spending, its
    revenue, a write-down): the data's `is_research_funding` where it has it; else a charge or forgone sales, or money
    to a company's own site, is context."""
    if "is_research_funding" in flows.columns:
        column = flows["is_research_funding"]
        return column.astype(str).str.lower().isin(["true", "1"]) if column.dtype != bool else column
    company_places = places.loc[places["kind"].isin(schema.COMPANY_SITE_KINDS), "place_id"]
    return ~(flows["amount_kind"].isin(CONTEXT_KINDS) | flows["recipient_place_id"].isin(company_places))


def research_or_all(flows: pd.DataFrame, places: pd.DataFrame, context: bool) -> pd.DataFrame:
    """The research funding of `flows`, or every flow when `context` (the reader chose to see context amounts too)."""
    return flows if context else flows[is_research_funding(flows, places)]


def group_colours(dataset: Dataset, group: str) -> dict[str, str]:
    """One colour per group key (status, payer, recipient, year) from the whole dataset: a filter never recolours."""
    if group == "status":
        return dict(style.STATUS_COLORS)
    return style.stable_colours(_group_key(flow, group) for flow in dataset.flows.to_dict("records"))


def panels(flows: pd.DataFrame) -> list[tuple[str, str]]:
    """The (amount kind, currency) pairs present, in the schema's order of kinds: one panel each."""
    order = {kind: rank for rank, kind in enumerate(schema.AMOUNT_KINDS)}
    pairs = flows[["amount_kind", "currency"]].drop_duplicates()
    return sorted(map(tuple, pairs.to_numpy()), key=lambda pair: (order[pair[0]], pair[1] != "USD", pair[1]))


def _group_key(flow: Mapping[Hashable, Any], group: str) -> str:
    """The group a bar is coloured by, in no language: a status code, the English payer. Colours follow the key, so a
    group keeps its colour when the language changes."""
    if group == "status":
        return str(flow["status"])
    return _group_value(flow, group, "en")


def _group_value(flow: Mapping[Hashable, Any], group: str, lang: str) -> str:
    if group == "year":
        return years_label(flow, lang)
    if group == "status":
        return t(f"status_{flow['status']}", lang)
    return localized(flow, group, lang)


def _hover(flow: Mapping[Hashable, Any], publishers: str, supported: str, lang: str) -> str:
    lines = [
        f"<b>{html.escape(localized(flow, 'payer', lang))} → {html.escape(localized(flow, 'recipient', lang))}</b>",
        html.escape(amount_label(flow, lang)),
        f"{html.escape(t('year', lang))}: {html.escape(years_label(flow, lang))} · {html.escape(t('status_' + flow['status'], lang))}",
    ]
    if pd.notna(flow["usd_amount"]):
        lines.append(
            html.escape(f"≈ {format_amount(flow['usd_amount'], 'USD', lang)}: {localized(flow, 'usd_note', lang)}")
        )
    lines.append(f"{html.escape(t('sources', lang))}: {html.escape(publishers)}")
    lines.append(f"{html.escape(t('support', lang))}: {html.escape(supported)}")
    return "<br>".join(lines)


def bar_label(flow: Mapping[Hashable, Any], lang: str = "en") -> str:
    """The y-axis label of one amount: who pays whom, and when."""
    return f"{localized(flow, 'payer', lang)} → {localized(flow, 'recipient', lang)} ({years_label(flow, lang)})"


def unique_bar_labels(flows: pd.DataFrame, dataset: Dataset, lang: str = "en") -> dict[str, str]:
    """Bar labels by flow id; where two amounts of one panel would share a label, the source names them apart.

    Two bars with one label would be drawn as one stacked bar: an addition the data never made.
    """
    labels = pd.Series([bar_label(flow, lang) for flow in flows.to_dict("records")], index=flows.index)
    shared = labels.groupby([flows["amount_kind"], flows["currency"], labels]).transform("size") > 1
    if shared.any():
        named = flows[shared]
        labels[shared] += [
            f" · {publishers} [{flow_id}]"
            for publishers, flow_id in zip(dataset.publishers(named["source_ids"], lang), named["flow_id"])
        ]
    return dict(zip(flows["flow_id"], labels))


def flow_choices(flows: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """Each flow's label in the page's picker, by flow id: the amount, then who pays whom and when."""
    return {
        flow["flow_id"]: f"{amount_label(flow, lang)} · {bar_label(flow, lang)}" for flow in flows.to_dict("records")
    }


def largest_per_panel(flows: pd.DataFrame, limit: int = MAX_BARS_PER_PANEL) -> pd.DataFrame:
    """The `limit` largest amounts of each (kind, currency) panel: a chart of thousands of bars shows none of them."""
    return flows.sort_values("amount", ascending=False).groupby(["amount_kind", "currency"], sort=False).head(limit)


@memo(FIGURES_KEPT, by_content=True)
def flows_figure(
    flows: pd.DataFrame,
    dataset: Dataset,
    group: str = "recipient",
    log: bool = False,
    lang: str = "en",
    measure_labels: bool = False,
) -> go.Figure:
    """One horizontal bar per amount, in one panel per (kind, currency) with its own axis; colour by `group`.

    A panel with more than MAX_BARS_PER_PANEL amounts shows its largest and says so in its title. Estimates are left
    out (see filters.money_drawn). With `measure_labels`, the room for the bars' labels is measured here, in the app's
    chart font (style.text_width), instead of by plotly.js in the browser: for a page of the app, which has that font,
    not for an export, which may not.
    """
    flows = flt.money_drawn(flows)
    kinds = panels(flows)
    totals = flows.groupby(["amount_kind", "currency"]).size()
    flows = largest_per_panel(flows)
    counts = [int(min(totals[pair], MAX_BARS_PER_PANEL)) for pair in kinds]
    titles = [f"{t('kind_' + kind, lang)} ({currency})" for kind, currency in kinds]
    titles = [
        title
        if totals[pair] <= MAX_BARS_PER_PANEL
        else f"{title}: {t('largest_of', lang, shown=MAX_BARS_PER_PANEL, total=int(totals[pair]))}"
        for title, pair in zip(titles, kinds)
    ]
    height = OUTSIDE_PANELS + 60 * sum(counts) + PANEL_GAP * len(kinds)
    figure = make_subplots(
        rows=len(kinds),
        cols=1,
        row_heights=counts,
        vertical_spacing=PANEL_GAP / (height - OUTSIDE_PANELS),
        subplot_titles=titles,
    )
    records = flows.to_dict("records")
    bars_of = flows.assign(
        group_key=[_group_key(flow, group) for flow in records],
        group_value=[_group_value(flow, group, lang) for flow in records],
        label=flows["flow_id"].map(unique_bar_labels(flows, dataset, lang)),
        text=[amount_label(flow, lang) for flow in records],
        hover=[
            _hover(flow, publishers, supported, lang) + quote  # the sentence behind it, shortened
            for flow, publishers, supported, quote in zip(
                records,
                dataset.publishers(flows["source_ids"], lang),
                support_texts(flows, lang),
                evidence.hover_lines(dataset, "flows", flows["flow_id"], lang),
            )
        ],
    )
    group_keys = sorted(bars_of["group_key"].unique())
    colours = group_colours(dataset, group)
    # One scale per currency across every panel: a bar's length is its amount, whichever panel it is in.
    ranges = {
        currency: _money_range(bars_of.loc[bars_of["currency"] == currency, "amount"], log)
        for currency in bars_of["currency"].unique()
    }
    in_legend: set[str] = set()
    for row_number, (kind, currency) in enumerate(kinds, start=1):
        panel = bars_of[(bars_of["amount_kind"] == kind) & (bars_of["currency"] == currency)].sort_values("amount")
        for key in group_keys:
            bars = panel[panel["group_key"] == key]
            if bars.empty:
                continue
            value = bars["group_value"].iloc[0]
            colour = colours.get(key, style.GROUP_PALETTE[0])
            common: dict[str, Any] = dict(
                name=value,
                legendgroup=value,
                showlegend=value not in in_legend,
                x=bars["amount"],
                y=bars["label"],
                customdata=bars[["flow_id"]].to_numpy(),
                hovertext=bars["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"amount_kind": kind, "currency": currency},
            )
            not_paid = [s not in schema.PAID_LIKE_STATUSES for s in bars["status"]]
            if log:
                # On a log scale a bar's length means nothing (it starts at an arbitrary floor): a dot marks the amount.
                figure.add_trace(
                    go.Scatter(
                        mode="markers+text",
                        text=bars["text"],
                        textposition="middle right",
                        textfont=dict(color=style.INK),
                        cliponaxis=False,
                        marker=dict(
                            color=[style.PAPER if hollow else colour for hollow in not_paid],
                            size=14,
                            line=dict(color=colour, width=2.5),
                        ),
                        **common,
                    ),
                    row=row_number,
                    col=1,
                )
            else:
                figure.add_trace(
                    go.Bar(
                        orientation="h",
                        text=bars["text"],
                        textposition="auto",
                        insidetextfont=dict(color=style.text_on(colour)),
                        outsidetextfont=dict(color=style.INK),
                        cliponaxis=False,
                        marker=dict(
                            color=colour,
                            pattern=dict(
                                shape=[style.NOT_PAID_HATCH if hollow else "" for hollow in not_paid],
                                fgcolor=style.HATCH,
                                fillmode="overlay",
                            ),
                        ),
                        **common,
                    ),
                    row=row_number,
                    col=1,
                )
            in_legend.add(value)
        figure.update_xaxes(
            type="log" if log else "linear",
            title_text=t("log_axis", lang, currency=currency) if log else t("shared_axis", lang, currency=currency),
            range=ranges[currency],
            row=row_number,
            col=1,
            **number_axis(bars_of.loc[bars_of["currency"] == currency, "amount"], lang, log),
        )
    figure.update_layout(
        template=style.TEMPLATE_NAME,
        barmode="stack",
        height=height,
        legend=dict(title=t(f"group_{group}", lang)),
        clickmode="event+select",
        uniformtext=dict(minsize=style.MIN_TEXT_PX, mode="show"),
    )
    if measure_labels and (width := style.text_width(bars_of["label"])) is not None:
        # plotly.js measuring the labels of every panel (automargin) was much of each redraw (docs/performance.md).
        figure.update_layout(margin_l=math.ceil(width) + style.TICK_LABEL_GAP).update_yaxes(automargin=False)
    return figure


def _money_range(amounts: pd.Series, log: bool) -> list[float]:
    """An axis range holding every amount of one currency, with room after the largest for its label."""
    high = float(amounts.max())
    if log:
        low = float(amounts[amounts > 0].min())
        return [math.floor(math.log10(low)) - 0.1, math.log10(high) + 0.9]
    return [0.0, high * 1.3]


SIZES_ROW_PX, SIZES_OUTSIDE_PX = 44, 150  # a row holds two lines: its name and its amount
SIZES_LEGEND_ROW_PX = 22  # the legend stands above the plot, an entry a line: its height is not the rows'


@memo(FIGURES_KEPT, by_content=True)
def sizes_figure(flows: pd.DataFrame, dataset: Dataset, lang: str = "en") -> go.Figure:
    """How big is each: every amount (in US dollars, a source's own conversion for other currencies) as a dot on one
    log axis, its shape saying what it means (a year, a one-off, a cap...), research funding apart from context."""
    drawn = flt.money_drawn(flows)
    usd = drawn["amount"].where(drawn["currency"].eq("USD"), drawn["usd_amount"])
    drawn = drawn.assign(usd=usd)[usd.notna() & (usd > 0)].sort_values("usd")
    research = is_research_funding(drawn, dataset.places)
    labels = unique_bar_labels(drawn, dataset, lang)
    rows = list(drawn["flow_id"].map(labels))
    figure = go.Figure()
    for is_research, name in ((True, t("research_funding", lang)), (False, t("context_amount", lang))):
        for kind in schema.AMOUNT_KINDS:
            dots = drawn[(research == is_research) & drawn["amount_kind"].eq(kind)]
            if dots.empty:
                continue
            records = dots.to_dict("records")
            figure.add_trace(
                go.Scatter(
                    # The amount is written under its row's name, not beside its dot: beside a dot it ran into the
                    # row names or past the chart's edge wherever the names were long (Vietnamese).
                    mode="markers",
                    name=f"{name}: {t('kind_' + kind, lang)}",
                    x=dots["usd"],
                    y=dots["flow_id"].map(labels),
                    marker=dict(
                        symbol=style.AMOUNT_KIND_SYMBOLS[kind],
                        size=14,
                        color=style.GROUP_PALETTE[0] if is_research else style.MUTED_INK,
                        line=dict(color=style.INK, width=1),
                    ),
                    customdata=dots[["flow_id"]].to_numpy(),
                    hovertext=[html.escape(f"{bar_label(flow, lang)}: {amount_label(flow, lang)}") for flow in records],
                    hovertemplate="%{hovertext}<extra></extra>",
                    meta={"amount_kind": kind, "research": is_research},
                )
            )
    figure.update_layout(
        template=style.TEMPLATE_NAME,
        height=SIZES_OUTSIDE_PX + SIZES_LEGEND_ROW_PX * len(figure.data) + SIZES_ROW_PX * max(len(drawn), 1),
        xaxis=dict(
            type="log",
            title=t("log_axis", lang, currency="USD"),
            range=_money_range(drawn["usd"], log=True) if not drawn.empty else None,
            **number_axis(drawn["usd"], lang, log=True),
        ),
        yaxis=dict(
            categoryorder="array",
            categoryarray=rows,
            tickmode="array",
            tickvals=rows,
            ticktext=[
                f"{html.escape(row)}<br><b>{html.escape(amount_label(flow, lang))}</b>"
                for row, flow in zip(rows, drawn.to_dict("records"))
            ],
            title=None,
        ),
        legend=dict(title=t("sizes_legend", lang)),
    )
    return figure


def flows_table(flows: pd.DataFrame, dataset: Dataset, lang: str = "en") -> pd.DataFrame:
    """The flows shown, one row each, with amount, unit, meaning, years, status, conversion note and sources."""
    records = flows.to_dict("records")
    return pd.DataFrame(
        {
            "payer": localized_column(flows, "payer", lang),
            "recipient": localized_column(flows, "recipient", lang),
            "amount": flows["amount"],
            "currency": flows["currency"],
            "meaning": [t(f"kind_{k}", lang) for k in flows["amount_kind"]],
            "label": [amount_label(flow, lang) for flow in records],
            "years": [years_label(flow, lang) for flow in records],
            "status": [t(f"status_{s}", lang) for s in flows["status"]],
            "usd_equivalent": flows["usd_amount"],
            "usd_note": localized_column(flows, "usd_note", lang),
            "description": localized_column(flows, "description", lang),
            "sources": dataset.publishers(flows["source_ids"], lang),
            "support": support_texts(flows, lang),
            "flow_id": flows["flow_id"],
        }
    ).reset_index(drop=True)


def count_series(metrics: pd.DataFrame, subject: str, metric: str) -> pd.DataFrame:
    """One non-money measure over the years (e.g. Skoltech's Huawei contracts), oldest first.

    Records of the same value in the same year would be drawn as bars on top of each other: one row stands for
    them, the first, and `records` counts them."""
    series = metrics[(metrics["subject"] == subject) & (metrics["metric"] == metric) & metrics["year"].notna()]
    return first_of_each(series, ["year", "value", "unit"], "records").sort_values("year")


# Amounts named in a count chart's note; the flows table lists every one.
AMOUNTS_IN_NOTE = 3


def amounts_note(flows: pd.DataFrame, lang: str = "en") -> str | None:
    """The distinct amounts of `flows` with their years, for a note on a count chart: at most AMOUNTS_IN_NOTE, then
    how many more (on a large dataset a note naming every amount was unreadable and slow to draw)."""
    amounts = list(
        dict.fromkeys(f"{amount_label(flow, lang)} ({years_label(flow, lang)})" for flow in flows.to_dict("records"))
    )
    if not amounts:
        return None
    more = len(amounts) - AMOUNTS_IN_NOTE
    return " · ".join(amounts[:AMOUNTS_IN_NOTE]) + (f" · {t('more_amounts', lang, count=more)}" if more > 0 else "")


def count_series_figure(series: pd.DataFrame, note: str | None = None, lang: str = "en") -> go.Figure:
    """A small bar chart of a count over the years, on its own count axis; `note` annotates it (e.g. the money)."""
    records = series.to_dict("records")
    unit = localized(records[0], "unit", lang) if records else ""
    figure = go.Figure(
        go.Bar(
            x=series["year"].astype(str),
            y=series["value"],
            text=[figure_value(metric["value"], metric, lang) for metric in records],
            textposition="outside",
            marker_color=style.COUNT_BAR_COLOR,
            customdata=series[["metric_id"]].to_numpy(),
            hovertext=[
                html.escape(text)
                + (f"<br><i>{html.escape(t('same_bar', lang, count=records))}</i>" if records > 1 else "")
                for text, records in zip(localized_column(series, "description", lang), series["records"])
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    figure.update_layout(
        template=style.TEMPLATE_NAME,
        height=320,
        yaxis=dict(title=unit, rangemode="tozero", **number_axis([0, *series["value"]], lang)),
        xaxis=dict(type="category", title=None),
    )
    if note:
        # Above the plot, growing upwards: wrapped onto two lines on a phone, it must not reach the bars' labels.
        figure.add_annotation(
            x=1,
            xref="paper",
            y=1.02,
            yref="paper",
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            text=html.escape(note),
        )
        figure.update_layout(margin_t=70)
    return figure


def estimates_note(flows: pd.DataFrame, lang: str = "en") -> str | None:
    """What a money chart of `flows` leaves out for being estimates (see filters.money_drawn), or None."""
    left_out = len(flows) - len(flt.money_drawn(flows))
    return t("estimates_not_drawn", lang, count=left_out) if left_out else None


# Targets shown as headline figures above the table (the seeds have three); the table below holds them all.
TARGETS_SHOWN = 3


def key_targets(metrics: pd.DataFrame, lang: str = "en") -> tuple[tuple[KeyFigure, ...], int]:
    """The first TARGETS_SHOWN targets as headline figures (their horizon as the detail), and how many more there are."""
    targets = metrics[metrics["kind"].eq("target")]
    shown = tuple(
        KeyFigure(
            localized(target, "metric", lang),
            value_label(target, lang),
            t("within_years", lang, years=target["horizon_years"], year=target["year"]),
            target["source_ids"],
        )
        for target in targets.head(TARGETS_SHOWN).to_dict("records")
    )
    return shown, len(targets) - len(shown)


def metric_year_label(metric: Mapping[Hashable, Any], lang: str = "en") -> str:
    """A figure's year as a reader needs it: a claim's year is when it was reported, not a year it measures."""
    year = metric["year"]
    if pd.isna(year):
        return ""
    return t("year_reported", lang, year=int(year)) if metric["kind"] == "claim" else str(int(year))


def figures_table(metrics: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Non-money figures (targets, measures, claims) with their units: never on a money axis."""
    return pd.DataFrame(
        {
            "subject": localized_column(metrics, "subject", lang),
            "figure": localized_column(metrics, "metric", lang),
            "value": metrics["value"],
            "unit": localized_column(metrics, "unit", lang),
            "as_stated": [value_label(metric, lang) for metric in metrics.to_dict("records")],
            "kind": [t(f"metric_{k}", lang) for k in metrics["kind"]],
            "year": [metric_year_label(metric, lang) for metric in metrics.to_dict("records")],
            "within_years": metrics["horizon_years"],
            "description": localized_column(metrics, "description", lang),
            "support": support_texts(metrics, lang),
            "metric_id": metrics["metric_id"],
        }
    ).reset_index(drop=True)

"""The pivot timeline: Western institutions stepping back from Huawei, and Huawei's Russian ties, on one date axis.

Which events are drawn, on which side and lane, is decided in techrift/pivot.py; this module draws them."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from techrift import evidence, schema, style
from techrift.caching import memo
from techrift.charts import FIGURES_KEPT, first_of_each, lane_axis
from techrift.data import Dataset
from techrift.formatting import date_axis
from techrift.i18n import localized_column, t
from techrift.pivot import lane_order
from techrift.support import support_texts

ONE_DAY = pd.Timedelta(days=1)


def _hover(pivot: pd.DataFrame, dataset: Dataset, lang: str) -> list[str]:
    precisions = [t(f"precision_{p}", lang) if isinstance(p, str) else "" for p in pivot["date_precision"]]
    sources = t("sources", lang)
    inferred = f"<br><i>{html.escape(t('identification_inferred_note', lang))}</i>"
    support_label = t("support", lang)
    return [
        f"<b>{html.escape(lane)}</b><br>"
        f"{html.escape(t(f'category_{category}', lang))}: {html.escape(title)}<br>"
        f"{html.escape(date)} ({html.escape(precision)})<br>"
        f"{html.escape(sources)}: {html.escape(publishers)}<br>"
        f"{html.escape(support_label)}: {html.escape(supported)}"
        f"{inferred if identification == 'inferred' else ''}"
        for lane, category, title, date, precision, publishers, supported, identification in zip(
            localized_column(pivot, "lane", lang),
            pivot["category"],
            localized_column(pivot, "title", lang),
            localized_column(pivot, "date_label", lang),
            precisions,
            dataset.publishers(pivot["source_ids"], lang),
            support_texts(pivot, lang),
            pivot["identification"],
        )
    ]


def lane_names(events: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each lane's name in the language, by its (English) id."""
    return dict(zip(events["lane"], localized_column(events, "lane", lang)))


# Marks drawn on the same spot, and how many of their titles a merged mark's hover lists.
COINCIDENT = ["lane", "category", "approximate", "start", "end"]
TITLES_LISTED = 5


def merge_coincident(dated: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One row per mark: events on the same lane, of the same kind and over the same dates would be drawn exactly on
    top of each other (only the top one reachable), so they become one mark, the first event's. Adds `merged`, how
    many events the mark stands for, and `also`, hover lines naming the others ("" for a mark of one event)."""
    dated = dated.reset_index(drop=True)
    merged = first_of_each(dated, COINCIDENT, "merged").assign(also="")
    shared = merged[merged["merged"] > 1]
    if shared.empty:
        return merged
    others = dated.drop(index=merged.index)
    titles = localized_column(others, "title", lang)
    listed = titles.groupby([others[key] for key in COINCIDENT], sort=False, dropna=False).agg(
        lambda more: "<br>".join(map(html.escape, more.head(TITLES_LISTED)))
    )
    lines = listed.reindex(pd.MultiIndex.from_frame(shared[COINCIDENT])).to_numpy()
    merged.loc[shared.index, "also"] = [
        f"<br><i>{html.escape(t('same_mark', lang, count=count - 1))}</i><br>{line}"
        + (
            f"<br>{html.escape(t('more_events', lang, count=count - 1 - TITLES_LISTED))}"
            if count - 1 > TITLES_LISTED
            else ""
        )
        for count, line in zip(shared["merged"], lines)
    ]
    return merged


def lanes_figure(events: pd.DataFrame, lanes: list[str], dataset: Dataset, lang: str = "en") -> go.Figure:
    """Dated events on named lanes: markers for dates known to the day, shaded spans over the whole month, year or period otherwise.

    `events` needs a `lane` column; one legend entry per kind of action.
    """
    dated = merge_coincident(events[events["start"].notna()], lang)
    quoted = evidence.hover_lines(dataset, "events", dated["event_id"], lang)  # the sentence behind it, shortened
    dated["hover"] = [
        hover + quote + also for hover, quote, also in zip(_hover(dated, dataset, lang), quoted, dated["also"])
    ]
    lane_labels = lane_names(dated, lang)
    figure = go.Figure()
    shown_in_legend: set[str] = set()
    for category in schema.EVENT_CATEGORIES:
        of_kind = dated[dated["category"] == category]
        if of_kind.empty:
            continue
        label = t(f"category_{category}", lang)
        exact, approximate = of_kind[~of_kind["approximate"]], of_kind[of_kind["approximate"]]
        if not approximate.empty:
            figure.add_trace(
                go.Bar(
                    name=label,
                    legendgroup=category,
                    showlegend=category not in shown_in_legend,
                    orientation="h",
                    y=approximate["lane"],
                    base=approximate["start"],
                    x=[
                        (end + ONE_DAY - start) / pd.Timedelta(milliseconds=1)
                        for start, end in zip(approximate["start"], approximate["end"])
                    ],
                    # Light and thin: a date known only to the month or year must not outweigh a dated mark.
                    marker=dict(
                        color=style.CATEGORY_COLORS[category],
                        opacity=0.35,
                        pattern=dict(shape="/", fgcolor=style.HATCH, fillmode="overlay", solidity=0.4),
                        line=dict(color=style.CATEGORY_COLORS[category], width=1.5),
                    ),
                    selected=dict(marker=dict(opacity=0.8)),
                    unselected=dict(marker=dict(opacity=0.2)),
                    customdata=approximate[["event_id"]].to_numpy(),
                    hovertext=approximate["hover"],
                    hovertemplate="%{hovertext}<extra></extra>",
                    meta="approximate",
                    width=0.35,
                )
            )
            shown_in_legend.add(category)
        if not exact.empty:
            figure.add_trace(
                go.Scatter(
                    name=label,
                    legendgroup=category,
                    showlegend=category not in shown_in_legend,
                    mode="markers",
                    x=exact["start"],
                    y=exact["lane"],
                    marker=dict(
                        color=style.CATEGORY_COLORS[category],
                        symbol=style.CATEGORY_SYMBOLS[category],
                        size=16,
                        line=dict(color=style.INK, width=1),
                    ),
                    customdata=exact[["event_id"]].to_numpy(),
                    hovertext=exact["hover"],
                    hovertemplate="%{hovertext}<extra></extra>",
                    meta="exact",
                    # A picked mark grows and the others fade, so the reader sees which one the detail below is.
                    selected=dict(marker=dict(size=24)),
                    unselected=dict(marker=dict(opacity=0.35)),
                )
            )
            shown_in_legend.add(category)
    figure.update_layout(
        template=style.TEMPLATE_NAME,
        barmode="overlay",
        height=140 + 34 * max(len(lanes), 1),
        yaxis=lane_axis(lanes, [lane_labels.get(lane, lane) for lane in lanes]),
        xaxis=dict(type="date", title=None, **date_axis(dated["start"].min(), dated["end"].max(), lang)),
        clickmode="event+select",
        dragmode="pan",
        legend=dict(title=t("timeline_legend", lang)),
    )
    return figure


@memo(FIGURES_KEPT, by_content=True)
def pivot_figure(pivot: pd.DataFrame, dataset: Dataset, lang: str = "en") -> go.Figure:
    """The pivot on one date axis: Western institutions above, Huawei's Russian ties below."""
    dated = pivot[pivot["start"].notna()]
    lanes = rollups_last(dated, lane_order(dated))
    figure = lanes_figure(dated, lanes, dataset, lang)
    grouped = set(dated.loc[is_rollup(dated), "lane"])
    if grouped:  # a group's row is named in italics, after its side's institutions
        labels = [
            f"<i>{html.escape(text)}</i>" if lane in grouped else text
            for lane, text in zip(figure.layout.yaxis.tickvals, figure.layout.yaxis.ticktext)
        ]
        figure.update_yaxes(ticktext=labels)
    _mark_sides(figure, dated, lanes, lang)
    return figure


def is_rollup(events: pd.DataFrame) -> pd.Series:
    """Whether each event's counterpart is a group of institutions (the data's `rollup`; False where it has none)."""
    if "rollup" not in events.columns:
        return pd.Series(False, index=events.index)
    return events["rollup"].astype(str).str.lower().isin(["true", "1"])


def rollups_last(dated: pd.DataFrame, lanes: list[str]) -> list[str]:
    """The lanes with those of groups of institutions ("US universities") after the institutions of their side: a
    group is drawn apart, never read as one more institution."""
    grouped = set(dated.loc[is_rollup(dated), "lane"])
    side_of = dated.drop_duplicates("lane").set_index("lane")["side"]
    rank = {side: i for i, side in enumerate(schema.PIVOT_SIDES)}
    return sorted(lanes, key=lambda lane: (rank.get(str(side_of.get(lane)), 0), lane in grouped))


def _mark_sides(figure: go.Figure, dated: pd.DataFrame, lanes: list[str], lang: str) -> None:
    """A labelled rule above each side's first lane (set in one layout update: add_hline per rule was a large part
    of the figure's build time)."""
    side_of_lane = dated.drop_duplicates("lane").set_index("lane")["side"]
    rules, labels = [], []
    for side in schema.PIVOT_SIDES:
        side_lanes = [lane for lane in lanes if side_of_lane[lane] == side]
        if not side_lanes:
            continue
        boundary = lanes.index(side_lanes[0]) - 0.5
        rules.append(
            dict(
                type="line",
                xref="x domain",
                x0=0,
                x1=1,
                yref="y",
                y0=boundary,
                y1=boundary,
                line=dict(color=style.MUTED_INK, width=1, dash="dot"),
            )
        )
        labels.append(
            dict(
                x=1,
                xref="paper",
                xanchor="right",
                y=boundary,
                yanchor="middle",
                showarrow=False,
                bgcolor=style.PAPER,
                text=f"<b>{html.escape(t(f'side_{side}', lang))}</b>",
                font=dict(size=style.CHART_FONT_SIZE, color=style.MUTED_INK),
            )
        )
    figure.update_layout(shapes=[*figure.layout.shapes, *rules], annotations=[*figure.layout.annotations, *labels])


def events_table(events: pd.DataFrame, dataset: Dataset, lang: str = "en") -> pd.DataFrame:
    """Events drawn on lanes, as rows: the accessible alternative to the chart, and what the CSV download holds."""
    table = pd.DataFrame(
        {
            "date": localized_column(events, "date_label", lang),
            "precision": [
                t(f"precision_{p}", lang) if isinstance(p, str) else t("date_unknown", lang)
                for p in events["date_precision"]
            ],
            "lane": localized_column(events, "lane", lang),
            "action": [t(f"category_{c}", lang) for c in events["category"]],
            "title": localized_column(events, "title", lang),
            "identification": [t(f"identification_{i}", lang) for i in events["identification"]],
            "support": support_texts(events, lang),
            "sources": dataset.publishers(events["source_ids"], lang),
            "event_id": events["event_id"],
        }
    )
    if "side" in events.columns:
        table.insert(2, "side", [t(f"side_{s}", lang) for s in events["side"]])
    return table.reset_index(drop=True)

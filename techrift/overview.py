"""Headline figures for the overview page, computed from the data."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from techrift import schema
from techrift.caching import memo
from techrift.data import Dataset
from techrift.formatting import KeyFigure, date_label
from techrift.i18n import localized, localized_column, number, t
from techrift.pivot import sides
from techrift.schema import RUSSIA_SIDE, WEST_SIDE, unique_ids

# What each headline counts: cuts and suspensions apart from reviews; a partnership, a lab or a deal (not a visit).
CUT_CATEGORIES = ("tie_cut", "tie_suspended")
REVIEW_CATEGORIES = ("tie_review",)
PARTNER_CATEGORIES = ("partnership", "lab_opened", "deal")


def _joined_sources(frame: pd.DataFrame) -> str:
    return ";".join(unique_ids(frame["source_ids"]))


Period = tuple[int, int]  # first and last year, both included


def _in_period(events: pd.DataFrame, period: Period | None) -> pd.Series:
    """Events whose dates overlap the period (all events when there is none; an undated one only then)."""
    if period is None:
        return pd.Series(True, index=events.index)
    first, last = period
    return events["year_start"].le(last).fillna(False) & events["year_end"].ge(first).fillna(False)


def _institutions(events: pd.DataFrame) -> pd.Series:
    """Events whose counterpart is one institution: not a roll-up of several ('US universities')."""
    rollup = events["rollup"] if "rollup" in events else pd.Series(False, index=events.index)
    return ~rollup.astype(bool)


def western_tie_cuts(dataset: Dataset, period: Period | None = None) -> pd.DataFrame:
    """Events in the period where one Western institution (not a roll-up) cut or suspended its Huawei ties."""
    events = dataset.events
    step_back = sides(events).eq(WEST_SIDE) & _institutions(events) & _in_period(events, period)
    return events[step_back & events["category"].isin(CUT_CATEGORIES)]


def western_reviews(dataset: Dataset, period: Period | None = None) -> pd.DataFrame:
    """Events in the period where one Western institution reviewed its Huawei ties, and did not cut or suspend them
    in the period (an institution is counted once, by what it did most)."""
    events = dataset.events
    reviews = events[
        sides(events).eq(WEST_SIDE)
        & _institutions(events)
        & _in_period(events, period)
        & events["category"].isin(REVIEW_CATEGORIES)
    ]
    cut = set(western_tie_cuts(dataset, period)["counterpart"])
    return reviews[~reviews["counterpart"].isin(cut)]


def russian_partners(dataset: Dataset, period: Period | None = None) -> pd.DataFrame:
    """Events in the period tying Huawei to one Russian university or research institute by a partnership, a lab or
    a deal (not a visit, a statement or a signing only expected); see `identification` for inferred ones. An
    institution with a place counts if the place is academic; one without (an institute the map cannot place) by its
    kind of tie."""
    kind_of = dict(zip(dataset.places["place_id"], dataset.places["kind"]))
    events = dataset.events
    place_kind = events["place_id"].map(kind_of)
    academic = place_kind.isin(schema.ACADEMIC_KINDS) | events["place_id"].isna()
    mask = (
        sides(events).eq(RUSSIA_SIDE)
        & events["category"].isin(PARTNER_CATEGORIES)
        & academic
        & _institutions(events)
        & _in_period(events, period)
    )
    return events[mask]


def _span(events: pd.DataFrame, lang: str) -> tuple[str, str]:
    dated = events["date"].dropna()
    if dated.empty:
        return "—", "—"
    return date_label(dated.min(), lang=lang), date_label(dated.max(), lang=lang)


def _period_label(period: Period | None, lang: str) -> str:
    if period is None:
        return t("headline_all_years", lang)
    first, last = period
    return str(first) if first == last else f"{first}–{last}"


@memo(maxsize=8)  # per dataset, language and period: the same figures on every run of one view
def headline_figures(dataset: Dataset, lang: str = "en", period: Period | None = None) -> tuple[KeyFigure, ...]:
    """The overview's figures for a period (None: every year), each derived from the tables, carrying its sources
    and the definition of what it counts."""
    figures: list[KeyFigure] = []
    when = _period_label(period, lang)
    cuts, reviews = western_tie_cuts(dataset, period), western_reviews(dataset, period)
    first, last = _span(cuts, lang)
    figures.append(
        KeyFigure(
            t("headline_western", lang),
            str(cuts["counterpart"].nunique()),
            t("headline_western_detail", lang, first=first, last=last)
            + t("headline_western_reviews", lang, count=reviews["counterpart"].nunique()),
            _joined_sources(pd.concat([cuts, reviews])),
            t("headline_western_definition", lang, period=when),
        )
    )
    partners = russian_partners(dataset, period)
    claimed = dataset.metrics.loc[dataset.metrics["metric_id"].eq("russia-new-partners")]
    claim_note = t("headline_russia_claim", lang, count=int(claimed["value"].iloc[0])) if len(claimed) else ""
    named = partners[partners["identification"].eq("named")]
    inferred_only = set(partners["counterpart"]) - set(named["counterpart"])
    inferred_note = t("headline_russia_inferred", lang, count=len(inferred_only)) if inferred_only else ""
    figures.append(
        KeyFigure(
            t("headline_russia", lang),
            str(named["counterpart"].nunique()),
            t("headline_russia_detail", lang, claim=claim_note + inferred_note),
            _joined_sources(pd.concat([partners, claimed])),
            t("headline_russia_definition", lang, period=when),
        )
    )
    budgets = dataset.flows[
        dataset.flows["company"].eq(schema.PIVOT_COMPANY)
        & dataset.flows["amount_kind"].eq("per_year")
        & dataset.flows["currency"].eq("USD")
        & dataset.flows["recipient"].str.contains("universit", case=False)
    ]
    if len(budgets):
        top = budgets.iloc[budgets["amount"].to_numpy().argmax()]  # the first of the largest
        figures.append(
            KeyFigure(
                t("headline_budget", lang),
                t("headline_budget_value", lang, millions=number(top["amount"] / 1e6, lang)),
                f"{localized(top, 'recipient', lang)}, {top['year']}",
                top["source_ids"],
            )
        )
    lab = dataset.events[
        dataset.events["place_id"].eq("aws-shanghai-lab")
        & dataset.events["category"].isin([schema.LAB_OPENED, schema.LAB_CLOSED])
    ]
    opened, closed = lab[lab["category"].eq(schema.LAB_OPENED)], lab[lab["category"].eq(schema.LAB_CLOSED)]
    if len(opened) and len(closed):
        years = (closed["start"].iloc[0] - opened["start"].iloc[0]).days / 365.25
        figures.append(
            KeyFigure(
                t("headline_lab", lang),
                t("headline_lab_value", lang, years=f"{years:.0f}"),
                t(
                    "headline_lab_detail",
                    lang,
                    opened=localized_column(opened, "date_label", lang).iloc[0],
                    closed=localized_column(closed, "date_label", lang).iloc[0],
                ),
                _joined_sources(lab),
            )
        )
    cited = dataset.sources[dataset.sources["kind"].ne("gazetteer")]
    figures.append(
        KeyFigure(
            t("headline_documents", lang),
            str(len(cited)),
            t("headline_documents_detail", lang, seeds=int(cited["kind"].eq("seed").sum()), quotes=len(dataset.quotes)),
            ";".join(cited.loc[cited["kind"].eq("seed"), "source_id"]),
        )
    )
    return tuple(figures)


def sources_of(figures: Sequence[KeyFigure]) -> list[str]:
    """The sources behind the headline figures, each once, in order."""
    return unique_ids(figure.source_ids for figure in figures)

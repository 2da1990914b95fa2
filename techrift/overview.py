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


def _joined_sources(frame: pd.DataFrame) -> str:
    return ";".join(unique_ids(frame["source_ids"]))


def western_tie_cuts(dataset: Dataset) -> pd.DataFrame:
    """Events where a named Western institution cut, suspended or reviewed Huawei ties."""
    events = dataset.events
    return events[sides(events).eq(WEST_SIDE) & events["place_id"].notna()]


def russian_partners(dataset: Dataset) -> pd.DataFrame:
    """Events tying Huawei to a Russian university or research institute (see `identification` for inferred ones)."""
    academic = dataset.places.loc[dataset.places["kind"].isin(schema.ACADEMIC_KINDS), "place_id"]
    events = dataset.events
    mask = (
        sides(events).eq(RUSSIA_SIDE)
        & events["category"].isin(schema.PARTNER_TIE_CATEGORIES)
        & events["place_id"].isin(academic)
    )
    return events[mask]


@memo(maxsize=8)  # the whole dataset, never the filters: the same figures on every run, made once
def headline_figures(dataset: Dataset, lang: str = "en") -> tuple[KeyFigure, ...]:
    """The overview's figures, each derived from the tables and carrying its sources."""
    figures: list[KeyFigure] = []
    cuts = western_tie_cuts(dataset)
    figures.append(
        KeyFigure(
            t("headline_western", lang),
            str(cuts["place_id"].nunique()),
            t(
                "headline_western_detail",
                lang,
                first=date_label(cuts["date"].min(), lang=lang),
                last=date_label(cuts["date"].max(), lang=lang),
            ),
            _joined_sources(cuts),
        )
    )
    partners = russian_partners(dataset)
    claimed = dataset.metrics.loc[dataset.metrics["metric_id"].eq("russia-new-partners")]
    claim_note = t("headline_russia_claim", lang, count=int(claimed["value"].iloc[0])) if len(claimed) else ""
    named = partners[partners["identification"].eq("named")]
    inferred_only = set(partners["place_id"]) - set(named["place_id"])
    inferred_note = t("headline_russia_inferred", lang, count=len(inferred_only)) if inferred_only else ""
    figures.append(
        KeyFigure(
            t("headline_russia", lang),
            str(named["place_id"].nunique()),
            t("headline_russia_detail", lang, claim=claim_note + inferred_note),
            _joined_sources(pd.concat([partners, claimed])),
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

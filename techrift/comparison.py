"""Two companies side by side: their sourced stances aligned by dimension, their moves, and key figures."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from techrift import filters as flt
from techrift import schema
from techrift.caching import memo
from techrift.data import Dataset
from techrift.formatting import KeyFigure, value_label
from techrift.i18n import localized, localized_column, t
from techrift.schema import unique_ids
from techrift.support import support_text

# A company's brand group: events filed under a parent or sister brand count as the company's own moves.
# Amazon's e-book and app-store exits belong to the AWS story, so the AWS lane and the AWS company filter take them in.
COMPANY_GROUPS: dict[str, tuple[str, ...]] = {"AWS": ("AWS", "Amazon")}
DEFAULT_PAIR = ("AWS", "Nvidia")
SIDES = ("a", "b")
CELL_FIELDS = ("stance_id", "position", "statement", "source_ids", "support")


def group_of(company: str) -> tuple[str, ...]:
    """The `company` values whose events count for this company."""
    return COMPANY_GROUPS.get(company, (company,))


def lane_label(company: str, moves: pd.DataFrame) -> str:
    """The lane's name on the chart: the company, plus the brands of its group that have moves there ('AWS + Amazon')."""
    present = set(moves.loc[moves["lane"] == company, "company"])
    return " + ".join(brand for brand in group_of(company) if brand == company or brand in present)


def companies(stances: pd.DataFrame, events: pd.DataFrame | None = None) -> list[str]:
    """Companies that can be compared: those with stances, the most documented first, then those with only moves
    (Huawei: its moves compare even where no stance is recorded), each brand group under its lead company."""
    counts = stances.groupby("company").size()
    with_stances = sorted(counts.index, key=lambda company: (-counts[company], company))
    if events is None:
        return with_stances
    in_groups = {brand for group in COMPANY_GROUPS.values() for brand in group[1:]}
    moved = events["company"].value_counts()
    others = [c for c in moved.index if c not in counts.index and c not in in_groups]
    return with_stances + sorted(others, key=lambda company: (-moved[company], company))


def dimensions_without_statement(rows: pd.DataFrame) -> list[str]:
    """The stance dimensions on which neither company has a sourced statement (named on the page, not dropped)."""
    return [dimension for dimension in schema.STANCE_DIMENSIONS if dimension not in set(rows["dimension"])]


def preferred_or_first(choices: list[str], preferred: str) -> str:
    """The preferred company when it can be chosen, else the first choice."""
    return preferred if preferred in choices else choices[0]


def partners_of(available: list[str], a: str) -> list[str]:
    """The companies the first one can be compared with: every other one."""
    return [company for company in available if company != a]


def twice_notice(requested_b: str | None, a: str, b: str, lang: str = "en") -> str | None:
    """A notice when the link asks to compare a company with itself (the second one then falls back to `b`)."""
    if requested_b is not None and requested_b.strip().casefold() == a.casefold():
        return t("same_company_twice", lang, company=a, other=b)
    return None


def with_brand_groups(filters: flt.Filters) -> flt.Filters:
    """The global filters with each chosen company's brand group added, so filtering on AWS keeps Amazon's exits."""
    grown = [brand for company in filters.companies for brand in group_of(company)]
    return replace(filters, companies=tuple(dict.fromkeys(grown)))


def left_out_by_filter(filters: flt.Filters, a: str, b: str) -> list[str]:
    """The compared companies that the global company filter leaves out (none when the filter is empty)."""
    kept = set(with_brand_groups(filters).companies)
    return [company for company in (a, b) if kept and not kept & set(group_of(company))]


def in_year_range(stances: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Stances whose as-of date falls in the year range."""
    year = stances["as_of"].str[:4].astype(int)
    return stances[(year >= years[0]) & (year <= years[1])]


@memo(maxsize=4)  # the same scope on every run of a view: the same object, so key_figures below is cached on it
def in_scope(scope: flt.Scope) -> Dataset:
    """The data the comparison draws on: global years and countries apply; the company filter is left to the moves,
    since the page picks its own two companies."""
    any_company = scope.with_filters(replace(scope.filters, companies=()))
    return replace(
        scope.dataset,
        events=any_company.events(),
        metrics=any_company.metrics(),
        stances=in_year_range(scope.stances(), scope.filters.years),
    )


def _cell(stance: Mapping[Hashable, Any] | None, side: str, lang: str) -> dict[str, str | None]:
    if stance is None:
        return {f"{side}_{field}": None for field in CELL_FIELDS}
    return {
        f"{side}_stance_id": stance["stance_id"],
        f"{side}_position": localized(stance, "position", lang),
        f"{side}_statement": localized(stance, "statement", lang),
        f"{side}_source_ids": stance["source_ids"],
        f"{side}_support": support_text(stance, lang),
    }


def comparison(stances: pd.DataFrame, a: str, b: str, lang: str = "en") -> pd.DataFrame:
    """One row per dimension that either company has a stance on, in the schema's order; a missing cell is left empty (NA)."""
    first = {
        (stance["company"], stance["dimension"]): stance
        for stance in stances[stances["company"].isin([a, b])]
        .drop_duplicates(["company", "dimension"])
        .to_dict("records")
    }
    rows = []
    for dimension in schema.STANCE_DIMENSIONS:
        cells: dict[str, str | None] = {"dimension": dimension}
        for side, company in zip(SIDES, (a, b)):
            cells |= _cell(first.get((company, dimension)), side, lang)
        if cells["a_stance_id"] or cells["b_stance_id"]:
            rows.append(cells)
    return pd.DataFrame(rows, columns=["dimension"] + [f"{side}_{field}" for side in SIDES for field in CELL_FIELDS])


def comparison_table(rows: pd.DataFrame, a: str, b: str, lang: str = "en") -> pd.DataFrame:
    """The comparison as shown, one row per dimension, for the CSV download; an empty cell says so."""
    missing = t("no_statement", lang)
    table = {"dimension": [t(f"dimension_{dimension}", lang) for dimension in rows["dimension"]]}
    for side, company in zip(SIDES, (a, b)):
        table[f"{company}: position"] = rows[f"{side}_position"].fillna(missing).tolist()
        table[f"{company}: statement"] = rows[f"{side}_statement"].fillna("").tolist()
        table[f"{company}: sources"] = rows[f"{side}_source_ids"].fillna("").tolist()
        table[f"{company}: support"] = rows[f"{side}_support"].fillna("").tolist()
    return pd.DataFrame(table)


def moves(events: pd.DataFrame, *companies: str) -> pd.DataFrame:
    """Each company's events (its brand group included), with the company as the lane, oldest first."""
    lanes = {member: company for company in companies for member in group_of(company)}
    chosen = events[events["company"].isin(lanes)].copy()
    chosen["lane"] = chosen["company"].map(lanes)
    return chosen.sort_values(["start", "event_id"], na_position="last")


def _joined_ids(source_ids: pd.Series) -> str:
    return ";".join(unique_ids(source_ids))


def lab_lifetimes(moves: pd.DataFrame, places: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Each lab with both an opening and a closing among the moves: its lane, dates, period label (in `lang`: the
    loader's date_label_<lang> column), years and sources."""
    label = "date_label" if lang == "en" else f"date_label_{lang}"
    columns = ["place_id", "lab", "lane", "opened", "closed", "period", "years", "source_ids"]
    labs = moves[
        moves["category"].isin([schema.LAB_OPENED, schema.LAB_CLOSED])
        & moves["place_id"].notna()
        & moves["start"].notna()
    ]
    labs = labs.sort_values("start", kind="stable")
    first_opening = labs[labs["category"] == schema.LAB_OPENED].groupby("place_id").first()
    last_closing = labs[labs["category"] == schema.LAB_CLOSED].groupby("place_id").last()
    both = first_opening.merge(last_closing, left_index=True, right_index=True, suffixes=("_opened", "_closed"))
    if both.empty:
        return pd.DataFrame(columns=columns)
    in_order_seen = [place_id for place_id in moves["place_id"].drop_duplicates() if place_id in both.index]
    both = both.loc[in_order_seen]
    unique_places = places.drop_duplicates("place_id").set_index("place_id")
    names = pd.Series(list(localized_column(unique_places, "name", lang)), index=unique_places.index)
    sources = labs["source_ids"].groupby(labs["place_id"]).agg(_joined_ids)
    return pd.DataFrame(
        {
            "place_id": both.index,
            "lab": [names.get(place_id, place_id) for place_id in both.index],
            "lane": both["lane_opened"],
            "opened": both["start_opened"],
            "closed": both["start_closed"],
            "period": both[f"{label}_opened"] + " – " + both[f"{label}_closed"],
            "years": (both["start_closed"] - both["start_opened"]).dt.days / 365.25,
            "source_ids": sources.reindex(both.index),
        },
        columns=columns,
    ).reset_index(drop=True)


# Key figures shown per company; the rest (say, the lifetimes of dozens of labs) stay in the moves table below.
KEY_FIGURES_SHOWN = 8


@memo(
    maxsize=16
)  # per scope (see in_scope), company and language: most of a comparison run's time (docs/performance.md)
def key_figures(
    dataset: Dataset, company: str, lang: str = "en", limit: int | None = None
) -> tuple[tuple[KeyFigure, ...], int]:
    """Lab lifetimes from lab opened/closed events, then the company's own non-money figures with their units:
    the first `limit` of them (all when None), and how many there are in all."""
    lifetimes = lab_lifetimes(moves(dataset.events, company), dataset.places, lang)
    own = dataset.metrics[dataset.metrics["company"].eq(company) & dataset.metrics["kind"].eq("measure")]
    total = len(lifetimes) + len(own)
    limit = total if limit is None else limit
    figures = [
        KeyFigure(
            t("lab_years", lang, lab=lab["lab"]),
            t("about", lang, value=f"{lab['years']:.0f}"),
            lab["period"],
            lab["source_ids"],
        )
        for _, lab in lifetimes.head(limit).iterrows()
    ]
    for metric in own.head(max(limit - len(figures), 0)).to_dict("records"):
        year = f" ({int(metric['year'])})" if pd.notna(metric["year"]) else ""
        figures.append(
            KeyFigure(
                f"{localized(metric, 'metric', lang)}{year}",
                value_label(metric, lang),
                localized(metric, "description", lang),
                metric["source_ids"],
            )
        )
    return tuple(figures), total

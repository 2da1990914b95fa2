"""Two companies side by side: their sourced stances aligned by dimension, their moves, and key figures."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from techrift import schema
from techrift.data import Dataset
from techrift.i18n import t

# Brands whose moves count as a company's own: Amazon's market exits belong to the AWS story.
COMPANY_GROUPS: dict[str, tuple[str, ...]] = {"AWS": ("AWS", "Amazon")}
DEFAULT_PAIR = ("AWS", "Nvidia")


def group_of(company: str) -> tuple[str, ...]:
    """The `company` values whose events count for this company."""
    return COMPANY_GROUPS.get(company, (company,))


def companies(stances: pd.DataFrame) -> list[str]:
    """Companies that can be compared: those with stances, the most documented first."""
    counts = stances.groupby("company").size()
    return sorted(counts.index, key=lambda company: (-counts[company], company))


def resolve_pair(available: list[str], a: str, b: str, lang: str = "en") -> tuple[str, str, str | None]:
    """The two companies to compare, with a notice when the same one was chosen twice."""
    if a == b:
        other = next((c for c in available if c != a), a)
        return a, other, t("same_company_twice", lang, company=a, other=other)
    return a, b, None


def comparison(stances: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """One row per dimension that either company has a stance on, in the schema's order; empty cells stay None."""
    rows = []
    for dimension in schema.STANCE_DIMENSIONS:
        cells = {}
        for side, company in (("a", a), ("b", b)):
            match = stances[(stances["company"] == company) & (stances["dimension"] == dimension)]
            first = match.iloc[0] if len(match) else None
            cells |= {
                f"{side}_stance_id": None if first is None else first["stance_id"],
                f"{side}_position": None if first is None else first["position"],
                f"{side}_statement": None if first is None else first["statement_en"],
                f"{side}_source_ids": None if first is None else first["source_ids"],
            }
        if cells["a_stance_id"] or cells["b_stance_id"]:
            rows.append({"dimension": dimension} | cells)
    return pd.DataFrame(rows, columns=["dimension"] + [f"{s}_{c}" for s in "ab" for c in ("stance_id", "position", "statement", "source_ids")])


def in_year_range(stances: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Stances whose as-of date falls in the year range."""
    year = stances["as_of"].str[:4].astype(int)
    return stances[(year >= years[0]) & (year <= years[1])]


def moves(events: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Each company's events (its brand group included), with the company as the lane, oldest first."""
    lanes = {member: company for company in (a, b) for member in group_of(company)}
    chosen = events[events["company"].isin(lanes)].copy()
    chosen["lane"] = chosen["company"].map(lanes)
    return chosen.sort_values(["start", "event_id"], na_position="last")


@dataclass(frozen=True)
class KeyFigure:
    """A figure about one company, computed from the data, with its sources."""

    label: str
    value: str
    detail: str
    source_ids: str


def key_figures(dataset: Dataset, company: str, lang: str = "en") -> list[KeyFigure]:
    """Lab lifetimes from lab opened/closed events, then the company's non-money figures with their units."""
    figures: list[KeyFigure] = []
    events = dataset.events[dataset.events["company"].isin(group_of(company))]
    labs = events[events["category"].isin(["lab_opened", "lab_closed"]) & events["place_id"].notna()]
    for place_id, lab in labs.groupby("place_id"):
        opened, closed = lab[lab["category"] == "lab_opened"], lab[lab["category"] == "lab_closed"]
        if len(opened) and len(closed):
            years = (closed["start"].iloc[0] - opened["start"].iloc[0]).days / 365.25
            name = dataset.places.set_index("place_id").at[place_id, "name_en"]
            sources = ";".join(dict.fromkeys(lab["source_ids"].str.cat(sep=";").split(";")))
            figures.append(KeyFigure(
                t("lab_years", lang, lab=name),
                t("about", lang, value=f"{years:.0f}"),
                f"{opened['date_label'].iloc[0]} – {closed['date_label'].iloc[0]}",
                sources,
            ))
    for _, metric in dataset.metrics[dataset.metrics["company"] == company].iterrows():
        if metric["subject"].startswith(company) or metric["subject"] == metric["company"]:
            value = f"{metric['value']:,.0f} {metric['unit']}".replace(" percent", "%")
            year = f" ({int(metric['year'])})" if pd.notna(metric["year"]) else ""
            figures.append(KeyFigure(f"{metric['metric']}{year}", value, "", metric["source_ids"]))
    return figures


def comparison_table(rows: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The comparison as shown, for the CSV download."""
    table = rows.rename(columns=lambda c: c.replace("a_", f"{a}: ", 1) if c.startswith("a_") else c.replace("b_", f"{b}: ", 1) if c.startswith("b_") else c)
    return table.reset_index(drop=True)

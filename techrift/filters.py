"""Global filters (year range, companies, countries): URL round trip and application to tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from techrift import schema
from techrift.caching import memo
from techrift.data import Dataset
from techrift.i18n import DEFAULT_LANGUAGE, t

YEARS_KEY, COMPANIES_KEY, COUNTRIES_KEY, SUPPORT_KEY = "years", "company", "country", "support"
KEYS = (YEARS_KEY, COMPANIES_KEY, COUNTRIES_KEY, SUPPORT_KEY)
WELL_SUPPORTED_VALUE = "well"  # ?support=well: only records with WELL_SUPPORTED independent sources
MAX_PARAM_LENGTH = 500


@dataclass(frozen=True)
class FilterOptions:
    """What the data allows: the year bounds and the known companies and countries."""

    first_year: int
    last_year: int
    companies: tuple[str, ...]
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Filters:
    """The global filter state. Empty `companies`/`countries` means all; `well_supported` keeps only the records
    with at least two independent sources (support.WELL_SUPPORTED)."""

    years: tuple[int, int]
    companies: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    well_supported: bool = False

    def covers_all_years(self, options: FilterOptions) -> bool:
        return self.years == (options.first_year, options.last_year)

    def to_params(self, options: FilterOptions) -> dict[str, str]:
        """Query parameters for this state. The years are always written: a shared link shows the same years later,
        when the data may reach further; other defaults are left out so links stay short."""
        params: dict[str, str] = {YEARS_KEY: f"{self.years[0]}-{self.years[1]}"}
        if self.companies:
            params[COMPANIES_KEY] = ",".join(self.companies)
        if self.countries:
            params[COUNTRIES_KEY] = ",".join(self.countries)
        if self.well_supported:
            params[SUPPORT_KEY] = WELL_SUPPORTED_VALUE
        return params


@memo(maxsize=4)  # every page asks on every run; 70 ms at 1000x the shipped data
def options_for(dataset: Dataset) -> FilterOptions:
    """Year bounds and choices, computed from the data (once per dataset)."""
    years = pd.concat(
        [
            dataset.events["year_start"],
            dataset.events["year_end"],
            dataset.flows["year"],
            dataset.flows["year_end"],
            dataset.metrics["year"],
        ]
    ).dropna()
    companies = pd.concat(
        [dataset.events["company"], dataset.flows["company"], dataset.metrics["company"], dataset.stances["company"]]
    )
    countries = pd.concat([dataset.events["country"], dataset.places["country"], dataset.metrics["country"]]).dropna()
    return FilterOptions(
        first_year=int(years.min()),
        last_year=int(years.max()),
        companies=tuple(sorted(set(companies))),
        countries=tuple(sorted(set(countries))),
    )


def default_filters(options: FilterOptions) -> Filters:
    return Filters(years=(options.first_year, options.last_year))


def _first(value: str | Sequence[str] | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value[-1] if value else None


def _parse_years(raw: str, options: FilterOptions, lang: str) -> tuple[tuple[int, int] | None, str | None]:
    parts = raw.split("-")
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or not all(p.strip().isdigit() and len(p.strip()) == 4 for p in parts):
        return None, t("notice_years_form", lang, value=raw)
    start, end = sorted(int(p) for p in parts)
    clipped = (max(start, options.first_year), min(end, options.last_year))
    if clipped[0] > clipped[1]:
        return None, t(
            "notice_years_outside", lang, start=start, end=end, first=options.first_year, last=options.last_year
        )
    if clipped != (start, end):
        return clipped, t("notice_years_narrowed", lang, start=start, end=end, first=clipped[0], last=clipped[1])
    return clipped, None


def _parse_choices(raw: str, known: Sequence[str], what: str, lang: str) -> tuple[tuple[str, ...], str | None]:
    by_folded = {k.casefold(): k for k in known}
    chosen: list[str] = []
    unknown: list[str] = []
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        match = by_folded.get(part.casefold())
        if match is None:
            unknown.append(part)
        elif match not in chosen:
            chosen.append(match)
    if not unknown:
        return tuple(chosen), None
    shown = ", ".join(f"“{u[:40]}”" for u in unknown[:3]) + (" …" if len(unknown) > 3 else "")
    return tuple(chosen), t("notice_unknown", lang, what=what, values=shown)


def from_params(
    params: Mapping[str, str | Sequence[str]], options: FilterOptions, lang: str = DEFAULT_LANGUAGE
) -> tuple[Filters, list[str]]:
    """Filters from URL query parameters, with a notice for each value that had to fall back."""
    notices: list[str] = []
    filters = default_filters(options)
    years, companies, countries, well_supported = filters.years, filters.companies, filters.countries, False
    for key in KEYS:
        raw = _first(params.get(key))
        if raw is None:
            continue
        if len(raw) > MAX_PARAM_LENGTH:
            notices.append(t("notice_too_long", lang, name=key, length=len(raw)))
            continue
        if key == YEARS_KEY:
            parsed, notice = _parse_years(raw, options, lang)
            years = parsed or years
        elif key == COMPANIES_KEY:
            companies, notice = _parse_choices(raw, options.companies, t("link_company", lang), lang)
        elif key == COUNTRIES_KEY:
            countries, notice = _parse_choices(raw, options.countries, t("link_country", lang), lang)
        else:
            well_supported = raw == WELL_SUPPORTED_VALUE
            notice = None if well_supported else t("notice_support", lang, value=raw[:20])
        if notice:
            notices.append(notice)
    return Filters(years, companies, countries, well_supported), notices


def _in_years(first: pd.Series, last: pd.Series, filters: Filters, options: FilterOptions) -> pd.Series:
    """Rows whose [first, last] years overlap the filter; rows of unknown year only when all years are shown."""
    known = first.notna()
    last = last.fillna(first)
    overlap = known & (first <= filters.years[1]) & (last >= filters.years[0])
    return (overlap | (~known & filters.covers_all_years(options))).fillna(False).astype(bool)


def _in(values: pd.Series, chosen: tuple[str, ...]) -> pd.Series:
    return values.isin(chosen) if chosen else pd.Series(True, index=values.index)


def _supported(records: pd.DataFrame, filters: Filters) -> pd.Series:
    """Every record, or only the well-supported ones (the loader adds the `support` column)."""
    if filters.well_supported:
        return records["support"].eq("well_supported")
    return pd.Series(True, index=records.index)


def apply_to_stances(stances: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The stances the support filter keeps (stances are dated by `as_of`; see compare.in_year_range)."""
    return stances[_supported(stances, filters)]


def apply_to_events(events: pd.DataFrame, filters: Filters, options: FilterOptions) -> pd.DataFrame:
    """The events inside the filters."""
    mask = (
        _in_years(events["year_start"], events["year_end"], filters, options)
        & _in(events["company"], filters.companies)
        & _in(events["country"], filters.countries)
        & _supported(events, filters)
    )
    return events[mask]


def flow_country(flows: pd.DataFrame) -> pd.Series:
    """A flow's country: its recipient place's, else the recipient's own (`recipient_country`, for a recipient with
    no place such as "Nine US schools")."""
    if "recipient_country" in flows.columns:
        return flows["country"].fillna(flows["recipient_country"].replace("", pd.NA))
    return flows["country"]


def hidden_for_no_country(records: pd.DataFrame, filters: Filters, country: pd.Series | None = None) -> int:
    """How many records a country filter hides because their country is not known (0 with no country filter)."""
    if not filters.countries:
        return 0
    country = records["country"] if country is None else country
    return int(country.isna().sum())


def apply_to_flows(flows: pd.DataFrame, filters: Filters, options: FilterOptions) -> pd.DataFrame:
    """The money flows inside the filters (country is the recipient's)."""
    mask = (
        _in_years(flows["year"], flows["year_last"], filters, options)
        & _in(flows["company"], filters.companies)
        & _in(flow_country(flows), filters.countries)
        & _supported(flows, filters)
    )
    return flows[mask]


def apply_to_metrics(metrics: pd.DataFrame, filters: Filters, options: FilterOptions) -> pd.DataFrame:
    """The non-money figures inside the filters."""
    mask = (
        _in_years(metrics["year"], metrics["year"], filters, options)
        & _in(metrics["company"], filters.companies)
        & _in(metrics["country"], filters.countries)
        & _supported(metrics, filters)
    )
    return metrics[mask]


def apply_to_places(places: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The places in the chosen countries."""
    return places[_in(places["country"], filters.countries)]


def money_drawn(flows: pd.DataFrame) -> pd.DataFrame:
    """The flows a money chart may draw: an estimate is listed in the table, never drawn beside money spent or booked."""
    return flows[~flows["status"].isin(schema.ESTIMATE_STATUSES)]

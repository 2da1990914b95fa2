"""Global filters: one registry entry per filter (`REGISTRY`), which the sidebar, the URL and every table read.

An entry holds the filter's URL key, its label, its widget, how a link's value is read (with the notice when it cannot
be used) and written, and the tables and columns it applies to. Adding a global filter is adding one entry (and a
field of `Filters`, and its catalogue strings): docs/architecture.md.

`Scope` is the dataset under the filters, the one value every view takes (what it shows): it lives here, beside the
rows each filter keeps, which is about all it does. With it the module is a little over 400 lines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import pandas as pd

from techrift import schema
from techrift.caching import memo
from techrift.data import Dataset
from techrift.i18n import DEFAULT_LANGUAGE, t

WELL_SUPPORTED_VALUE = "well"  # ?support=well: only records with WELL_SUPPORTED independent sources
MAX_PARAM_LENGTH = 500
# The record tables a filter may apply to; a filter's help names those it does not (stances are dated by `as_of` and
# compared by the comparison page itself: comparison.in_scope).
RECORD_TABLES = ("events", "flows", "metrics")


@dataclass(frozen=True)
class FilterOptions:
    """What the data allows: the year bounds and the known companies, countries and kinds of action."""

    first_year: int
    last_year: int
    companies: tuple[str, ...]
    countries: tuple[str, ...]
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Filters:
    """The global filter state, one field per registry entry. Empty `companies`/`countries`/`kinds` means all;
    `well_supported` keeps only the records with at least two independent sources (support.WELL_SUPPORTED)."""

    years: tuple[int, int]
    companies: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    well_supported: bool = False
    kinds: tuple[str, ...] = ()

    def covers_all_years(self, options: FilterOptions) -> bool:
        return self.years == (options.first_year, options.last_year)

    def to_params(self, options: FilterOptions) -> dict[str, str]:
        """Query parameters for this state (each entry writes its own; a default is left out, except the years)."""
        written = {entry.key: entry.write(getattr(self, entry.field), options) for entry in REGISTRY}
        return {key: value for key, value in written.items() if value is not None}


Parsed = tuple[Any, str | None]  # a value read from a link, and the notice when the link's value could not be used
Widget = Literal["year_range", "multiselect", "toggle"]


@dataclass(frozen=True)
class GlobalFilter:
    """One global filter: how it is shown, kept in the URL and applied to the tables."""

    key: str  # its URL query parameter
    field: str  # its field of Filters
    label_key: str  # catalogue key of the widget's label
    widget: Widget
    default: Callable[[FilterOptions], Any]
    parse: Callable[[str, FilterOptions, str], Parsed]  # (link value, options, language) -> (value, notice)
    write: Callable[[Any, FilterOptions], str | None]  # value -> link value (None: left out of the link)
    keeps: Callable[[pd.DataFrame, tuple[str, ...], Any, FilterOptions], pd.Series]  # rows kept, given the columns
    applies_to: Mapping[str, tuple[str, ...]]  # table -> the columns it reads there
    choices: Callable[[FilterOptions], tuple[str, ...]] = lambda options: ()
    choice_label: Callable[[str, str, Mapping[str, str]], str] = lambda value, lang, names: value
    help_key: str | None = None
    placeholder_key: str | None = None

    def help(self, lang: str) -> str | None:
        """The widget's help: what the filter does, and the record tables it does not apply to."""
        parts = [t(self.help_key, lang)] if self.help_key else []
        left_out = [t(f"table_{table}", lang) for table in RECORD_TABLES if table not in self.applies_to]
        if left_out:
            parts.append(t("filter_not_applied", lang, tables=", ".join(left_out)))
        return " ".join(parts) or None


# --------------------------------------------------------------------------- reading and writing link values


def parse_years(raw: str, options: FilterOptions, lang: str) -> Parsed:
    """A year range `2019-2021` (or one year), clipped to the data's years; all years, with a notice, if unusable."""
    every = (options.first_year, options.last_year)
    parts = raw.split("-")
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or not all(p.strip().isdigit() and len(p.strip()) == 4 for p in parts):
        return every, t("notice_years_form", lang, value=raw)
    start, end = sorted(int(p) for p in parts)
    clipped = (max(start, options.first_year), min(end, options.last_year))
    if clipped[0] > clipped[1]:
        return every, t(
            "notice_years_outside", lang, start=start, end=end, first=options.first_year, last=options.last_year
        )
    if clipped != (start, end):
        return clipped, t("notice_years_narrowed", lang, start=start, end=end, first=clipped[0], last=clipped[1])
    return clipped, None


def parse_list(raw: str, known: Sequence[str], what: str, lang: str) -> tuple[tuple[str, ...], str | None]:
    """A comma-separated list of known values (matched without case, each once), with a notice naming the unknown."""
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


def _list_parser(choices: Callable[[FilterOptions], tuple[str, ...]], what_key: str) -> Callable[..., Parsed]:
    def parse(raw: str, options: FilterOptions, lang: str) -> Parsed:
        return parse_list(raw, choices(options), t(what_key, lang), lang)

    return parse


def _write_list(values: tuple[str, ...], options: FilterOptions) -> str | None:
    return ",".join(values) if values else None


def _parse_support(raw: str, options: FilterOptions, lang: str) -> Parsed:
    if raw == WELL_SUPPORTED_VALUE:
        return True, None
    return False, t("notice_support", lang, value=raw[:20])


# --------------------------------------------------------------------------- which rows a filter keeps


def _in_years(
    frame: pd.DataFrame, columns: tuple[str, ...], years: tuple[int, int], options: FilterOptions
) -> pd.Series:
    """Rows whose [first, last] years overlap the filter; rows of unknown year only when all years are shown."""
    first, last = frame[columns[0]], frame[columns[-1]]
    known = first.notna()
    last = last.fillna(first)
    overlap = known & (first <= years[1]) & (last >= years[0])
    every_year = years == (options.first_year, options.last_year)
    return (overlap | (~known & every_year)).fillna(False).astype(bool)


def _in(frame: pd.DataFrame, columns: tuple[str, ...], chosen: tuple[str, ...], options: FilterOptions) -> pd.Series:
    """Rows whose column holds one of the chosen values (every row when none is chosen)."""
    return frame[columns[0]].isin(chosen) if chosen else pd.Series(True, index=frame.index)


def _well_supported(frame: pd.DataFrame, columns: tuple[str, ...], on: bool, options: FilterOptions) -> pd.Series:
    """Every row, or only the well-supported ones (the loader adds the `support` column)."""
    return frame[columns[0]].eq("well_supported") if on else pd.Series(True, index=frame.index)


# --------------------------------------------------------------------------- the registry


def _companies(options: FilterOptions) -> tuple[str, ...]:
    return options.companies


def _countries(options: FilterOptions) -> tuple[str, ...]:
    return options.countries


def _kinds(options: FilterOptions) -> tuple[str, ...]:
    return options.kinds


def _no_choice(options: FilterOptions) -> tuple[()]:
    return ()


_SUPPORTED_TABLES = {table: ("support",) for table in (*RECORD_TABLES, "stances")}

# In the sidebar's order.
REGISTRY: tuple[GlobalFilter, ...] = (
    GlobalFilter(
        key="years",
        field="years",
        label_key="years",
        widget="year_range",
        default=lambda options: (options.first_year, options.last_year),
        parse=parse_years,
        write=lambda years, options: f"{years[0]}-{years[1]}",  # always written: a shared link keeps its years later
        keeps=_in_years,
        applies_to={"events": ("year_start", "year_end"), "flows": ("year", "year_last"), "metrics": ("year",)},
        help_key="years_help",
    ),
    GlobalFilter(
        key="company",
        field="companies",
        label_key="companies",
        widget="multiselect",
        default=_no_choice,
        parse=_list_parser(_companies, "link_company"),
        write=_write_list,
        keeps=_in,
        applies_to={table: ("company",) for table in RECORD_TABLES},
        choices=_companies,
        placeholder_key="all_companies",
    ),
    GlobalFilter(
        key="country",
        field="countries",
        label_key="countries",
        widget="multiselect",
        default=_no_choice,
        parse=_list_parser(_countries, "link_country"),
        write=_write_list,
        keeps=_in,
        applies_to={table: ("country",) for table in RECORD_TABLES},  # a flow's country is its recipient's
        choices=_countries,
        choice_label=lambda country, lang, names: names.get(country, country),  # the URL keeps the English name
        placeholder_key="all_countries",
    ),
    GlobalFilter(
        key="kind",
        field="kinds",
        label_key="kind_of_action",
        widget="multiselect",
        default=_no_choice,
        parse=_list_parser(_kinds, "link_kind"),
        write=_write_list,
        keeps=_in,
        applies_to={"events": ("category",)},
        choices=_kinds,
        choice_label=lambda kind, lang, names: t(f"category_{kind}", lang),
        placeholder_key="all_kinds",
    ),
    GlobalFilter(
        key="support",
        field="well_supported",
        label_key="well_supported_only",
        widget="toggle",
        default=lambda options: False,
        parse=_parse_support,
        write=lambda on, options: WELL_SUPPORTED_VALUE if on else None,
        keeps=_well_supported,
        applies_to=_SUPPORTED_TABLES,
        help_key="well_supported_help",
    ),
)
KEYS = tuple(entry.key for entry in REGISTRY)


@memo(maxsize=4)  # every page asks on every run: computed once per dataset
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
    categories = set(dataset.events["category"])
    return FilterOptions(
        first_year=int(years.min()),
        last_year=int(years.max()),
        companies=tuple(sorted(set(companies))),
        countries=tuple(sorted(set(countries))),
        kinds=tuple(kind for kind in schema.EVENT_CATEGORIES if kind in categories),
    )


def default_filters(options: FilterOptions) -> Filters:
    return Filters(**{entry.field: entry.default(options) for entry in REGISTRY})


def read_param(entry: GlobalFilter, raw: str, options: FilterOptions, lang: str = DEFAULT_LANGUAGE) -> Parsed:
    """One filter's value from its link value: the default, with a notice, when the value is too long or unusable."""
    if len(raw) > MAX_PARAM_LENGTH:
        return entry.default(options), t("notice_too_long", lang, name=entry.key, length=len(raw))
    value, notice = entry.parse(raw, options, lang)
    return value, notice


def _last(value: str | Sequence[str] | None) -> str | None:
    """A parameter's value, the last one when the link repeats it (as the browser's URLSearchParams.get would not)."""
    if value is None or isinstance(value, str):
        return value
    return value[-1] if value else None


def from_params(
    params: Mapping[str, str | Sequence[str]], options: FilterOptions, lang: str = DEFAULT_LANGUAGE
) -> tuple[Filters, list[str]]:
    """Filters from URL query parameters, with a notice for each value that had to fall back."""
    values: dict[str, Any] = {}
    notices: list[str] = []
    for entry in REGISTRY:
        raw = _last(params.get(entry.key))
        values[entry.field], notice = (
            (entry.default(options), None) if raw is None else read_param(entry, raw, options, lang)
        )
        if notice:
            notices.append(notice)
    return Filters(**values), notices


def apply(table: str, frame: pd.DataFrame, filters: Filters, options: FilterOptions) -> pd.DataFrame:
    """The rows of `frame` (the table named `table`) that every filter applying to that table keeps."""
    mask = pd.Series(True, index=frame.index)
    for entry in REGISTRY:
        columns = entry.applies_to.get(table)
        if columns:
            mask &= entry.keeps(frame, columns, getattr(filters, entry.field), options)
    return frame[mask]


def apply_to_stances(stances: pd.DataFrame, filters: Filters, options: FilterOptions) -> pd.DataFrame:
    """The stances the filters keep (only the support filter applies: see comparison.in_year_range for their dates)."""
    return apply("stances", stances, filters, options)


def apply_to_events(events: pd.DataFrame, filters: Filters, options: FilterOptions) -> pd.DataFrame:
    """The events inside the filters."""
    return apply("events", events, filters, options)


def hidden_for_no_country(records: pd.DataFrame, filters: Filters) -> int:
    """How many records a country filter hides because their country is not known (0 with no country filter). A
    flow's country is its recipient's even with no place (the loader reads `recipient_country`)."""
    if not filters.countries:
        return 0
    return int(records["country"].isna().sum())


def apply_to_flows(flows: pd.DataFrame, filters: Filters, options: FilterOptions) -> pd.DataFrame:
    """The money flows inside the filters (country is the recipient's)."""
    return apply("flows", flows, filters, options)


def apply_to_metrics(metrics: pd.DataFrame, filters: Filters, options: FilterOptions) -> pd.DataFrame:
    """The non-money figures inside the filters."""
    return apply("metrics", metrics, filters, options)


@dataclass(frozen=True)
class Scope:
    """What a view shows: the dataset and the global filters on it, with the options the filters are read against (a
    year filter needs the data's year bounds). Built from the three: `Scope(dataset, filters, options)`; a page has
    its own as `PageContext.scope`.

    A view takes a scope and its own choices (a language, a grouping). It is frozen and hashed from its parts (the
    dataset by identity, the filters and options by value), so a scope made again by another run with the same
    filters is the same cache key (techrift.caching), and `caching.forget(dataset)` finds the dataset inside it.
    """

    dataset: Dataset
    filters: Filters
    options: FilterOptions

    @classmethod
    def everything(cls, dataset: Dataset) -> Scope:
        """The whole dataset: every filter at its default."""
        options = options_for(dataset)
        return cls(dataset, default_filters(options), options)

    def with_filters(self, filters: Filters) -> Scope:
        """The same data under other filters."""
        return replace(self, filters=filters)

    def events(self) -> pd.DataFrame:
        """The events inside the filters."""
        return apply_to_events(self.dataset.events, self.filters, self.options)

    def flows(self) -> pd.DataFrame:
        """The money flows inside the filters."""
        return apply_to_flows(self.dataset.flows, self.filters, self.options)

    def metrics(self) -> pd.DataFrame:
        """The non-money figures inside the filters."""
        return apply_to_metrics(self.dataset.metrics, self.filters, self.options)

    def stances(self) -> pd.DataFrame:
        """The stances the filters keep (see apply_to_stances)."""
        return apply_to_stances(self.dataset.stances, self.filters, self.options)


def money_drawn(flows: pd.DataFrame) -> pd.DataFrame:
    """The flows a money chart may draw: an estimate is listed in the table, never drawn beside money spent or booked."""
    return flows[~flows["status"].isin(schema.ESTIMATE_STATUSES)]

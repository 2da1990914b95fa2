"""What a shared view says about itself: its active global filters as removable chips, and years typed as text.

Both read the filter registry (techrift/filters.py REGISTRY): a chip is made by the kind of widget an entry declares, so
a new filter gets its chips with no edit here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from techrift import filters as flt
from techrift.i18n import t

YEAR_DASH = "–"  # en dash, as a range of years is written


@dataclass(frozen=True)
class Chip:
    """One active filter value, shown as a chip: what it says, and what removing it sets its filter to."""

    key: str  # the filter's URL key (its registry entry's `key`)
    field: str  # the filter's field of Filters
    label: str
    cleared: Any  # the filter's value once this chip is removed

    @property
    def id(self) -> str:
        """A name for the chip, unique on a page (a widget key)."""
        return f"{self.key}:{self.label}"


def years_text(years: tuple[int, int]) -> str:
    """A year range as written: `2019–2020`, or `2019` for one year."""
    return str(years[0]) if years[0] == years[1] else f"{years[0]}{YEAR_DASH}{years[1]}"


ChipMaker = Callable[[flt.GlobalFilter, Any, Any, str, Mapping[str, str]], list[Chip]]


def _range_chips(entry: flt.GlobalFilter, value: Any, default: Any, lang: str, names: Mapping[str, str]) -> list[Chip]:
    return [Chip(entry.key, entry.field, years_text(value), default)]


def _choice_chips(entry: flt.GlobalFilter, value: Any, default: Any, lang: str, names: Mapping[str, str]) -> list[Chip]:
    """One chip per value chosen: removing it keeps the others."""
    return [
        Chip(entry.key, entry.field, entry.choice_label(chosen, lang, names), tuple(v for v in value if v != chosen))
        for chosen in value
    ]


def _switch_chips(entry: flt.GlobalFilter, value: Any, default: Any, lang: str, names: Mapping[str, str]) -> list[Chip]:
    return [Chip(entry.key, entry.field, t(entry.label_key, lang), default)]


# One maker per kind of widget the registry knows (filters.Widget).
CHIP_MAKERS: Mapping[str, ChipMaker] = {
    "year_range": _range_chips,
    "multiselect": _choice_chips,
    "toggle": _switch_chips,
}


def chips(
    filters: Any,
    options: flt.FilterOptions,
    lang: str,
    names: Mapping[str, str] | None = None,
    registry: Iterable[flt.GlobalFilter] = flt.REGISTRY,
) -> list[Chip]:
    """The chips of the filters that differ from their default, in the registry's (the sidebar's) order. `filters`
    holds one attribute per entry's field; `names` names the countries in `lang` (as the sidebar does)."""
    found: list[Chip] = []
    for entry in registry:
        value, default = getattr(filters, entry.field), entry.default(options)
        if value != default:
            found.extend(CHIP_MAKERS[entry.widget](entry, value, default, lang, names or {}))
    return found


# --------------------------------------------------------------------------- years typed as text

# Between two years: a hyphen or dash of any kind, "to", "..", or only spaces.
_RANGE = re.compile(r"^\s*(\d{4})\s*(?:(?:[-‐‑‒–—―~]|\.\.|to|đến)\s*|\s+)(\d{4})\s*$", re.IGNORECASE)
_ONE_YEAR = re.compile(r"^\s*(\d{4})\s*$")


@dataclass(frozen=True)
class TypedYears:
    """What typed years give: the range to show, or (with `years` None) why the text cannot be used."""

    years: tuple[int, int] | None
    error: str | None = None


def typed_years(raw: str, options: flt.FilterOptions, lang: str) -> TypedYears:
    """Years typed as `2019–2020`, `2019-2020`, `2019 to 2020` or `2019`, inside the data's years. Anything else is an
    error that names the text and the years the data covers: the view is left as it was."""
    every = years_text((options.first_year, options.last_year))
    text = raw.strip()
    match = _RANGE.match(text) or _ONE_YEAR.match(text)
    if match is None:
        shown = text[:40] + ("…" if len(text) > 40 else "")
        return TypedYears(None, t("typed_years_form", lang, value=shown, example=every))
    first, last = sorted(int(year) for year in (match.group(1), match.groups()[-1]))
    if first < options.first_year or last > options.last_year:
        return TypedYears(None, t("typed_years_outside", lang, value=years_text((first, last)), years=every))
    return TypedYears((first, last))

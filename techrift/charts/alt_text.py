"""Text alternatives of the charts and maps, written from the rows they draw: how many marks, the period, the extremes,
what stands out. Pure: frames in, one paragraph out (passed as `alt` to st.plotly_chart / st.pydeck_chart)."""

from __future__ import annotations

import pandas as pd

from techrift.formatting import amount_label, figure_value
from techrift.i18n import localized, localized_column, t

# A map's alt names at most this many institutions (a screen reader reads it all at once).
NAMES_IN_ALT = 12


def _year_span(years: pd.Series) -> tuple[str, str]:
    known = pd.to_numeric(years, errors="coerce").dropna()
    if known.empty:
        return "?", "?"
    return str(int(known.min())), str(int(known.max()))


def events_alt(dated: pd.DataFrame, lang: str = "en", chart: str | None = None) -> str:
    """A timeline's alt: its dated events (a `start` date, a `category`, a `title` and a `date_label` each)."""
    chart = chart or t("alt_timeline", lang)
    dated = dated[dated["start"].notna()] if "start" in dated else dated.iloc[0:0]
    if dated.empty:
        return t("alt_empty", lang, chart=chart)
    in_order = dated.assign(_start=pd.to_datetime(dated["start"])).sort_values("_start", kind="stable")
    years = in_order["_start"].dt.year
    first, last = _year_span(years)
    kinds = in_order["category"].value_counts(sort=True)
    busiest = years.value_counts().sort_index().idxmax()
    titles = localized_column(in_order, "title", lang)
    dates = localized_column(in_order, "date_label", lang)
    return t(
        "alt_events",
        lang,
        chart=chart,
        count=len(in_order),
        first=first,
        last=last,
        top=t(f"category_{kinds.index[0]}", lang),
        top_count=int(kinds.iloc[0]),
        year=int(busiest),
        year_count=int((years == busiest).sum()),
        earliest=f"{titles.iloc[0]} ({dates.iloc[0]})",
        latest=f"{titles.iloc[-1]} ({dates.iloc[-1]})",
    )


def flows_alt(drawn: pd.DataFrame, lang: str = "en", chart: str = "") -> str:
    """The funding chart's alt: its bars (amount, currency, amount_kind, status, recipient, year each)."""
    if drawn.empty:
        return t("alt_empty", lang, chart=chart or t("nav_funding", lang))
    # Amounts of different kinds and currencies are never compared: the extremes are by US dollars where known.
    size = pd.to_numeric(drawn.get("usd_amount", drawn["amount"]), errors="coerce").fillna(drawn["amount"])
    rows = drawn.to_dict("records")
    largest, smallest = rows[int(size.to_numpy().argmax())], rows[int(size.to_numpy().argmin())]
    first, last = _year_span(drawn["year"])
    recipients = localized_column(drawn, "recipient", lang).value_counts()
    return t(
        "alt_flows",
        lang,
        count=len(drawn),
        first=first,
        last=last,
        panels=drawn.groupby(["amount_kind", "currency"]).ngroups,
        largest=amount_label(largest, lang),
        largest_to=localized(largest, "recipient", lang),
        smallest=amount_label(smallest, lang),
        smallest_to=localized(smallest, "recipient", lang),
        recipient=recipients.index[0],
        recipient_count=int(recipients.iloc[0]),
    )


def counts_alt(series: pd.DataFrame, what: str, lang: str = "en") -> str:
    """A count chart's alt: one bar per year (year, value, unit)."""
    if series.empty:
        return t("alt_empty", lang, chart=what)
    values = series["value"].to_numpy(dtype=float)
    high, low = series.iloc[int(values.argmax())], series.iloc[int(values.argmin())]
    first, last = _year_span(series["year"])
    return t(
        "alt_counts",
        lang,
        what=what,
        count=series["year"].nunique(),
        first=first,
        last=last,
        high=figure_value(high["value"], high.to_dict(), lang),
        high_year=int(high["year"]),
        low=figure_value(low["value"], low.to_dict(), lang),
        low_year=int(low["year"]),
    )


def _short(name: str) -> str:
    return name.split(" (")[0]


def map_alt(institutions: pd.DataFrame, sites: pd.DataFrame, lang: str = "en", outside: tuple[str, ...] = ()) -> str:
    """A map's alt: the institutions drawn (name, city, events), Huawei's sites, and what lies outside the frame."""
    if institutions.empty:
        return t("alt_empty", lang, chart=t("nav_map", lang))
    by_ties = institutions.sort_values(["events", "name"], ascending=[False, True], kind="stable")
    names = [f"{_short(name)} ({city})" for name, city in zip(by_ties["name"], by_ties["city"])]
    listed = "; ".join(names[:NAMES_IN_ALT]) + ("; …" if len(names) > NAMES_IN_ALT else "")
    text = t(
        "alt_map",
        lang,
        count=len(institutions),
        cities=institutions["city"].nunique(),
        sites=len(sites),
        top=_short(by_ties["name"].iloc[0]),
        top_count=int(by_ties["events"].iloc[0]),
        names=listed,
    )
    if outside:
        text += " " + t("alt_map_outside", lang, places=", ".join(outside))
    return text

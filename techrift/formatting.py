"""Amounts, counts, years, dates and chart axes as people read them, in the interface's language: the locale layer
below every chart, map and page (numbers through Babel's CLDR data, via i18n.number; no network)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from babel import Locale

from techrift.i18n import localized, number, plural_category, t
from techrift.schema import PAID_LIKE_STATUSES, Record

# Statuses the amount's own wording already says (a charge is charged, sales not shipped were not shipped).
STATUS_IMPLIED = (*PAID_LIKE_STATUSES, "not_shipped")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


SCALES = ((1e9, "billion"), (1e6, "million"))


def short_number(value: float, lang: str = "en") -> str:
    """A large number in words, as the bar labels write it: '300 million', '13.3 billion', '70,000' (Vietnamese:
    '300 triệu', '13,3 tỷ', '70.000')."""
    for size, key in SCALES:
        if abs(value) >= size:
            return f"{number(value / size, lang, 1)} {t(key, lang)}"
    return number(value, lang, 1 if abs(value) < 10 else 0)


def format_amount(amount: float, currency: str, lang: str = "en") -> str:
    """'300 million USD', '13.3 billion USD', '70,000 USD' (Vietnamese: '300 triệu USD', '70.000 USD')."""
    return f"{short_number(amount, lang)} {currency}"


def language_name(code: str, lang: str = "en") -> str:
    """An ISO 639-1 code as the language names it, from CLDR: 'ru' -> 'Russian' (Vietnamese: 'Tiếng Nga')."""
    name = Locale.parse(lang).languages.get(code, code) if isinstance(code, str) else ""
    return name[:1].upper() + name[1:]


def years_label(flow: Record, lang: str = "en") -> str:
    """'2019', '2012–2018', 'until 2025', or 'year unknown'."""
    first, last = flow["year"], flow["year_end"]
    if pd.isna(first):
        return t("until_year", lang, year=int(last)) if pd.notna(last) else t("year_unknown", lang)
    if year_is_report_date(flow):
        return t("year_reported", lang, year=int(first))
    return f"{int(first)}–{int(last)}" if pd.notna(last) and last != first else str(int(first))


def year_is_report_date(flow: Record) -> bool:
    """Whether a flow's year is the date of the report that gives it, not a year the money moved: a total (over
    years the data does not know) with one year and no last year, such as Berkeley's 7.8 million USD 'in total'
    reported in 2019, or a claim known only as reported."""
    first, last = flow.get("year"), flow.get("year_end")
    if pd.isna(first) or pd.notna(last):
        return False
    return flow.get("amount_kind") == "total" or flow.get("status") == "reported_claim"


def amount_label(flow: Record, lang: str = "en") -> str:
    """The amount with its unit and meaning: '300 million USD a year', 'up to 70,000 USD per project'."""
    amount = format_amount(flow["amount"], flow["currency"], lang)
    first, last = flow.get("year"), flow.get("year_end")
    if flow["amount_kind"] == "total" and pd.notna(first) and pd.notna(last) and last != first:
        text = t("amount_total_years", lang, amount=amount, years=years_label(flow, lang))  # a total says its years
    else:
        text = t(f"amount_{flow['amount_kind']}", lang, amount=amount)
    if flow["status"] not in STATUS_IMPLIED:
        text += f" ({t('status_' + flow['status'], lang)})"
    return text


@dataclass(frozen=True)
class KeyFigure:
    """A figure as a page shows it: what it counts, its value, a line of detail, and the sources behind it."""

    label: str
    value: str
    detail: str
    source_ids: str
    definition: str = ""  # what exactly is counted, shown under the number


def unit_label(count: float, metric: Record, lang: str = "en") -> str:
    """The metric's unit for `count` in the language: 'contract' for one, 'contracts' otherwise (the plural rule of the
    language, CLDR's); Vietnamese units do not change with the number ('hợp đồng')."""
    if lang != "en":
        return localized(metric, "unit", lang)
    singular = metric.get("unit_one")
    if plural_category(count, lang) == "one" and isinstance(singular, str) and singular:
        return singular
    return str(metric["unit"])


def figure_value(value: float, metric: Record, lang: str = "en") -> str:
    """A non-money figure with its unit: '1,000 people', '1 contract' (Vietnamese: '1.000 người')."""
    text = f"{number(value, lang, 1)} {unit_label(value, metric, lang)}"
    return text.replace(" percent", "%").replace(" phần trăm", "%")


def value_label(metric: Record, lang: str = "en") -> str:
    """A non-money figure with its unit and the source's bound: 'more than 100,000 developers', 'about 13%'."""
    text = figure_value(metric["value"], metric, lang)
    qualifier = metric.get("value_qualifier")
    return t(f"qualifier_{qualifier}", lang, value=text) if isinstance(qualifier, str) else text


def partial_date(value: str, lang: str = "en", months: tuple[str, ...] = MONTHS) -> str:
    """A partial date (YYYY, YYYY-MM, YYYY-MM-DD) at its own precision, English months named from `months`:
    '2019', 'Jul 2019', '30 Jan 2019'; in Vietnamese 'tháng 7/2019', '30/1/2019'."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    if lang == "vi":
        month_year = f"{int(parts[1])}/{parts[0]}"
        return f"tháng {month_year}" if len(parts) == 2 else f"{int(parts[2])}/{month_year}"
    month = months[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def date_label(date: str | None, date_end: str | None = None, lang: str = "en") -> str:
    """Human date at its own precision: '30 Jan 2019', 'Jul 2019', '2019', '2018–2019', 'date unknown'; in
    Vietnamese '30/1/2019', 'tháng 7/2019'."""

    def one(value: str) -> str:
        return partial_date(value, lang)

    if not isinstance(date, str):
        return t("date_unknown", lang)
    if isinstance(date_end, str) and date_end != date:
        return f"{one(date)}–{one(date_end)}"
    return one(date)


SIGNIFICANT_DIGITS = 12  # past them a float's last digits are noise of its binary form (100000.00000000001)


def readable_number(value: float, lang: str = "en") -> str:
    """A table's number as the language writes it, digits grouped, without float noise: '100,000', '13.3' /
    '100.000', '13,3'; '' for a missing one."""
    if pd.isna(value):
        return ""
    value = float(f"{float(value):.{SIGNIFICANT_DIGITS}g}")
    return number(value, lang, 0 if value.is_integer() else 3)


def readable_numbers(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """`frame` with every number column (not yes/no ones) written as readable_number: for the eye, not for a CSV."""
    numeric = [
        column
        for column in frame.columns
        if pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])
    ]
    return frame.assign(**{column: frame[column].map(lambda v: readable_number(v, lang)) for column in numeric})


# --------------------------------------------------------------------------- chart axes
# plotly.js has no locale bundle offline: an axis writes its numbers and months in English ('50M', 'Jan 2019') unless
# it is given its tick labels. These give them, in the interface's language.

TICKS_WANTED = 5


def nice_ticks(low: float, high: float, log: bool = False) -> list[float]:
    """Round tick values covering low..high: steps of 1, 2 or 5 times a power of ten (about TICKS_WANTED ticks), or
    the powers of ten on a log axis."""
    if log:
        low, high = max(low, 1e-9), max(high, 1e-9)
        return [10.0**power for power in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]
    low, high = min(low, 0.0), max(high, 0.0)
    span = high - low or abs(high) or 1.0
    raw = span / TICKS_WANTED
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    count = math.ceil((high - first) / step) + 1
    return [round(first + i * step, 10) for i in range(count)]


def number_axis(values: Iterable[float], lang: str = "en", log: bool = False) -> dict[str, Any]:
    """Axis settings writing a number axis's ticks in the language ('200 million', '1.5 billion' / '200 triệu')."""
    finite = [float(v) for v in values if pd.notna(v)]
    if not finite:
        return {}
    ticks = nice_ticks(min(finite), max(finite), log)
    if log and len(ticks) > TICKS_WANTED + 1:  # every other power of ten: 13 px labels of each printed over each other
        ticks = ticks[::2]
    return dict(tickmode="array", tickvals=ticks, ticktext=[short_number(tick, lang) for tick in ticks])


# Month steps a date axis may tick at, the finest first; beyond them, years.
MONTH_STEPS = (1, 2, 3, 6)
YEAR_STEPS = (1, 2, 5, 10, 20, 50)


def date_axis(first: pd.Timestamp, last: pd.Timestamp, lang: str = "en") -> dict[str, Any]:
    """Axis settings writing a date axis's ticks in the language: years ('2019') or months ('Jul 2019' / 'tháng
    7/2019'), about TICKS_WANTED of them between `first` and `last`."""
    if pd.isna(first) or pd.isna(last):
        return {}
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next((m for m in MONTH_STEPS if months / m <= TICKS_WANTED + 1), None)
    if step is None:
        years = last.year - first.year + 1
        year_step = next((y for y in YEAR_STEPS if years / y <= TICKS_WANTED + 2), YEAR_STEPS[-1])
        first_year = first.year - first.year % year_step + (year_step if first.year % year_step else 0)
        ticks = [pd.Timestamp(year=y, month=1, day=1) for y in range(first_year, last.year + 2, year_step)]
        labels = [str(tick.year) for tick in ticks]
    else:
        first_month = pd.Timestamp(year=first.year, month=first.month, day=1)
        ticks = list(pd.date_range(first_month, last + pd.offsets.MonthBegin(1), freq=f"{step}MS"))
        labels = [date_label(f"{tick.year}-{tick.month:02d}", lang=lang) for tick in ticks]
    return dict(tickmode="array", tickvals=[tick.strftime("%Y-%m-%d") for tick in ticks], ticktext=labels)

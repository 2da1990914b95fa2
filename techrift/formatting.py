"""Amounts, years and dates as people read them, in the interface's language; below every chart, map and page."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from techrift.i18n import t
from techrift.schema import PAID_LIKE_STATUSES, Record

# Statuses the amount's own wording already says (a charge is charged, sales not shipped were not shipped).
STATUS_IMPLIED = (*PAID_LIKE_STATUSES, "not_shipped")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_amount(amount: float, currency: str, lang: str = "en") -> str:
    """'300 million USD', '13.3 billion USD', '70,000 USD' (Vietnamese: '300 triệu USD', '70.000 USD')."""
    for size, key in ((1e9, "billion"), (1e6, "million")):
        if amount >= size:
            number = f"{amount / size:,.1f}".removesuffix(".0")
            if lang == "vi":
                number = number.replace(".", ",")
            return f"{number} {t(key, lang)} {currency}"
    number = f"{amount:,.0f}"
    return f"{number.replace(',', '.') if lang == 'vi' else number} {currency}"


def years_label(flow: Record, lang: str = "en") -> str:
    """'2019', '2012–2018', 'until 2025', or 'year unknown'."""
    first, last = flow["year"], flow["year_end"]
    if pd.isna(first):
        return t("until_year", lang, year=int(last)) if pd.notna(last) else t("year_unknown", lang)
    return f"{int(first)}–{int(last)}" if pd.notna(last) and last != first else str(int(first))


def amount_label(flow: Record, lang: str = "en") -> str:
    """The amount with its unit and meaning: '300 million USD a year', 'up to 70,000 USD per project'."""
    text = t(f"amount_{flow['amount_kind']}", lang, amount=format_amount(flow["amount"], flow["currency"], lang))
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


def figure_value(value: float, unit: str) -> str:
    """A non-money figure with its unit: '1,000 people'."""
    return f"{value:,.0f} {unit}"


def value_label(metric: Record, lang: str = "en") -> str:
    """A non-money figure with its unit and the source's bound: 'more than 100,000 developers', 'about 13%'."""
    text = figure_value(metric["value"], metric["unit"]).replace(" percent", "%")
    qualifier = metric.get("value_qualifier")
    return t(f"qualifier_{qualifier}", lang, value=text) if isinstance(qualifier, str) else text


def date_label(date: str | None, date_end: str | None = None, lang: str = "en") -> str:
    """Human date at its own precision: '30 Jan 2019', 'Jul 2019', '2019', '2018–2019', 'date unknown'; in
    Vietnamese '30/1/2019', 'tháng 7/2019'."""

    def one(value: str) -> str:
        parts = value.split("-")
        if len(parts) == 1:
            return parts[0]
        if lang == "vi":
            month_year = f"{int(parts[1])}/{parts[0]}"
            return f"tháng {month_year}" if len(parts) == 2 else f"{int(parts[2])}/{month_year}"
        month = MONTHS[int(parts[1]) - 1]
        return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"

    if not isinstance(date, str):
        return t("date_unknown", lang)
    if isinstance(date_end, str) and date_end != date:
        return f"{one(date)}–{one(date_end)}"
    return one(date)

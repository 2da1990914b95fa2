"""Amounts, years, figures and dates as people read them, in English and Vietnamese."""

from __future__ import annotations

import pandas as pd
import pytest

from techrift import formatting


def _flow(**overrides) -> dict[str, object]:
    base = dict(
        flow_id="f",
        payer="Huawei",
        recipient="Skoltech",
        amount=2_000_000.0,
        currency="USD",
        amount_kind="per_year",
        year=2019,
        year_end=pd.NA,
        status="paid",
        usd_amount=float("nan"),
        usd_note=None,
    )
    return base | overrides


@pytest.mark.parametrize(
    ("overrides", "label"),
    [
        ({}, "2 million USD a year"),
        ({"amount": 300_000_000.0, "status": "budgeted"}, "300 million USD a year (budgeted)"),
        (
            {"amount": 70_000.0, "amount_kind": "cap_per_project", "status": "offered"},
            "up to 70,000 USD per project (offered)",
        ),
        ({"amount": 150_000.0, "amount_kind": "one_off", "status": "declined"}, "150,000 USD one-off (declined)"),
        ({"amount": 7_800_000.0, "amount_kind": "total", "status": "honoured"}, "7.8 million USD in total"),
        ({"amount": 90e9, "currency": "CNY"}, "90 billion CNY a year"),
        (
            {"amount": 2.5e9, "amount_kind": "forgone_sales", "status": "not_shipped"},
            "2.5 billion USD of sales not shipped",
        ),
    ],
)
def test_labels_carry_value_unit_meaning_and_status(overrides, label) -> None:
    assert formatting.amount_label(_flow(**overrides)) == label


def test_vietnamese_labels_use_vietnamese_number_format() -> None:
    assert formatting.amount_label(_flow(amount=7_800_000.0, amount_kind="total"), "vi") == "tổng cộng 7,8 triệu USD"
    assert formatting.amount_label(
        _flow(amount=70_000.0, amount_kind="cap_per_project", status="offered"), "vi"
    ).startswith("tối đa 70.000 USD")


def test_years_label_handles_periods_and_unknown_years() -> None:
    assert formatting.years_label(_flow(year=2012, year_end=2018)) == "2012–2018"
    assert formatting.years_label(_flow(year=pd.NA)) == "year unknown"
    assert formatting.years_label(_flow(year=pd.NA, year_end=2025)) == "until 2025"


def test_amounts_read_in_each_language() -> None:
    assert formatting.format_amount(13_300_000_000, "USD") == "13.3 billion USD"
    assert formatting.format_amount(13_300_000_000, "USD", "vi") == "13,3 tỷ USD"
    assert formatting.format_amount(70_000, "USD", "vi") == "70.000 USD"


def test_figures_keep_their_unit() -> None:
    assert formatting.figure_value(1234.0, "contracts") == "1,234 contracts"


@pytest.mark.parametrize(
    ("date", "date_end", "label"),
    [
        ("2019-01-30", None, "30 Jan 2019"),
        ("2019-07", None, "Jul 2019"),
        ("2019", None, "2019"),
        ("2018", "2019", "2018–2019"),
        ("2019-07", "2019-07", "Jul 2019"),
        (None, None, "date unknown"),
    ],
)
def test_a_date_is_read_at_its_own_precision(date, date_end, label) -> None:
    assert formatting.date_label(date, date_end) == label


def test_an_unknown_date_is_said_in_the_interfaces_language() -> None:
    assert formatting.date_label(None, lang="vi") == "không rõ ngày"

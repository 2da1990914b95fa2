"""Amounts, years, figures and dates as people read them, in English and Vietnamese."""

from __future__ import annotations

import pandas as pd
import pytest

from techrift import formatting
from techrift.i18n import t


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


CONTRACTS = {"unit": "contracts", "unit_one": "contract", "unit_vi": "hợp đồng"}


def test_figures_keep_their_unit_in_the_plural_the_language_needs() -> None:
    assert formatting.figure_value(1234.0, CONTRACTS) == "1,234 contracts"
    assert formatting.figure_value(1.0, CONTRACTS) == "1 contract"
    assert formatting.figure_value(1.0, CONTRACTS, "vi") == "1 hợp đồng"
    assert formatting.figure_value(100_000.0, CONTRACTS, "vi") == "100.000 hợp đồng"
    assert formatting.figure_value(13.0, {"unit": "percent", "unit_vi": "phần trăm"}, "vi") == "13%"


def test_large_numbers_read_in_words_in_each_language() -> None:
    assert formatting.short_number(2_200_000, "vi") == "2,2 triệu"
    assert formatting.short_number(200_000_000) == "200 million"
    assert formatting.short_number(20_000, "vi") == "20.000"


def test_number_axis_ticks_are_round_and_written_like_the_bar_labels() -> None:
    axis = formatting.number_axis([70_000, 300_000_000], "vi")
    assert axis["tickvals"] == [0, 100_000_000, 200_000_000, 300_000_000]
    assert axis["ticktext"] == ["0", "100 triệu", "200 triệu", "300 triệu"]
    log = formatting.number_axis([70_000, 300_000_000], "en", log=True)
    assert log["tickvals"][0] == 10_000 and log["tickvals"][-1] == 1_000_000_000
    assert log["ticktext"][-1] == "1 billion"


def test_date_axis_ticks_years_over_a_long_span_and_months_in_the_language_over_a_short_one() -> None:
    years = formatting.date_axis(pd.Timestamp("2018-09-17"), pd.Timestamp("2025-07-31"), "vi")
    assert years["ticktext"] == ["2018", "2020", "2022", "2024", "2026"]  # eight years: every other one
    months = formatting.date_axis(pd.Timestamp("2024-11-05"), pd.Timestamp("2025-06-20"), "vi")
    assert months["ticktext"][:2] == ["tháng 11/2024", "tháng 1/2025"]
    assert formatting.date_axis(pd.Timestamp("2024-11-05"), pd.Timestamp("2025-06-20"))["ticktext"][0] == "Nov 2024"


def test_language_codes_are_named_in_the_interface_language() -> None:
    assert formatting.language_name("ru", "vi") == "Tiếng Nga"
    assert formatting.language_name("vi") == "Vietnamese"


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


def test_a_label_with_a_count_takes_the_languages_plural_form() -> None:
    assert t("support_sources", "en", count=1) == "1 independent source"
    assert t("support_sources", "en", count=2) == "2 independent sources"
    assert t("support_sources", "vi", count=1) == "1 nguồn độc lập"  # Vietnamese has one form

"""A year that is a report date says so: a total the data knows only by the year of its report (no last year), a
reported claim, and a metric that is a claim carry 'reported <year>' in their labels, hovers and tables."""

from __future__ import annotations

import pandas as pd
import pytest

from techrift import formatting
from techrift.charts import funding


def _flow(**overrides) -> dict[str, object]:
    base = dict(amount=7_800_000.0, currency="USD", amount_kind="per_year", status="paid", year=2019, year_end=pd.NA)
    return {**base, **overrides}


@pytest.mark.parametrize(
    ("overrides", "label"),
    [
        ({"amount_kind": "total"}, "reported 2019"),  # a total over years not given, dated by its report
        ({"status": "reported_claim", "amount_kind": "one_off"}, "reported 2019"),
        ({}, "2019"),  # money a year, in that year
        ({"amount_kind": "total", "year": 2012, "year_end": 2018}, "2012–2018"),  # a total that says its years
        ({"amount_kind": "total", "year": pd.NA, "year_end": 2025}, "until 2025"),
    ],
)
def test_a_flows_year_says_when_it_is_a_report_date(overrides, label: str) -> None:
    assert formatting.years_label(_flow(**overrides)) == label


def test_in_vietnamese_too() -> None:
    assert formatting.years_label(_flow(amount_kind="total"), "vi") == "đưa tin năm 2019"


def test_the_funding_chart_and_table_mark_the_report_date(dataset) -> None:
    flows = dataset.flows[dataset.flows["flow_id"].eq("berkeley-existing-agreements")]
    assert funding.bar_label(flows.iloc[0].to_dict(), "en").endswith("(reported 2019)")
    assert funding.flows_table(flows, dataset)["years"].tolist() == ["reported 2019"]


def test_a_claims_year_is_its_report_date_and_a_measures_is_not(dataset) -> None:
    table = funding.figures_table(dataset.metrics).set_index("metric_id")
    assert table.at["russia-new-partners", "year"] == "reported 2019"  # a claim
    assert table.at["skoltech-contracts-2013", "year"] == "2013"  # a measure of that year

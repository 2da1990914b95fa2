"""The funding page under AppTest."""

from __future__ import annotations

from apptest_helpers import plotly_specs, run_page, texts, values


def _drawn_flows(spec: dict) -> set[str]:
    return {row[0] for trace in spec["data"] for row in trace["customdata"]}


def test_default_page_draws_every_flow_targets_and_skoltech(dataset) -> None:
    at = run_page("pages/funding.py")
    assert not at.exception
    sizes, money, skoltech = plotly_specs(at)
    assert _drawn_flows(sizes) == set(dataset.flows["flow_id"]) - {"nvidia-h20-expected-charge"}
    context = {"huawei-rnd-2017", "aws-lab-graph-revenue-claim", "nvidia-h20-inventory-charge", "nvidia-h20-unshipped"}
    assert _drawn_flows(money) == set(dataset.flows["flow_id"]) - {"nvidia-h20-expected-charge"} - context
    assert "Not drawn: estimates, not money spent or booked (1). The table below lists them." in texts(at)
    assert [values(bar["y"]) for bar in skoltech["data"]] == [[1.0, 10.0]]
    assert [m.value for m in at.metric] == [
        "more than 100,000 developers",
        "more than 100 vendors",
        "more than 20 universities",
    ]
    assert set(at.dataframe[0].value["flow_id"]) == set(dataset.flows["flow_id"])


def test_url_options_set_log_scale_grouping_and_filters() -> None:
    at = run_page("pages/funding.py", {"log": "1", "group": "status", "company": "Nvidia", "context": "1"})
    assert not at.exception
    money = plotly_specs(at)[1]
    assert all(money["layout"][key]["type"] == "log" for key in money["layout"] if key.startswith("xaxis"))
    assert _drawn_flows(money) == {"nvidia-h20-inventory-charge", "nvidia-h20-unshipped"}
    assert set(at.dataframe[0].value["flow_id"]) == {  # the estimate is listed, with its status
        "nvidia-h20-expected-charge",
        "nvidia-h20-inventory-charge",
        "nvidia-h20-unshipped",
    }
    assert "expected (an estimate, not booked)" in set(at.dataframe[0].value["status"])
    assert at.toggle[0].value is True and at.main.radio[0].value == "status"
    assert all(trace["type"] == "scatter" for trace in money["data"])  # dots, never bars, on a log scale


def test_selected_flow_opens_its_detail_with_the_sentence_that_states_it() -> None:
    at = run_page("pages/funding.py", {"flow": "huawei-irp-project-cap"})
    assert not at.exception
    shown = texts(at)
    assert "up to 70,000 USD per project" in shown
    # the seed's sentence as written (markdown-escaped), with its translation
    assert "“ưu đãi lên tới 70\\.000 USD cho mỗi dự án\\.” (Vietnamese)" in shown
    assert "English translation: incentives of up to 70,000 USD per project" in shown


def test_filters_that_leave_no_money_say_so() -> None:
    at = run_page("pages/funding.py", {"country": "United Kingdom"})
    assert not at.exception
    assert "No money flow matches these filters" in at.info[0].value


def test_many_targets_show_the_first_few_and_say_the_table_has_the_rest(dataset, tmp_path, monkeypatch) -> None:
    from benchmarks import synthetic
    from techrift.charts import funding
    from techrift.data import DATA_DIR_ENV
    from tests.data_folders import FIXTURE_DATA

    # thirty targets
    monkeypatch.setenv(DATA_DIR_ENV, str(synthetic.write_scaled(10, tmp_path, FIXTURE_DATA)))
    at = run_page("pages/funding.py")
    assert not at.exception
    assert len(at.metric) == funding.TARGETS_SHOWN
    assert [caption.value for caption in at.caption if "more targets" in caption.value] == [
        "27 more targets are in the table below."
    ]
    assert len(at.dataframe[-1].value) == 10 * len(dataset.metrics)  # the figures table still has every figure

"""The comparison page under AppTest: default pair, swapped pair, any pair from the URL."""

from __future__ import annotations

import pytest

from apptest_helpers import plotly_specs, run_page, texts


@pytest.mark.parametrize(("params", "a", "b"), [({}, "AWS", "Nvidia"), ({"a": "Nvidia", "b": "AWS"}, "Nvidia", "AWS")])
def test_pair_from_the_url_sets_columns_and_moves(params, a, b) -> None:
    at = run_page("pages/compare.py", params)
    assert not at.exception
    assert (at.selectbox[0].value, at.selectbox[1].value) == (a, b)
    assert at.title[0].value.startswith(f"{a} vs {b}")
    moves = plotly_specs(at)[0]
    assert moves["layout"]["yaxis"]["categoryarray"] == [a, b]
    shown = texts(at)
    assert shown.index("Pulling back") < shown.index("Courting Chinese talent") if a == "AWS" else \
        shown.index("Courting Chinese talent") < shown.index("Pulling back")
    assert "thời hoàng kim" in shown  # the AWS talent cell carries its seed fragment
    assert "No sourced statement in the data." in shown


def test_every_cell_cites_its_sources() -> None:
    at = run_page("pages/compare.py")
    shown = texts(at)
    for source_id in ("seed-003", "cnn-kesq", "ustatepulse", "republicworld", "fashionunited"):
        assert f"source={source_id}" in shown


def test_other_companies_can_be_compared() -> None:
    at = run_page("pages/compare.py", {"a": "Microsoft", "b": "IBM"})
    assert not at.exception
    assert "Microsoft also scaled back its research operations in China" in texts(at)


def test_company_filter_excluding_the_pair_is_said_plainly() -> None:
    at = run_page("pages/compare.py", {"company": "Huawei"})
    assert not at.exception
    assert any("leaves out AWS, Nvidia" in info.value for info in at.info)
    assert plotly_specs(at) == []

"""The comparison page under AppTest: default pair, swapped pair, any pair from the URL, the global filters."""

from __future__ import annotations

import pytest
from apptest_helpers import plotly_specs, run_page, texts
from data_folders import FIXTURE_DATA

from techrift.data import split_ids


def _key_figures(at) -> list[tuple[str, str]]:
    """The metrics shown, labels without their Markdown escapes."""
    return [(metric.label.replace("\\", ""), metric.value) for metric in at.metric]


@pytest.mark.parametrize(("params", "a", "b"), [({}, "AWS", "Nvidia"), ({"a": "Nvidia", "b": "AWS"}, "Nvidia", "AWS")])
def test_pair_from_the_url_sets_columns_figures_and_lanes(params, a, b) -> None:
    at = run_page("pages/compare.py", params)
    assert not at.exception
    assert (at.selectbox[0].value, at.selectbox[1].value) == (a, b)
    assert at.title[0].value.startswith(f"{a} vs {b}")
    assert [section.value for section in at.header][:2] == ["Key figures", "Moves in China on one date axis"]
    assert at.subheader[0].value == "Research presence in China"
    figures = _key_figures(at)
    aws_figures = [
        ("Years AWS Shanghai AI Lab ran", "about 7"),
        ("Cloud regions", "2 regions"),
    ]
    nvidia_figures = [("China share of revenue, fiscal year (2025)", "about 13%")]
    assert figures == (aws_figures + nvidia_figures if a == "AWS" else nvidia_figures + aws_figures)
    moves = plotly_specs(at)[0]
    assert moves["layout"]["yaxis"]["categoryarray"] == [a, b]
    assert moves["layout"]["yaxis2"]["categoryarray"] == [a, b]  # the close-up keeps the same lanes
    shown = texts(at)
    first, second = (
        ("Pulling back", "Courting Chinese talent") if a == "AWS" else ("Courting Chinese talent", "Pulling back")
    )
    assert shown.index(first) < shown.index(second)  # the first company's cell comes first in its row
    assert "thời hoàng kim" in shown  # the AWS talent cell carries its seed fragment
    assert shown.count("No sourced statement in the data.") == 2  # Nvidia's research presence, AWS's export controls


def test_every_cell_cites_its_sources(dataset) -> None:
    at = run_page("pages/compare.py")
    shown = texts(at)
    stances = dataset.stances[dataset.stances["company"].isin(["AWS", "Nvidia"])]
    for source_ids in stances["source_ids"]:
        for source_id in split_ids(source_ids):
            assert f"source={source_id})" in shown


def test_other_companies_can_be_compared() -> None:
    at = run_page("pages/compare.py", {"a": "Microsoft", "b": "IBM"})
    assert not at.exception
    assert "Microsoft offered to move some R\\&D staff from China to the US" in texts(at)
    assert "IBM shut its China R\\&D operation in August 2024" in texts(at)
    assert plotly_specs(at)[0]["layout"]["yaxis"]["categoryarray"] == ["Microsoft", "IBM"]


def test_same_company_twice_falls_back_with_a_notice() -> None:
    at = run_page("pages/compare.py", {"a": "IBM", "b": "IBM"})
    assert not at.exception
    assert [warning.value for warning in at.warning] == ["IBM was chosen twice; comparing it with Nvidia."]
    assert (at.selectbox[0].value, at.selectbox[1].value) == ("IBM", "Nvidia")
    assert "IBM" not in at.selectbox[1].options
    assert at.title[0].value.startswith("IBM vs Nvidia")


def test_unknown_company_falls_back_with_a_notice() -> None:
    at = run_page("pages/compare.py", {"a": "Oracle"})
    assert not at.exception
    assert any("Oracle" in warning.value for warning in at.warning)
    assert (at.selectbox[0].value, at.selectbox[1].value) == ("AWS", "Nvidia")


def test_company_filter_excluding_the_pair_is_said_plainly() -> None:
    at = run_page("pages/compare.py", {"company": "Huawei"})
    assert not at.exception
    assert any("leaves out AWS, Nvidia" in info.value for info in at.info)
    assert plotly_specs(at) == []
    assert "Pulling back" in texts(at)  # the comparison itself still stands


def test_company_filter_on_aws_keeps_amazons_exits_in_its_lane() -> None:
    at = run_page("pages/compare.py", {"company": "AWS"})
    assert not at.exception
    assert any("leaves out Nvidia" in info.value for info in at.info)
    moves = at.dataframe[0].value
    assert set(moves["lane"]) == {"AWS"}
    assert {"amazon-ebook-exit", "amazon-appstore-exit", "aws-shanghai-lab-closed"} <= set(moves["event_id"])


def test_year_range_without_stances_or_moves_says_so() -> None:
    at = run_page("pages/compare.py", {"years": "2012-2015"})
    assert not at.exception
    shown = " ".join(info.value for info in at.info)
    assert "Neither company has a sourced stance dated within the year range." in shown
    assert "No move of these two companies matches the filters." in shown
    assert plotly_specs(at) == [] and not at.dataframe
    assert _key_figures(at) == []


def test_many_key_figures_show_the_first_few_and_say_where_the_rest_are(tmp_path, monkeypatch) -> None:
    from benchmarks import synthetic
    from techrift.data import DATA_DIR_ENV

    # ten copies of the fixture's AWS lab
    monkeypatch.setenv(DATA_DIR_ENV, str(synthetic.write_scaled(10, tmp_path, FIXTURE_DATA)))
    at = run_page("pages/compare.py")
    assert not at.exception
    from techrift import comparison

    assert len(at.metric) <= 2 * comparison.KEY_FIGURES_SHOWN
    notes = [caption.value for caption in at.caption if "more figures not shown" in caption.value]
    assert notes and notes[0].split()[0].isdigit() and int(notes[0].split()[0]) >= 2

"""The pages' CSV downloads: made on click from the shared dataset and the view's parameters, so that an open session
keeps no table of its own for them, and holding the rows the page shows."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from apptest_helpers import run_page
from streamlit.runtime.media_file_manager import MediaFileManager

from techrift import sitemap, views
from techrift.export import versioned
from techrift.filters import Scope
from techrift.ui import downloads, shell


def _named(file_name: str) -> str:
    """A download's file name as offered: with the version of the data it was made from (the pages' shared dataset)."""
    return versioned(file_name, shell.cached_dataset().release.version)


@pytest.fixture
def offered(monkeypatch) -> dict[str, Callable[[], Any]]:
    """The deferred downloads a run registers, by file name: what Streamlit keeps for the session until its next run."""
    made: dict[str, Callable[[], Any]] = {}
    register = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return made


def tables_kept(value: Any) -> list[str]:
    """The tables (frames, series, arrays) that `value` keeps alive through partials, closures, containers and, for a
    function written in a page script, the page's variables."""
    if isinstance(value, (pd.DataFrame, pd.Series, np.ndarray)):
        return [f"a {type(value).__name__} of {len(value)} rows"]
    if isinstance(value, functools.partial):
        parts = [value.func, *value.args, *value.keywords.values()]
    elif isinstance(value, (tuple, list, set, frozenset)):
        parts = list(value)
    elif isinstance(value, dict):
        parts = list(value.values())
    elif callable(value) and hasattr(value, "__code__"):
        parts = [cell.cell_contents for cell in value.__closure__ or ()]
        if value.__module__ == "__main__":  # a page script's function holds all of the page's variables
            parts += [v for k, v in value.__globals__.items() if not k.startswith("__")]
    else:
        return []
    return [kept for part in parts for kept in tables_kept(part)]


def csv_rows(download: Callable[[], Any]) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(download()), dtype=str, keep_default_na=False, encoding="utf-8-sig")


PAGES = {page.script: dict(page.samples[0]) for page in sitemap.VIEW_PAGES}  # every view offers its tables


@pytest.mark.parametrize("page", list(PAGES))
def test_a_session_keeps_no_table_for_its_downloads(page, offered) -> None:
    at = run_page(page, PAGES[page])
    assert not at.exception
    assert offered, "the page offers downloads"
    for file_name, download in offered.items():
        assert tables_kept(download) == [], file_name


def test_the_check_sees_a_table_kept_by_a_download() -> None:
    frame = pd.DataFrame({"a": [1, 2]})
    assert tables_kept(functools.partial(print, frame)) == ["a DataFrame of 2 rows"]
    assert tables_kept(functools.partial(print, (1, {"rows": frame["a"]}))) == ["a Series of 2 rows"]
    assert tables_kept(lambda: frame) == ["a DataFrame of 2 rows"]
    assert tables_kept(functools.partial(views.timeline_table, Scope.everything(shell.cached_dataset()))) == []


def test_a_table_given_to_a_download_is_refused_with_the_file_named() -> None:
    with pytest.raises(TypeError, match="techrift-timeline.csv"):
        downloads.download_csv("techrift-timeline.csv", views.timeline_table, pd.DataFrame({"event_id": ["x"]}))


def test_the_timeline_download_holds_the_view_shown(offered) -> None:
    narrowed = run_page("pages/timeline.py", {"years": "2019-2019", "kind": "tie_cut,tie_suspended"})
    narrowed_rows = csv_rows(offered[_named("techrift-timeline.csv")])
    whole = run_page("pages/timeline.py")
    assert narrowed_rows["event_id"].tolist() == narrowed.dataframe[0].value["event_id"].tolist()
    assert (
        csv_rows(offered[_named("techrift-timeline.csv")])["event_id"].tolist()
        == whole.dataframe[0].value["event_id"].tolist()
    )
    assert 0 < len(narrowed_rows) < len(whole.dataframe[0].value)


def test_funding_downloads_hold_the_tables_shown(offered) -> None:
    at = run_page("pages/funding.py", {"country": "United States"})
    flows = at.dataframe[0].value
    assert csv_rows(offered[_named("techrift-flows.csv")])["label"].tolist() == flows["label"].tolist()
    # No US figure that is not money: the page says so in words (issue 32) and the download holds no row.
    assert len(at.dataframe) == 1 and "No figures for this filter." in [caption.value for caption in at.caption]
    assert csv_rows(offered[_named("techrift-figures.csv")]).empty


def test_the_map_download_holds_the_institutions_in_view(offered) -> None:
    at = run_page("pages/map.py", {"view": "world", "country": "United Kingdom,Russia"})
    rows = csv_rows(offered[_named("techrift-map.csv")])
    assert rows["name"].tolist() == at.dataframe[0].value["name"].tolist()
    assert {"United Kingdom", "Russia"} == set(rows["country"])
    assert not [column for column in rows.columns if column.startswith("tip_") or column == "color"]


def test_comparison_downloads_hold_the_pair_shown(offered) -> None:
    at = run_page("pages/compare.py", {"a": "Nvidia", "b": "AWS"})
    comparison = csv_rows(offered[_named("techrift-Nvidia-vs-AWS.csv")])
    assert list(comparison.columns[1:3]) == ["Nvidia: position", "Nvidia: statement"]
    assert set(comparison["dimension"]) <= {subheader.value for subheader in at.subheader}
    assert (
        csv_rows(offered[_named("techrift-Nvidia-vs-AWS-moves.csv")])["event_id"].tolist()
        == at.dataframe[0].value["event_id"].tolist()
    )


def test_the_sources_download_lists_every_source(offered) -> None:
    at = run_page("pages/sources.py")
    assert (
        csv_rows(offered[_named("techrift-sources.csv")])["source_id"].tolist()
        == at.dataframe[0].value["source_id"].tolist()
    )


def test_funding_downloads_write_whole_amounts_and_figures_whole(offered) -> None:
    run_page("pages/funding.py")
    flows = csv_rows(offered[_named("techrift-flows.csv")])
    figures = csv_rows(offered[_named("techrift-figures.csv")])
    budget = flows.set_index("flow_id").loc["huawei-university-research-budget"]
    assert (budget["amount"], budget["usd_equivalent"]) == ("300000000", "")
    population = figures.set_index("metric_id").loc["china-market-population"]
    assert (population["value"], population["year"], population["within_years"]) == ("1000000000", "", "")
    written = [*flows["amount"], *figures["value"], *figures["year"], *figures["within_years"]]
    assert [value for value in written if value.endswith(".0") or value in ("None", "nan", "<NA>")] == []

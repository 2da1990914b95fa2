"""The one cached loader: the dataset is loaded once per process and shared, so no page may change it."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from techrift import sitemap, sources
from techrift.ui import shell
from tests.apptest_helpers import run_page

# Every view of every page (techrift/sitemap.py), and a few that open a record or switch the language.
VISITS = [
    *sitemap.visits(),
    ("pages/timeline.py", {"event": "nsu-development-centre", "kind": "tie_cut,partnership"}),
    ("pages/timeline.py", {"years": "2019-2019", "lang": "vi"}),
    ("pages/map.py", {"place": "nsu", "view": "world"}),
    ("pages/funding.py", {"flow": "huawei-university-research-budget", "group": "payer", "log": "1"}),
    ("pages/compare.py", {"a": "Nvidia", "b": "AWS"}),
    ("pages/sources.py", {"source": "seed-000"}),
    ("pages/briefing.py", {"step": "5", "lang": "vi"}),
]


def _fingerprint(dataset) -> dict[str, tuple[tuple[str, ...], int]]:
    # The tables, and what is derived from them once per dataset and shared by every run.
    frames = {field.name: getattr(dataset, field.name) for field in dataclasses.fields(dataset)}
    frames |= {
        "sources_by_id": dataset.sources_by_id,
        "citations": sources.citations(dataset),
        "source_table": sources.source_table(dataset),
        "seed_quotes": sources.seed_view(dataset, "seed-000")[0],
    }
    return {
        name: (tuple(frame.columns), int(pd.util.hash_pandas_object(frame.astype(str), index=True).sum()))
        for name, frame in frames.items()
        if isinstance(frame, pd.DataFrame)
    }


def test_one_shared_dataset_is_not_modified_by_any_page() -> None:
    shared = shell.cached_dataset()
    assert shell.cached_dataset() is shared  # one object per process, not a copy per run
    before = _fingerprint(shared)
    assert len(before) >= 11
    for script, params in VISITS:
        at = run_page(script, params)
        assert not at.exception, (script, [e.value for e in at.exception])
    assert shell.cached_dataset() is shared
    assert _fingerprint(shared) == before


@pytest.mark.parametrize("name", ["events", "places", "flows", "sources"])
def test_the_fingerprint_sees_an_in_place_change(name: str) -> None:
    # The check above can fail: a change to any cell alters the fingerprint.
    dataset = shell.cached_dataset()
    frame = getattr(dataset, name).copy()
    before = int(pd.util.hash_pandas_object(frame.astype(str), index=True).sum())
    frame.iloc[0, 1] = "changed"
    assert int(pd.util.hash_pandas_object(frame.astype(str), index=True).sum()) != before

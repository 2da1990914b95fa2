"""The package files written from the models: the dictionary lists every column, a changelog names its version.
What must hold of the shipped data is checked in tests/test_shipped_data.py."""

from __future__ import annotations

import pytest

from techrift import datapackage, schema


def test_a_changelog_without_a_release_heading_is_refused() -> None:
    with pytest.raises(ValueError, match="no release heading"):
        datapackage.latest_release("# Data changelog\n\nNothing released yet.\n")
    assert datapackage.latest_release("## 3.0.1 — 2027-01-02\n\n## 3.0.0 — 2027-01-01\n") == datapackage.Release(
        "3.0.1", "2027-01-02"
    )


def test_the_dictionary_lists_every_column_with_what_it_allows() -> None:
    dictionary = datapackage.render_dictionary()
    for name, model in schema.TABLES.items():
        assert f"### `{name}.csv`" in dictionary
        for column in model.to_schema().columns:
            assert f"| `{column}` |" in dictionary
    assert "`named`, `inferred`" in dictionary and "`expected`" in dictionary

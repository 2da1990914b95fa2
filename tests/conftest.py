"""Shared fixtures: the shipped dataset, and a scratch copy of the data folder to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from techrift.data import Dataset, load_dataset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(ROOT / "data")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (with seeds/ beside it, as the seed paths expect); returns the data folder."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path / "data"

"""The data folders the tests read: the fixture dataset (tests/fixtures/data, for the tests of the code) and the
shipped data (only tests/test_shipped_data.py and the release test read it)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from techrift.data import DATA_DIR_ENV

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"  # its seeds are in tests/fixtures/seeds, beside it
# data/, or the folder $TECHRIFT_DATA_DIR names when the tests start (to run the shipped-data checks on another copy)
SHIPPED_DATA = Path(os.environ.get(DATA_DIR_ENV) or ROOT / "data")


def copy_data(data_dir: Path, to: Path) -> Path:
    """A writable copy of a data folder with its seeds/ beside it (as the seed paths expect); returns the data folder."""
    shutil.copytree(data_dir, to / "data")
    shutil.copytree(data_dir.parent / "seeds", to / "seeds")
    return to / "data"

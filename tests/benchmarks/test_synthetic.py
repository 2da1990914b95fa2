"""The benchmark's synthetic data is valid data of the same schema, N times larger, with consistent references."""

from __future__ import annotations

from benchmarks import synthetic
from techrift.data import load_dataset, validate
from tests.data_folders import FIXTURE_DATA

# The scaling is a function of any data folder: tested on the fixture data (tests/fixtures), a factor big enough to
# repeat every id many times.
FACTOR = 20


def test_scaled_dataset_is_valid_and_n_times_larger(tmp_path) -> None:
    original = synthetic.row_counts(FIXTURE_DATA)
    data_dir = synthetic.write_scaled(FACTOR, tmp_path, FIXTURE_DATA)
    assert validate(data_dir) == []
    counts = synthetic.row_counts(data_dir)
    assert counts == {name: count * (FACTOR if name in synthetic.MULTIPLIED else 1) for name, count in original.items()}
    assert sorted(path.name for path in (tmp_path / "seeds").iterdir()) == sorted(
        path.name for path in (FIXTURE_DATA.parent / "seeds").iterdir()
    )


def test_each_copy_refers_to_its_own_copies(tmp_path) -> None:
    dataset = load_dataset(synthetic.write_scaled(3, tmp_path, FIXTURE_DATA))
    events = dataset.events.set_index("event_id")
    placed = events[events["place_id"].notna()]
    for event_id, place_id in placed["place_id"].items():
        assert event_id.endswith("-x2") == place_id.endswith("-x2"), (event_id, place_id)
    quote = dataset.quotes.set_index("quote_id").loc["q-lede-pivot-x1"]
    assert quote["record_id"] == "huawei-russia-tour-x1" and "huawei-russia-tour-x1" in events.index


def test_copy_ids() -> None:
    assert synthetic.copy_id("msu", 0) == "msu"
    assert synthetic.copy_id("msu", 7) == "msu-x7"
    assert synthetic.copy_id("", 7) == ""

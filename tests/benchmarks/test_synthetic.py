"""The benchmark's synthetic data is valid data of the same schema, N times larger, with consistent references."""

from __future__ import annotations

from benchmarks import synthetic
from techrift.data import PROJECT_ROOT, load_dataset, validate


def test_scaled_dataset_is_valid_and_n_times_larger(tmp_path) -> None:
    original = synthetic.row_counts(PROJECT_ROOT / "data")
    data_dir = synthetic.write_scaled(100, tmp_path)
    assert validate(data_dir) == []
    counts = synthetic.row_counts(data_dir)
    assert counts == {name: count * (100 if name in synthetic.MULTIPLIED else 1) for name, count in original.items()}
    assert sorted(path.name for path in (tmp_path / "seeds").iterdir()) == sorted(
        path.name for path in (PROJECT_ROOT / "seeds").iterdir()
    )


def test_each_copy_refers_to_its_own_copies(tmp_path) -> None:
    dataset = load_dataset(synthetic.write_scaled(3, tmp_path))
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

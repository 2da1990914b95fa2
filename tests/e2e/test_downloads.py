"""A table's CSV download in the browser: made on click, it holds exactly the rows the page shows."""

from __future__ import annotations

import io

import pandas as pd
from conftest import visit

from techrift import filters as flt
from techrift.charts import timeline
from techrift.data import default_data_dir, load_dataset
from techrift.i18n import t
from techrift.pivot import pivot_events


def test_the_timeline_download_holds_the_rows_shown(app) -> None:
    visit(app, "timeline?years=2019-2019")
    with app.expect_download(timeout=60_000) as download:
        app.get_by_role("button", name=t("download_rows", "en")).first.click()
    rows = pd.read_csv(io.StringIO(download.value.path().read_text(encoding="utf-8")), dtype=str, keep_default_na=False)

    dataset = load_dataset(default_data_dir())
    options = flt.options_for(dataset)
    filters, notices = flt.from_params({"years": "2019-2019"}, options)
    assert notices == []
    pivot = pivot_events(flt.apply_to_events(dataset.events, filters, options), dataset.places)
    expected = timeline.events_table(pivot, dataset)
    assert download.value.suggested_filename.endswith(".csv")
    assert len(rows) == len(expected) > 0
    assert rows["event_id"].tolist() == expected["event_id"].tolist()
    assert rows["title"].tolist() == expected["title"].tolist()
    assert rows["date"].tolist() == expected["date"].tolist()

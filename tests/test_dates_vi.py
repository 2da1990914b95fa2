"""Dates in the Vietnamese interface: written the Vietnamese way wherever a page shows one, never 'Jul 2019'."""

from __future__ import annotations

import re

from apptest_helpers import deck_specs, plotly_specs, run_page, texts

from techrift.formatting import date_label

ENGLISH_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b")


def test_a_date_is_written_at_its_precision_in_each_language() -> None:
    assert [date_label(d, lang="vi") for d in ("2019", "2019-07", "2019-01-30")] == [
        "2019",
        "tháng 7/2019",
        "30/1/2019",
    ]
    assert date_label("2018-07", "2019-01", lang="vi") == "tháng 7/2018–tháng 1/2019"
    assert date_label(None, lang="vi") == "không rõ ngày"
    assert [date_label(d) for d in ("2019-07", "2019-01-30")] == ["Jul 2019", "30 Jan 2019"]  # English unchanged


def test_the_timeline_in_vietnamese_dates_its_table_hover_and_panel_in_vietnamese() -> None:
    at = run_page("pages/timeline.py", {"lang": "vi", "event": "berkeley-suspends"})
    assert not at.exception
    dates = at.dataframe[0].value.iloc[:, 0]
    assert "30/1/2019" in set(dates) and not dates.str.contains(ENGLISH_MONTH).any()
    assert "30/1/2019 (" in texts(at)  # the event panel
    hovers = " ".join(" ".join(trace.get("hovertext") or []) for trace in plotly_specs(at)[0]["data"])
    assert "tháng 6/2019" in hovers and not ENGLISH_MONTH.search(hovers)


def test_the_other_pages_in_vietnamese_show_no_english_month() -> None:
    compare = run_page("pages/compare.py", {"lang": "vi"})
    assert "17/9/2018 – tháng 7/2025" in texts(compare)  # the lab's lifetime
    sources = run_page("pages/sources.py", {"lang": "vi"})
    assert not sources.dataframe[0].value["date"].str.contains(ENGLISH_MONTH).any()
    deck = deck_specs(run_page("pages/map.py", {"lang": "vi"}))[0]
    rows = [row for layer in deck["layers"] if isinstance(layer.get("data"), list) for row in layer["data"]]
    tips = " ".join(str(row.get("tip_date", "")) for row in rows)
    assert "tháng 7/2019 (danh tính được suy luận)" in tips and not ENGLISH_MONTH.search(tips)

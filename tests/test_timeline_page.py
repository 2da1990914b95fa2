"""The timeline page under AppTest, driven through the URL."""

from __future__ import annotations

from apptest_helpers import plotly_specs, run_page, texts


def _drawn_ids(at) -> set[str]:
    return {row[0] for trace in plotly_specs(at)[0]["data"] for row in trace["customdata"]}


def test_default_view_draws_both_sides_and_a_matching_table() -> None:
    at = run_page("pages/timeline.py")
    assert not at.exception
    drawn = _drawn_ids(at)
    assert {"berkeley-suspends", "mit-ends-engagements", "skoltech-joint-lab", "mts-5g-deal"} <= drawn
    assert set(at.dataframe[0].value["event_id"]) == drawn


def test_url_filters_narrow_the_chart() -> None:
    at = run_page("pages/timeline.py", {"years": "2021-2021", "kind": "visit"})
    assert not at.exception
    assert _drawn_ids(at) == {"kfu-visit", "nstu-consortium-visit"}
    assert at.multiselect(key="global_kinds").value == ["visit"]


def test_country_filter_keeps_one_side() -> None:
    at = run_page("pages/timeline.py", {"country": "United Kingdom"})
    assert _drawn_ids(at) == {"oxford-stops-funding"}


def test_a_filter_that_leaves_nothing_says_so_instead_of_an_empty_axis() -> None:
    at = run_page("pages/timeline.py", {"company": "Nvidia"})
    assert not at.exception
    assert plotly_specs(at) == []
    assert "No event of the pivot matches these filters" in at.info[0].value


def test_event_in_the_url_opens_its_detail_with_quote_and_sources() -> None:
    at = run_page("pages/timeline.py", {"event": "skoltech-joint-lab"})
    assert not at.exception
    shown = texts(at)
    assert "Huawei and Skoltech open a joint algorithm lab" in shown
    assert "Những cân nhắc tương tự" in shown  # the verbatim seed fragment
    assert "source=seed-000" in shown


def test_unknown_event_in_the_url_falls_back_with_a_notice() -> None:
    at = run_page("pages/timeline.py", {"event": "no-such-event"})
    assert not at.exception
    assert at.selectbox[0].value == ""
    assert any("not known" in w.value for w in at.warning)


def test_a_long_pick_list_offers_the_first_few_and_still_opens_a_linked_event(monkeypatch, dataset) -> None:
    from techrift.pivot import pivot_events
    from techrift.ui import url_state

    monkeypatch.setattr(url_state, "PICKER_LIMIT", 5)
    pivot = pivot_events(dataset.events, dataset.places)
    late = pivot.dropna(subset=["start"]).iloc[-1]  # far beyond the first five on the list
    at = run_page("pages/timeline.py", {"event": late["event_id"]})
    assert not at.exception
    picker = at.selectbox(key="url_event")
    assert len(picker.options) == 5 + 1  # the first five (the blank choice among them) and the linked event
    assert picker.value == late["event_id"]
    assert any("first 5 of" in caption.value for caption in at.caption)
    assert late["title_en"] in [markdown.value.removeprefix("## ") for markdown in at.markdown]

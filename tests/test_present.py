"""The briefing's presentation mode under AppTest: every step drawn once as a slide (the browser shows one, switching
with no server round trip), no controls on the audience's slides, the controller told which step the URL names, a
readable notice for a bad step, speaker notes with each slide's sources and quotes in the presenter's window only, the
live links. The slide figures' sizes and what fits on them are pure functions, tested on the fixture data."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from apptest_helpers import chart_alts, plotly_charts, plotly_specs, run_page, texts
from data_folders import FIXTURE_DATA

from techrift import briefing
from techrift import filters as flt
from techrift.data import load_dataset
from techrift.pivot import pivot_events
from techrift.schema import RUSSIA_SIDE, WEST_SIDE
from techrift.ui import present


def _controller(at) -> dict:
    (element,) = [
        e for e in at.get("bidi_component") if e.proto.component_name == f"{present.PROJECT}.{present.COMPONENT}"
    ]
    return json.loads(element.proto.json)


def test_present_draws_every_step_as_a_slide_with_no_controls() -> None:
    at = run_page("pages/briefing.py", {"present": "1", "step": "2"})
    assert not at.exception
    titles = [title.value for title in at.title]
    assert titles == [briefing.step_title(step.key, "en")[1] for step in briefing.STEPS]
    assert len(plotly_specs(at)) == len(briefing.STEPS)
    assert not at.main.radio and not at.main.button  # the audience sees no controls (the sidebar is hidden)
    assert "→ Space" not in texts(at)  # nor the keys' hint
    data = _controller(at)
    assert (data["step"], data["total"], data["presenter"]) == (2, len(briefing.STEPS), False)
    assert data["channel"] == present.CHANNEL


def test_a_bad_step_falls_back_with_a_notice() -> None:
    at = run_page("pages/briefing.py", {"present": "1", "step": "99"})
    assert not at.exception
    assert "There is no step “99”: showing step 5." in at.warning[0].value.replace("\\", "")
    assert _controller(at)["step"] == 5
    at = run_page("pages/briefing.py", {"present": "1", "step": "two"})
    assert "showing step 1" in at.warning[0].value.replace("\\", "")


def test_the_presenters_window_has_the_notes_and_the_words_of_its_controls_in_both_languages() -> None:
    at = run_page("pages/briefing.py", {"present": "1", "step": "3", "presenter": "1"})
    shown = texts(at)
    assert shown.count("Speaker notes") == len(briefing.STEPS)  # one per step; the browser shows the current one
    assert "Sources of the records on this slide" in shown and "source=seed-000" in shown
    assert "Quotes from the seed articles" in shown
    data = _controller(at)
    assert data["presenter"] is True and data["labels"]["keys"].startswith("→ Space PageDown")
    assert data["labels"]["counter"] == "Step {number} of {total}"
    vi = _controller(run_page("pages/briefing.py", {"present": "1", "presenter": "1", "lang": "vi"}))["labels"]
    assert vi["open_audience"] == "Mở cửa sổ khán giả" and vi["counter"] == "Bước {number}/{total}"
    audience = texts(run_page("pages/briefing.py", {"present": "1", "step": "3"}))
    assert "Speaker notes" not in audience


def test_each_slide_links_to_its_live_page_with_the_filters() -> None:
    shown = texts(run_page("pages/briefing.py", {"present": "1", "step": "4", "years": "2019-2020"}))
    assert "[More in the app ↗](funding?years=2019-2020)" in shown
    assert "[More in the app ↗](timeline?years=2019-2020)" in shown


def test_the_briefing_page_links_to_its_slides_and_the_presenters_window() -> None:
    shown = texts(run_page("pages/briefing.py", {"step": "2", "years": "2019-2020"}))
    assert "(briefing?years=2019-2020&present=1&step=2)" in shown
    assert "(briefing?years=2019-2020&present=1&step=2&presenter=1)" in shown


def test_slides_draw_at_the_canvas_size_and_leave_the_pages_figures_alone() -> None:
    page = plotly_specs(run_page("pages/briefing.py", {"step": "2"}))[0]
    slides = plotly_specs(run_page("pages/briefing.py", {"present": "1", "step": "2"}))
    again = plotly_specs(run_page("pages/briefing.py", {"step": "2"}))[0]
    assert {slide["layout"]["height"] for slide in slides} == {briefing.slide_chart_height()}
    assert page["layout"].get("height") != briefing.slide_chart_height()
    assert again == page
    for slide in slides:
        assert slide["layout"]["font"]["size"] == briefing.SLIDE_TEXT_PX


def test_the_money_slide_is_dots_on_one_log_axis() -> None:
    slides = plotly_specs(run_page("pages/briefing.py", {"present": "1"}))
    money = slides[[step.key for step in briefing.STEPS].index("money")]
    assert money["layout"]["xaxis"]["type"] == "log"
    assert {trace["type"] for trace in money["data"]} == {"scatter"}  # no bars on a log axis
    assert chart_alts(run_page("pages/briefing.py", {"present": "1"}), "plotly")[3]


# --- the pure parts: sizes from the screen, what fits on a lane axis -------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(1280, 720, 2 / 3), (1920, 1080, 1.0), (3840, 2160, 2.0), (1920, 1200, 1.0), (1680, 1050, 1680 / 1920)],
)
def test_the_canvas_scales_to_the_screen(width: int, height: int, scale: float) -> None:
    assert briefing.slide_scale(width, height) == pytest.approx(scale)
    # the sizes at 1920x1080 hold on the canvas, and scale with it
    assert briefing.TITLE_PX >= 56 and briefing.TAKEAWAY_PX >= 32 and briefing.SLIDE_TEXT_PX >= 20
    assert briefing.SLIDE_TEXT_PX * briefing.slide_scale(width, height) >= 20 * min(width / 1920, height / 1080)


def test_the_chart_takes_the_height_the_text_leaves() -> None:
    text = briefing.LINE_HEIGHT * (
        briefing.COUNTER_PX + briefing.TITLE_PX * briefing.TITLE_LINES + briefing.TAKEAWAY_PX * briefing.TAKEAWAY_LINES
    )
    used = briefing.SLIDE_PAD_TOP + briefing.SLIDE_PAD_BOTTOM + 3 * briefing.SLIDE_GAP + text
    assert briefing.slide_chart_height() == int(briefing.SLIDE_HEIGHT - used)
    assert briefing.slide_chart_height() > briefing.SLIDE_HEIGHT / 2


def test_a_lane_axis_gets_no_more_rows_than_it_can_print() -> None:
    assert briefing.rows_that_fit(300, 20) == 10  # 29 px a row
    assert briefing.rows_that_fit(10, 20) == 1
    lanes = [f"lane {i}" for i in range(33)]
    kept, folded = briefing.fold_lanes(lanes, 20)
    assert len(kept) + 1 == 20 and kept == lanes[:19] and folded == lanes[19:]
    assert briefing.fold_lanes(lanes[:5], 20) == (lanes[:5], [])


def _pivot() -> pd.DataFrame:
    dataset = load_dataset(FIXTURE_DATA)
    options = flt.options_for(dataset)
    return pivot_events(flt.apply_to_events(dataset.events, flt.default_filters(options), options), dataset.places)


def test_the_pivot_slide_summarises_the_western_side_and_keeps_every_event() -> None:
    pivot = _pivot()
    western = pivot.loc[pivot["start"].notna() & pivot["side"].eq(WEST_SIDE), "lane"].nunique()
    assert western > 1
    fitted = briefing.fit_pivot(pivot, room=50, summarise=(WEST_SIDE,))
    assert fitted.loc[fitted["side"].eq(WEST_SIDE), "lane"].nunique() == 1
    assert len(fitted) == len(pivot) and list(fitted["event_id"]) == list(pivot["event_id"])
    (row,) = fitted.loc[fitted["side"].eq(WEST_SIDE), "lane_vi"].unique()
    assert row.startswith(str(western)) and "phương Tây" in row
    russian = pivot.loc[pivot["start"].notna() & pivot["side"].eq(RUSSIA_SIDE), "lane"].nunique()
    lanes_before = pivot.loc[pivot["start"].notna(), "lane"].nunique()
    room = lanes_before - 2
    squeezed = briefing.fit_pivot(pivot, room=room)
    assert squeezed.loc[squeezed["start"].notna(), "lane"].nunique() == room
    assert russian >= 1 and len(squeezed) == len(pivot)


def test_mark_labels_never_cross_and_stay_on_the_axis() -> None:
    marks = [("AWS", 10.0, "Lab opened"), ("AWS", 50.0, "Lab closed"), ("AWS", 52.0, "Deal"), ("AWS", 53.0, "Visit")]
    marks += [("AWS", 54.0, "Milestone"), ("AWS", 55.0, "Statement"), ("Nvidia", 50.0, "Lab closed")]
    marks += [("AWS", 56.0, "Lab closed"), ("AWS", 104.0, "A long label at the edge")]
    kept = briefing.label_positions(marks, width_px=1000, span=(-5, 105), text_px=20)
    placed = {index: (tier, shift) for index, tier, shift in kept}
    assert placed[0] == (1, 0) and placed[6] == (1, 0)  # another lane's label is not in the way
    near = [placed[index][0] for index in range(1, 6) if index in placed]
    assert len(near) == len(set(near)) == len(briefing.TIERS)  # near one another, each on its own line, four lines
    assert 5 not in placed  # the fifth label near them is left out, not printed over them
    assert 7 not in placed  # the same words next to a mark they already name
    tier, shift = placed[8]
    assert shift < 0  # moved in from the axis' end, not cut or dropped
    half = len(marks[8][2]) * briefing.CHAR_WIDTH * 20 / 2 + 10
    assert (104 + 5) / 110 * 1000 + shift + half <= 1000 + 1e-6
    assert briefing.label_positions([("AWS", 50.0, "x" * 200)], 1000, (-5, 105), 20) == []  # wider than the axis


def test_the_aws_nvidia_slide_names_its_marks_in_both_languages() -> None:
    dataset = load_dataset(FIXTURE_DATA)
    options = flt.options_for(dataset)
    step = briefing.STEPS[[s.key for s in briefing.STEPS].index("aws_nvidia")]
    for lang, opened in (("en", "Lab opened"), ("vi", "Mở phòng thí nghiệm")):
        figure = briefing.slide(
            step, flt.Scope(dataset, flt.default_filters(options), options), FIXTURE_DATA, lang
        ).figure
        labels = [annotation.text for annotation in figure.layout.annotations]
        assert opened in labels
        assert all(annotation.font.size >= briefing.SLIDE_TEXT_PX for annotation in figure.layout.annotations)


def test_the_audience_sees_no_filter_chips_on_a_slide() -> None:
    filtered = run_page("pages/briefing.py", {"company": "Huawei"})
    assert any(button.key.startswith("chip_") for button in filtered.main.button)  # the page shows its filters
    slide = run_page("pages/briefing.py", {"present": "1", "step": "2", "company": "Huawei"})
    assert not slide.exception
    assert not [button.key for button in slide.main.button]


def test_a_slide_chart_has_no_image_buttons_where_a_page_chart_has_them() -> None:
    slide = run_page("pages/briefing.py", {"present": "1", "step": "2"})
    assert [chart["image"]["buttons"] for chart in plotly_charts(slide)] == [False] * len(briefing.STEPS)
    page = run_page("pages/briefing.py", {"step": "2"})
    assert [chart["image"]["buttons"] for chart in plotly_charts(page)] == [True]

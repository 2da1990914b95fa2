"""The briefing's presentation mode under AppTest: one slide per step, keys as button shortcuts, the URL following the
step, a readable notice for a bad step, speaker notes with the slide's sources and quotes, the live link."""

from __future__ import annotations

from apptest_helpers import chart_alts, plotly_charts, plotly_specs, run_page, texts

from techrift import briefing
from techrift.ui import present


def _buttons(at) -> dict[str, object]:
    """The slide's buttons (a form's submit button, the sidebar's search, is no slide control)."""
    return {button.key: button for button in at.button if not button.key.startswith("FormSubmitter:")}


def test_present_draws_one_slide_with_the_keys_bound() -> None:
    at = run_page("pages/briefing.py", {"present": "1", "step": "2"})
    assert not at.exception
    assert at.title[0].value == briefing.step_title("pivot", "en")[1]
    assert len(plotly_charts(at)) == 1
    assert not at.main.radio  # no step list on a slide
    shortcuts = {key: button.proto.shortcut for key, button in _buttons(at).items()}
    assert shortcuts == {
        "present_home": "home",
        "present_left": "left",
        "present_right": "right",
        "present_end": "end",
        "present_space": "space",
        "present_pagedown": "pagedown",
        "present_pageup": "pageup",
    }
    assert at.query_params["step"] == "2"


def test_the_keys_move_between_slides_and_the_url_follows() -> None:
    at = run_page("pages/briefing.py", {"present": "1", "step": "2"})
    at.button(key="present_right").click().run()
    assert at.query_params["step"] == "3" and at.title[0].value == briefing.step_title("russia_map", "en")[1]
    at.button(key="present_end").click().run()
    assert at.query_params["step"] == str(len(briefing.STEPS))
    assert at.button(key="present_right").disabled and at.button(key="present_space").disabled
    at.button(key="present_pageup").click().run()
    assert at.query_params["step"] == str(len(briefing.STEPS) - 1)
    at.button(key="present_home").click().run()
    assert at.query_params["step"] == "1" and at.button(key="present_left").disabled


def test_a_bad_step_falls_back_with_a_notice_on_the_slide() -> None:
    at = run_page("pages/briefing.py", {"present": "1", "step": "99"})
    assert not at.exception
    assert "There is no step “99”: showing step 5." in at.warning[0].value.replace("\\", "")
    assert at.query_params["step"] == "5" and len(plotly_charts(at)) == 1
    at = run_page("pages/briefing.py", {"present": "1", "step": "two"})
    assert "showing step 1" in at.warning[0].value.replace("\\", "")


def test_notes_list_the_sources_and_quotes_of_the_slide() -> None:
    at = run_page("pages/briefing.py", {"present": "1", "step": "3", "notes": "1"})
    shown = texts(at)
    assert "Speaker notes" in shown and "Sources of the records on this slide" in shown
    headings = [block.value for block in at.markdown if block.value.startswith("**")]
    assert not any(heading.startswith("**Sources**") for heading in headings)  # one heading for the sources, not two
    assert "source=seed-000" in shown  # the seed article behind the Russian ties
    assert "Quotes from the seed articles" in shown
    without = texts(run_page("pages/briefing.py", {"present": "1", "step": "3"}))
    assert "Speaker notes" not in without


def test_each_slide_links_to_its_live_page_with_the_filters() -> None:
    at = run_page("pages/briefing.py", {"present": "1", "step": "4", "years": "2019-2020"})
    assert "[Open this live ↗](funding?years=2019-2020)" in texts(at)


def test_the_briefing_page_links_to_its_slides_with_the_filters() -> None:
    at = run_page("pages/briefing.py", {"step": "2", "years": "2019-2020"})
    assert "(briefing?years=2019-2020&present=1&step=2)" in texts(at)


def test_the_money_slide_draws_a_few_us_dollar_panels_only() -> None:
    at = run_page("pages/briefing.py", {"present": "1", "step": "4"})
    (alt,) = chart_alts(at, "plotly")
    assert alt.startswith("Bar chart of ") and "in 3 panels" in alt
    full = chart_alts(run_page("pages/briefing.py", {"step": "4"}), "plotly")[0]
    assert "in 3 panels" not in full


def test_the_takeaway_is_one_sentence() -> None:
    assert briefing.takeaway("One thing, 70,000 USD. Another thing.") == "One thing, 70,000 USD."
    assert present.CHART_HEIGHT <= 420  # with title, takeaway and keys: fits 720 px high


def test_a_slide_draws_its_figure_at_the_slides_height_and_leaves_the_shared_one_alone() -> None:
    """A step's figure is cached and shared with the briefing page (and its JSON made once per figure): the slide
    draws a copy at its own height. Drawn on the shared figure, the briefing page after a slide was as short as the
    slide, and a slide after the briefing page as tall as the page (it scrolled)."""
    page = plotly_specs(run_page("pages/briefing.py", {"step": "2"}))[0]
    slide = plotly_specs(run_page("pages/briefing.py", {"present": "1", "step": "2"}))[0]
    again = plotly_specs(run_page("pages/briefing.py", {"step": "2"}))[0]
    assert slide["layout"]["height"] == present.CHART_HEIGHT != page["layout"].get("height")
    assert again == page

"""What a chart's downloaded image carries (techrift/ui/plotly_chart.py image_credit): its title, the source line with
the data version, a file name with the version, the buttons' words in both languages; drawn in the browser by
techrift/assets/plotly_chart/chart_image.js (tests/e2e/test_share_browser.py checks the files)."""

from __future__ import annotations

from apptest_helpers import plotly_charts, run_page

from techrift.datapackage import Release
from techrift.i18n import LANGUAGES, t
from techrift.ui import plotly_chart


def test_the_credit_names_the_data_version_in_both_languages() -> None:
    release = Release("4.5.6", "2031-01-02")
    for lang in LANGUAGES:
        credit = plotly_chart.image_credit(lang, "A title", release, "funding_chart")
        assert credit["title"] == "A title"
        assert credit["source"] == t("chart_source_line", lang, version="4.5.6", data_as_of="2031-01-02")
        assert "4.5.6" in credit["source"] and "2031-01-02" in credit["source"]
        assert credit["filename"] == "techrift-funding-chart-data-4.5.6"
        assert credit["labels"] == {
            "download": t("chart_image", lang),
            "png": t("chart_image_png", lang),
            "svg": t("chart_image_svg", lang),
        }
    assert (
        plotly_chart.image_credit("vi", release=release)["source"]
        != plotly_chart.image_credit("en", release=release)["source"]
    )


def test_plotlys_own_image_button_gives_way_to_the_credited_one() -> None:
    assert "toImage" in plotly_chart.config()["modeBarButtonsToRemove"]
    assert "toImage" in plotly_chart.config(["points", "box"])["modeBarButtonsToRemove"]


def test_every_chart_of_a_page_hands_its_image_the_datas_version(dataset) -> None:
    for lang in LANGUAGES:
        at = run_page("pages/funding.py", {"lang": lang} if lang != "en" else {})
        charts = plotly_charts(at)
        assert charts
        version, day = dataset.release.version, dataset.release.data_as_of
        for chart in charts:
            assert chart["image"]["source"] == t("chart_source_line", lang, version=version, data_as_of=day)
            assert chart["image"]["filename"].endswith(f"-data-{version}")
        # The money chart sits under the dot plot's heading: it names its own title; the others take the heading
        # shown above them in the browser.
        titles = [chart["image"]["title"] for chart in charts]
        assert t("funding_title", lang) in titles
        assert titles.count("") == len(titles) - 1

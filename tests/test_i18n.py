"""Language: every label has both languages, the switch lives in the URL, data text comes from the *_vi columns."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from apptest_helpers import run_page

from techrift import i18n, overview, sources


def test_every_label_is_translated() -> None:
    missing = [
        key for key, entry in i18n.CATALOGUE.items() for lang in i18n.LANGUAGES if not entry.get(lang, "").strip()
    ]
    assert missing == []


def test_translations_keep_the_same_placeholders() -> None:
    for key, entry in i18n.CATALOGUE.items():
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in entry.items()}
        assert fields["en"] == fields["vi"], key


def test_localized_prefers_the_language_column_and_falls_back_to_english() -> None:
    row = pd.Series({"title_en": "Lab opened", "title_vi": "Mở phòng thí nghiệm"})
    assert i18n.localized(row, "title", "vi") == "Mở phòng thí nghiệm"
    assert i18n.localized(row, "title", "en") == "Lab opened"
    assert i18n.localized(pd.Series({"title_en": "Lab opened", "title_vi": None}), "title", "vi") == "Lab opened"


@pytest.mark.parametrize(("raw", "expected", "noticed"), [("vi", "vi", False), ("EN", "en", False), ("fr", "en", True)])
def test_language_from_the_url(raw: str, expected: str, noticed: bool) -> None:
    code, notice = i18n.parse_language(raw)
    assert code == expected and (notice is not None) == noticed


def test_vietnamese_overview_uses_the_catalogue(dataset) -> None:
    at = run_page("dashboard.py", {"lang": "vi"})
    assert not at.exception
    assert at.sidebar.radio[0].value == "vi"
    assert [m.label for m in at.metric] == [f.label for f in overview.headline_figures(dataset, "vi")]
    assert at.metric[0].label == i18n.CATALOGUE["headline_western"]["vi"]
    assert at.sidebar.header[0].value == "Bộ lọc"


def test_switching_language_writes_the_url() -> None:
    at = run_page("dashboard.py")
    at.sidebar.radio[0].set_value("vi").run()
    assert at.query_params["lang"] == "vi"
    assert at.header[0].value == i18n.CATALOGUE["overview_story"]["vi"]


def test_a_links_bad_values_are_noticed_in_the_interfaces_language() -> None:
    def notices(at) -> list[str]:
        return [w.value.replace("\\", "") for w in at.warning]  # shown escaped

    english = run_page("pages/funding.py", {"group": "nope", "log": "maybe"})
    assert notices(english) == [
        "Link value “nope” for Colour and order bars by is not known; showing recipient.",
        "Link value “maybe” for Log scale (amounts differ by orders of magnitude) is not 1 or 0; using the default.",
    ]
    vietnamese = run_page("pages/funding.py", {"group": "nope", "lang": "vi"})
    assert notices(vietnamese) == [
        "Giá trị “nope” trong liên kết không hợp lệ cho mục Tô màu và sắp xếp cột theo; đang hiển thị recipient."
    ]


def test_the_sources_tables_speak_the_interfaces_language(dataset) -> None:
    citations = sources.citations(dataset, "vi")
    assert citations.loc[citations["table"] == "places", "title"].str.startswith("Tọa độ của ").all()
    assert sources.citations(dataset)["title"].str.startswith("Coordinate of ").any()

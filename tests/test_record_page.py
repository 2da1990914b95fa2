"""The record page, record?id=<id>, under AppTest on the fixture data: each kind of record in both languages, an
unknown id, a retired id, and "Cite this record" on a page with a record selected."""

from __future__ import annotations

import re

import pytest
from apptest_helpers import run_page, texts

from techrift.records import find_record

PAGE = "pages/record.py"
# one fixture record of each kind, and what its page links to
KINDS = {
    "berkeley-suspends": ("Event", "timeline?event=berkeley-suspends"),
    "skoltech-contracts-2019": ("Money flow", "funding?flow=skoltech-contracts-2019"),
    "skoltech-contract-count-2019": ("Figure", "(funding)"),
    "aws-talent": ("Stance", "compare?a=AWS"),
    "skoltech": ("Place", "map?view=russia&place=skoltech"),
    "dailycal": ("Source", "sources?source=dailycal"),
}


def _codes(at) -> list[str]:
    return [str(element.value) for element in at.get("code")]


def _unescaped(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _page_text(at) -> str:
    return _unescaped(texts(at))


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("record_id", list(KINDS))
def test_a_record_of_each_kind_has_its_page(dataset, record_id: str, lang: str) -> None:
    record = find_record(dataset, record_id)
    assert record is not None
    at = run_page(PAGE, {"id": record_id, "lang": lang})
    assert not at.exception
    assert _unescaped(at.title[0].value) == record.title[lang]
    shown = _page_text(at)
    assert record.text[lang] in shown  # the full text in the reader's language
    kind, link = KINDS[record_id]
    if lang == "en":
        assert at.caption[0].value.startswith(kind) and f"Id: {record_id}" in _unescaped(at.caption[0].value)
    assert link in shown  # where it appears
    if record.date[lang]:
        assert record.date[lang] in _unescaped(at.caption[0].value)
    # cite this record: named by the record, its page's link, the version
    reference = next(code for code in _codes(at) if "record?id=" + record_id + "&v=" in code)
    assert record.title[lang] in reference and dataset.release.version in reference
    assert "seeds/" not in "\n".join(_codes(at))


def test_an_event_shows_its_date_precision_support_sources_sentences_and_related_records() -> None:
    at = run_page(PAGE, {"id": "berkeley-suspends"})
    caption = _unescaped(at.caption[0].value)
    assert caption.startswith("Event · 30 Jan 2019 (exact day) · Huawei")
    shown = _page_text(at)
    assert "Support:" in shown
    assert "The Daily Californian, 6 Feb 2019" in shown  # a source, with the sentence that states the record
    assert "UC Berkeley announced Jan. 30 that it has suspended new collaborations" in shown
    assert "Same institution or place (2)" in shown and "(record?id=uc-berkeley)" in shown
    assert "(record?id=berkeley-existing-agreements)" in shown
    assert "Same company: Huawei" in shown and "Same sources" in shown
    # a download of the record's own row
    assert [button.label for button in at.get("download_button")] == ["Download this record (CSV)"]


def test_a_vietnamese_page_shows_no_english_label() -> None:
    at = run_page(PAGE, {"id": "skoltech", "lang": "vi"})
    shown = _page_text(at)
    assert "Địa điểm" in at.caption[0].value and "Xuất hiện ở đâu" in shown and "Các bản ghi liên quan" in shown
    for english in ("Where it appears", "Related records", "Cite this record", "Same institution"):
        assert english not in shown


def test_a_source_page_shows_the_seed_fragments_it_holds() -> None:
    at = run_page(PAGE, {"id": "seed-000"})
    shown = _page_text(at)
    assert "Seed fragments" in shown and "English: With its ties to Silicon Valley" in shown
    references = next(code for code in _codes(at) if code.startswith("South China Morning Post"))
    assert "(2019, December)" in references and "Version read: the Vietnamese translation" in references


def test_an_unknown_id_says_so_plainly(dataset) -> None:
    at = run_page(PAGE, {"id": "no-such-record"})
    assert not at.exception
    assert [_unescaped(error.value) for error in at.error] == [
        f"No record has the id “no-such-record” in data version {dataset.release.version}."
    ]
    assert at.selectbox[0].label == "Choose a record"


def test_a_retired_id_names_its_version_its_changelog_entry_and_its_replacement() -> None:
    at = run_page(PAGE, {"id": "nvidia-china-sales-share-2024"})
    (notice,) = [_unescaped(warning.value) for warning in at.warning]
    assert notice.startswith("The figure “nvidia-china-sales-share-2024” was in data version 0.1.0; version 0.2.0")
    assert "(record?id=nvidia-china-revenue-share-fy2025)" in notice and "(sources#data-versions)" in notice
    removed = run_page(PAGE, {"id": "aws-shanghai-lab-staff", "lang": "vi"})
    (notice,) = [_unescaped(warning.value) for warning in removed.warning]
    assert "phiên bản 0.2.0 đã xóa bản ghi này" in notice and "(sources#data-versions)" in notice
    assert not removed.error


def test_an_id_another_table_gave_up_shows_the_record_and_the_rename() -> None:
    at = run_page(PAGE, {"id": "skoltech-contracts-2019"})
    assert at.caption[0].value.startswith("Money flow")
    (notice,) = [_unescaped(info.value) for info in at.info]
    assert "(record?id=skoltech-contract-count-2019)" in notice


def test_a_page_with_a_record_selected_cites_that_record_and_its_sources_first(dataset) -> None:
    at = run_page("pages/timeline.py", {"event": "berkeley-suspends", "years": "2019-2019"})
    assert not at.exception
    record = find_record(dataset, "berkeley-suspends")
    assert record is not None
    assert "Cite this record" in [expander.label for expander in at.expander]
    codes = _codes(at)
    assert any(
        code.startswith("TechRift (") and "UC Berkeley suspends new Huawei collaborations, 30 January 2019" in code
        for code in codes
    )
    view_sources = codes[-1].splitlines()
    first = [line for line in view_sources if not line.startswith(" ")][: len(record.source_ids)]
    assert [line.rsplit("[", 1)[1].rstrip("]") for line in first] == list(record.source_ids)
    assert any(
        "those of the selected record, UC Berkeley suspends new Huawei collaborations, first" in _unescaped(c.value)
        for c in at.caption
    )
    plain = run_page("pages/timeline.py", {"years": "2019-2019"})
    assert "Cite this record" not in [expander.label for expander in plain.expander]


def test_the_detail_panel_links_to_the_record_page() -> None:
    at = run_page("pages/timeline.py", {"event": "berkeley-suspends"})
    assert any("(record?id=berkeley-suspends)" in str(element.value) for element in at.markdown)

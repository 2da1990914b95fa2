"""What a reader sees of the evidence: per source, the excerpt as written, the translation in the reader's language,
a link that opens the page at the sentence, or the note that the source is background; tables' evidence column."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from evidence_folder import write_folder

from techrift import evidence
from techrift.data import Dataset, load_dataset
from techrift.evidence import SourceEvidence, one_line, record_evidence
from techrift.support import support_text
from techrift.ui.details import evidence_markdown


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(write_folder(tmp_path_factory.mktemp("evidence")))


def test_a_source_with_an_excerpt_and_a_background_source(small: Dataset) -> None:
    quoted, background = record_evidence(small, "flows", "fl-grant", "news-a;news-b", "en")
    assert quoted == SourceEvidence(
        "news-a",
        "Individual grants totaled $2.2 million in 2018, up from $855,000 in 2017.",
        "en",
        None,  # written in the reader's language: nothing to translate
        None,
        "https://example.org/a#:~:text=Individual%20grants%20totaled%20%242.2,from%20%24855%2C000%20in%202017",
    )
    assert background == SourceEvidence("news-b", None, None, None, None, "https://example.org/b#top")
    assert background.background and not quoted.background


def test_the_translation_is_in_the_readers_language(small: Dataset) -> None:
    (quoted, _) = record_evidence(small, "flows", "fl-grant", "news-a;news-b", "vi")
    assert (quoted.translation, quoted.translation_lang) == (
        "Các khoản tài trợ riêng lẻ đạt tổng cộng 2,2 triệu USD vào năm 2018.",
        "vi",
    )
    # a Russian sentence with no Vietnamese translation: as written, and no English (our words) in the Vietnamese
    (russian, _) = record_evidence(small, "events", "ev-sign", "news-b;news-a", "vi")
    assert russian.excerpt_lang == "ru" and (russian.translation, russian.translation_lang) == (None, None)
    (english_reader, _) = record_evidence(small, "events", "ev-sign", "news-b;news-a", "en")
    assert english_reader.translation == "In June 2019 Huawei signed an agreement with X University."


def test_the_link_keeps_the_pages_own_fragment_and_opens_at_the_sentence(small: Dataset) -> None:
    (russian, _) = record_evidence(small, "events", "ev-sign", "news-b;news-a", "en")
    assert russian.link is not None and russian.link.startswith("https://example.org/b#top:~:text=")
    directive = russian.link.split(":~:text=")[1]
    assert "," not in directive  # a sentence of ten words is matched whole, its full stop left out
    assert unquote(directive) == "В июне 2019 года Huawei подписала соглашение с университетом X"


def test_a_seed_has_its_excerpt_but_no_link(small: Dataset) -> None:
    (seed,) = record_evidence(small, "stances", "st-one", "seed-s", "en")
    assert seed.excerpt == "Huawei mở rộng hợp tác với các trường đại học Nga." and seed.link is None
    assert seed.translation == "Huawei widens its cooperation with Russian universities."


def test_the_markdown_escapes_the_excerpt_and_names_the_translation(small: Dataset) -> None:
    (russian, background) = record_evidence(small, "events", "ev-sign", "news-b;news-a", "en")
    text = evidence_markdown(russian, "en")
    assert "  > “В июне 2019 года Huawei подписала соглашение с университетом X\\.” (Russian)" in text
    assert "  > *English translation: In June 2019 Huawei signed an agreement with X University\\.*" in text
    assert "[Open the source at this sentence](https://example.org/b#top:~:text=" in text
    assert "Background" in evidence_markdown(background, "en")
    assert "Tham khảo nền" in evidence_markdown(background, "vi")
    (russian_for_vi, _) = record_evidence(small, "events", "ev-sign", "news-b;news-a", "vi")
    vietnamese = evidence_markdown(russian_for_vi, "vi")
    assert "(Tiếng Nga)" in vietnamese and "Bản dịch" not in vietnamese and "In June 2019" not in vietnamese


def test_tables_get_the_first_excerpt_cut_to_a_line_in_quotation_marks(small: Dataset) -> None:
    table = pd.DataFrame({"title": ["a", "b", "c"], "event_id": ["ev-sign", "ev-rollup", "ev-none"]})
    shown = evidence.with_evidence_column(table, small, "events", "en")
    assert list(shown.columns) == ["title", "evidence", "event_id"]
    assert shown["evidence"].tolist() == [
        "“In June 2019 Huawei signed an agreement with X University.”",  # the English reader gets the translation
        "“US universities cut their ties with Huawei last spring.”",
        "",
    ]
    vietnamese = evidence.with_evidence_column(table, small, "events", "vi")["evidence"].tolist()
    # No vi: as written, saying so.
    assert (
        vietnamese[0]
        == "“В июне 2019 года Huawei подписала соглашение с университетом X.” (Tiếng Nga nguyên văn, chưa dịch)"
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("short", "short"),
        ("two\nlines", "two lines"),
        ("word " * 30, ("word " * 17).strip() + "…"),
        ("x" * 100, "x" * 89 + "…"),
        (None, ""),
    ],
)
def test_one_line(text: str | None, line: str) -> None:
    assert one_line(text) == line


def test_the_support_text_counts_background_sources_apart(small: Dataset) -> None:
    grant = small.flows.set_index("flow_id").loc["fl-grant"].to_dict()
    assert support_text(grant, "en") == "1 independent source · 1 background source · place approximate"
    assert support_text(grant, "vi") == "1 nguồn độc lập · 1 nguồn tham khảo nền · vị trí gần đúng"


def test_excerpts_table_keeps_the_rows_of_the_records_shown(small: Dataset) -> None:
    rows = evidence.excerpts_table(small, {"flows": ["fl-grant"], "events": ["ev-rollup"]})
    assert sorted(zip(rows["record_table"], rows["record_id"])) == [("events", "ev-rollup"), ("flows", "fl-grant")]
    assert list(rows.columns) == list(small.evidence.columns)


def test_a_dataset_without_evidence_shows_no_evidence_column(tmp_path: Path) -> None:
    data_dir = write_folder(tmp_path)
    (data_dir / "evidence.csv").unlink()
    dataset = load_dataset(data_dir)
    assert record_evidence(dataset, "flows", "fl-grant", "news-a", "en")[0].background


def test_a_hover_quotes_the_first_excerpt_shortened_and_escaped(small: Dataset) -> None:
    lines = evidence.hover_lines(small, "flows", ["fl-grant", "nothing"], "en")
    assert lines == [
        "<br><i>“Individual grants totaled $2.2 million in 2018, up from $855,000 in…”</i>",
        "",
    ]


def test_the_funding_chart_hover_carries_the_sentence(small: Dataset) -> None:
    from techrift.charts import funding

    figure = funding.flows_figure(small.flows, small, "recipient", False, "en")
    hovers = [text for trace in figure.data for text in (trace.hovertext or ())]
    assert any("“Individual grants totaled $2.2 million" in text for text in hovers), hovers

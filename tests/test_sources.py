"""Sources: citations per source, seed highlighting, and the Sources page."""

from __future__ import annotations

import pandas as pd
from apptest_helpers import run_page

from techrift import sources


def test_every_cited_id_is_listed_with_its_count(dataset) -> None:
    cites = sources.citations(dataset)
    assert set(cites["source_id"]) <= set(dataset.sources["source_id"])
    table = sources.source_table(dataset).set_index("source_id")
    assert table.loc["daily-princetonian", "records_citing"] == len(cites[cites["source_id"] == "daily-princetonian"])
    berkeley = cites[(cites["table"] == "events") & (cites["record_id"] == "berkeley-suspends")]
    assert set(berkeley["source_id"]) == {"dailycal", "voa-berkeley", "scmp-berkeley", "meterpreter", "seed-000"}


def test_seeds_come_first_in_the_source_list(dataset) -> None:
    table = sources.source_table(dataset)
    assert list(table["kind"].iloc[:2]) == ["seed", "seed"]


def test_segments_rebuild_the_text_and_mark_quotes() -> None:
    text = "Alpha beta. Gamma delta. Epsilon."
    quotes = pd.DataFrame({"quote_id": ["q1", "q2"], "text": ["beta. Gamma", "Gamma delta"]})
    segments = sources.seed_segments(text, quotes)
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.quote_ids) for s in segments] == [
        ("Alpha ", ()),
        ("beta. ", ("q1",)),
        ("Gamma", ("q1", "q2")),
        (" delta", ("q2",)),
        (". Epsilon.", ()),
    ]
    assert sources.quoted_share(segments) == len("beta. Gamma delta") / len(text)


def _covering_by_definition(text: str, quotes: pd.DataFrame) -> list[tuple[str, ...]]:
    """For every character, the quotes whose occurrences cover it, in quote order (the slow, obvious way)."""
    covering: list[dict[str, None]] = [{} for _ in text]
    for quote_id, fragment in zip(quotes["quote_id"], quotes["text"]):
        start = text.find(fragment)
        while start >= 0:
            for position in range(start, start + len(fragment)):
                covering[position][quote_id] = None
            start = text.find(fragment, start + 1)
    return [tuple(quote_ids) for quote_ids in covering]


def test_segments_agree_with_the_definition_on_nested_repeated_and_adjacent_quotes() -> None:
    text = "abcabcab xyz abc. abcab"
    quotes = pd.DataFrame(
        {"quote_id": ["q1", "q2", "q3", "q4", "q5"], "text": ["abc", "bcab", "cabcab x", "xyz", " abc. "]}
    )
    segments = sources.seed_segments(text, quotes)
    assert "".join(s.text for s in segments) == text
    per_character = [s.quote_ids for s in segments for _ in s.text]
    assert per_character == _covering_by_definition(text, quotes)
    assert all(a.quote_ids != b.quote_ids for a, b in zip(segments, segments[1:]))  # neighbours merged


def test_seed_texts_are_split_into_segments_mostly_quoted(dataset) -> None:
    for source_id, text in dataset.seed_texts.items():
        quotes = dataset.quotes[dataset.quotes["source_id"] == source_id]
        segments = sources.seed_segments(text, quotes)
        assert "".join(s.text for s in segments) == text
        assert sources.quoted_share(segments) > 0.5


def test_sources_page_opens_the_source_named_in_the_url(dataset) -> None:
    at = run_page("pages/sources.py", {"source": "dailycal"})
    assert not at.exception
    assert at.selectbox[0].value == "dailycal"
    assert "UC Berkeley suspends new research collaborations" in at.header[0].value
    citing = at.dataframe[1].value
    assert "berkeley-suspends" in set(citing["record_id"])


def test_sources_page_shows_a_seed_in_full_with_highlights(dataset) -> None:
    at = run_page("pages/sources.py", {"source": "seed-000"})
    assert not at.exception
    full_text = next(m.value for m in at.markdown if ":orange-background[" in m.value)
    assert "Skoltech" in full_text
    fragments = at.dataframe[2].value
    assert len(fragments) == int((dataset.quotes["source_id"] == "seed-000").sum())


def test_unknown_source_in_the_url_falls_back_with_a_notice() -> None:
    at = run_page("pages/sources.py", {"source": "<script>"})
    assert not at.exception
    assert at.selectbox[0].value == "seed-000"
    assert any("not known" in w.value for w in at.warning)


def test_a_sources_citing_records_are_its_citations(dataset) -> None:
    cited = sources.citations(dataset)
    citing = sources.citing(dataset, "seed-000")
    assert list(citing.columns) == ["table", "record_id", "title"]
    assert len(citing) == (cited["source_id"] == "seed-000").sum() > 0
    assert sources.source_titles(sources.source_table(dataset))["seed-000"].startswith("TTXVN")


def test_a_seeds_view_holds_its_fragments_and_how_much_they_cover(dataset) -> None:
    seed = sources.seed_view(dataset, "seed-000")
    assert list(seed.fragments.columns) == ["quote_id", "record_table", "record_id", "text", "text_en"]
    assert set(seed.fragments["quote_id"]) == set(
        dataset.quotes.loc[dataset.quotes["source_id"] == "seed-000", "quote_id"]
    )
    assert seed.quoted_share == sources.quoted_share(seed.segments)


def test_the_source_list_in_vietnamese_translates_our_titles_and_descriptions_not_the_works_titles(dataset) -> None:
    table = sources.source_table(dataset, "vi")
    listed = sources.source_list(table, "vi").set_index("source_id")
    assert listed.loc["seed-000", "title"] == "[Huawei chuyển sang các trường đại học Nga sau khi cửa ở Mỹ đóng lại]"
    assert listed.loc["bloomberg-yahoo", "publisher"] == "Bloomberg (qua Yahoo Finance)"
    assert listed.loc["cfr-2020", "title"] == dataset.sources.set_index("source_id").loc["cfr-2020", "title"]
    record = sources.source_record(table, "gaz-moscow", "vi")
    assert record["note"].startswith("Chỉ dùng cho một tọa độ")
    assert sources.source_record(table, "cfr-2020", "vi")["note"] == ""
    assert sources.source_titles(table, "vi")["bloomberg-yahoo"].startswith("Bloomberg (qua Yahoo Finance) — [")

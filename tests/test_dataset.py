"""The shipped dataset: seeds copied verbatim, every fact of the seeds covered by a quote, every record sourced."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from techrift import schema
from techrift.data import split_ids

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
SEED_SHA256 = {
    "000_af3ea00ef0deb774.txt": "fb3b89d8dd399268b45b47896bb4bb36daaa3a4039dbe0a4b8238cad266f2f5c",
    "003_b470348c963816f1.txt": "afaee9dcc22be462ca908e601af3d7a03f7389ed7a9ce758fd92e7b7b2e69de4",
}
# Sentences of the seeds that state no fact: headings, bylines, credits, the reader question.
NOT_FACTS = {
    "Chuyển hướng sang Nga",
    "Hợp tác cùng thắng",
    "Ảnh: New York Times",
    "Theo TTXVN",
    "Nguyễn Hoàng",
    "Intern Writer",
    "Rút khỏi Trung Quốc: Vì sao và hệ quả?",
    "AWS rút lui, Nvidia tiến lên: Cuộc chơi AI tại Trung Quốc đang thay đổi ra sao?",  # the headline (the source's title)
    "Bạn nghĩ sao về quyết định của AWS?",
    "Liệu đây là một bước lùi khôn ngoan, hay là bỏ lỡ cơ hội tiếp cận những bộ não hàng đầu thế giới?",
    "(Theregister)",
}


@pytest.mark.parametrize("name", sorted(SEED_SHA256))
def test_seed_files_are_the_shared_seeds_verbatim(name: str) -> None:
    copied = (ROOT / "seeds" / name).read_bytes()
    assert hashlib.sha256(copied).hexdigest() == SEED_SHA256[name]
    if SHARED_SEEDS.is_dir():
        assert copied == (SHARED_SEEDS / name).read_bytes()


def _article_body(source_id: str, text: str) -> str:
    # After "Các tin khác" the first seed page lists unrelated headlines: site navigation, not the article.
    return text.split("Các tin khác")[0] if source_id == "seed-000" else text


def _sentences(text: str) -> list[str]:
    pieces = re.split(r"(?<=[.!?”\"])\s+|\n+|(?<=\.)(?=[A-ZĐ])", text)
    return [p.strip() for p in pieces if len(p.strip()) > 1]


def _uncovered(seed_texts, quotes) -> list[str]:
    uncovered = []
    for source_id, text in seed_texts.items():
        fragments = list(quotes.loc[quotes["source_id"] == source_id, "text"])
        for sentence in _sentences(_article_body(source_id, text)):
            if sentence in NOT_FACTS or sentence.rstrip(".") in NOT_FACTS:
                continue
            if not any(
                sentence in quote or (quote in sentence and len(quote) >= min(25, len(sentence))) for quote in fragments
            ):
                uncovered.append(f"{source_id}: {sentence}")
    return uncovered


def test_every_fact_sentence_of_the_seeds_is_covered_by_a_quote(dataset) -> None:
    assert _uncovered(dataset.seed_texts, dataset.quotes) == []


def test_the_coverage_check_finds_a_fact_left_out(dataset) -> None:
    without_atlas = dataset.quotes[dataset.quotes["quote_id"] != "q-atlas"]
    assert [line for line in _uncovered(dataset.seed_texts, without_atlas)] == [
        "seed-000: Tại Nga, Huawei tập trung vào việc thúc đẩy hệ sinh thái trí tuệ nhân tạo, bắt đầu bằng việc ra mắt các "
        "sản phẩm nền tảng điện toán AI có tên Atlas, mà công ty cho biết có thể hỗ trợ các dự án AI quy mô lớn như thành phố thông minh."
    ]


def test_the_navigation_list_of_the_first_seed_is_left_out(dataset) -> None:
    tail = dataset.seed_texts["seed-000"].split("Các tin khác")[1]
    assert not any(quote in tail for quote in dataset.quotes["text"])


def test_every_record_cites_existing_sources(dataset) -> None:
    known = set(dataset.sources["source_id"])
    for table in ("events", "flows", "metrics", "stances"):
        frame = getattr(dataset, table)
        for record_id, source_ids in zip(frame[schema.ID_COLUMNS[table]], frame["source_ids"]):
            assert split_ids(source_ids), f"{table}/{record_id} has no source"
            assert set(split_ids(source_ids)) <= known, f"{table}/{record_id}"


def test_every_record_drawn_from_a_seed_carries_its_fragment(dataset) -> None:
    seeds = set(dataset.sources.loc[dataset.sources["kind"] == "seed", "source_id"])
    quoted = set(zip(dataset.quotes["record_table"], dataset.quotes["record_id"], dataset.quotes["source_id"]))
    for table in ("events", "flows", "metrics", "stances"):
        frame = getattr(dataset, table)
        for record_id, source_ids in zip(frame[schema.ID_COLUMNS[table]], frame["source_ids"]):
            for seed in set(split_ids(source_ids)) & seeds:
                assert (table, record_id, seed) in quoted, f"{table}/{record_id} cites {seed} without a fragment"


def test_every_quote_is_verbatim_in_its_seed(dataset) -> None:
    for source_id, text in zip(dataset.quotes["source_id"], dataset.quotes["text"]):
        assert text in dataset.seed_texts[source_id]


def test_every_amount_has_a_currency_a_meaning_and_a_source(dataset) -> None:
    flows = dataset.flows
    assert flows["amount"].gt(0).all() and flows["currency"].str.fullmatch(r"[A-Z]{3}").all()
    assert flows["amount_kind"].isin(schema.AMOUNT_KINDS).all()
    converted = flows[flows["usd_amount"].notna()]
    assert converted["usd_note"].notna().all()


def test_the_seeds_key_figures_are_in_the_data(dataset) -> None:
    flows = dataset.flows.set_index("flow_id")
    assert (
        flows.at["huawei-university-research-budget", "amount"],
        flows.at["huawei-university-research-budget", "amount_kind"],
    ) == (300e6, "per_year")
    assert (flows.at["huawei-irp-project-cap", "amount"], flows.at["huawei-irp-project-cap", "amount_kind"]) == (
        70_000,
        "cap_per_project",
    )
    metrics = dataset.metrics.set_index("metric_id")["value"]
    assert (metrics["skoltech-contracts-2013"], metrics["skoltech-contracts-2019"]) == (1, 10)
    assert (
        metrics["huawei-target-ai-developers"],
        metrics["huawei-target-isvs"],
        metrics["huawei-target-universities"],
    ) == (100_000, 100, 20)


def test_unknown_dates_stay_unknown(dataset) -> None:
    undated = dataset.events[dataset.events["date"].isna()]
    assert set(undated["event_id"]) == {"amazon-appstore-exit"}
    assert (undated["date_label"] == "date unknown").all()


def test_coordinates_say_how_precise_they_are(dataset) -> None:
    assert dataset.places["coord_precision"].isin(schema.COORD_PRECISIONS).all()
    gazetteer = set(dataset.sources.loc[dataset.sources["kind"] == "gazetteer", "source_id"])
    for ids in dataset.places["coord_source_ids"]:
        assert set(split_ids(ids)) & gazetteer


def test_datapackage_descriptor_and_dictionary_are_current() -> None:
    from techrift import datapackage

    files = datapackage.generated(ROOT / "data")
    assert set(files) == {ROOT / "data" / "datapackage.json", ROOT / "data" / "README.md"}
    for path, text in files.items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name}: run python -m techrift datapackage"


def test_the_data_version_is_the_changelogs_newest(dataset) -> None:
    import json

    from techrift import datapackage

    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    changelog = (ROOT / "data" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert (descriptor["version"], descriptor["data_as_of"]) == ("2.1.0", "2026-11-29")
    assert changelog.index("## 2.1.0 — 2026-11-29") < changelog.index("## 1.0.0 — 2026-11-24")
    with pytest.raises(ValueError, match="no release heading"):
        datapackage.latest_release("# Data changelog\n\nNothing released yet.\n")


def test_the_dictionary_lists_every_column_with_what_it_allows() -> None:
    from techrift import datapackage

    dictionary = datapackage.render_dictionary()
    for name, model in schema.TABLES.items():
        assert f"### `{name}.csv`" in dictionary
        for column in model.to_schema().columns:
            assert f"| `{column}` |" in dictionary
    assert "`named`, `inferred`" in dictionary and "`expected`" in dictionary

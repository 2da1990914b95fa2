"""A tiny data folder written by the tests of the evidence (issue 31): one record of each kind, each with the sentence
that states it, so that a test can plant one fault and see exactly that fault reported."""

from __future__ import annotations

import csv
from pathlib import Path

from techrift import schema

SEED_TEXT = (
    "Huawei mở rộng hợp tác với các trường đại học Nga. Ông Ivanov cho biết Huawei sẽ ký thỏa thuận vào tháng 6.\n"
)

ROWS: dict[str, list[dict[str, str]]] = {
    "sources": [
        {
            "source_id": "seed-s",
            "kind": "seed",
            "publisher": "Seed site",
            "publisher_vi": "Trang gốc",
            "outlet": "Seed site",
            "title": "[A seed]",
            "title_vi": "[Một bài gốc]",
            "accessed": "2026-11-24",
            "language": "vi",
            "seed_file": "seeds/seed.txt",
        },
        {
            "source_id": "news-a",
            "kind": "reporting",
            "publisher": "Paper A",
            "publisher_vi": "Báo A",
            "outlet": "Paper A",
            "title": "Huawei and X University",
            "url": "https://example.org/a",
            "published": "2019-05-23",
            "accessed": "2026-12-07",
            "language": "en",
        },
        {
            "source_id": "news-b",
            "kind": "reporting",
            "publisher": "Paper B",
            "publisher_vi": "Báo B",
            "outlet": "Paper B",
            "title": "Новости",
            "url": "https://example.org/b#top",
            "published": "2019-06",
            "accessed": "2026-12-07",
            "language": "ru",
        },
    ],
    "places": [
        {
            "place_id": "uni-x",
            "name_en": "X University",
            "name_original": "Университет X",
            "kind": "university",
            "city": "Moscow",
            "country": "Russia",
            "lat": "55.7",
            "lon": "37.6",
            "coord_precision": "city",
            "coord_source_ids": "news-a",
        }
    ],
    "events": [
        {
            "event_id": "ev-sign",
            "date": "2019-06",
            "date_precision": "month",
            "company": "Huawei",
            "counterpart": "X University",
            "place_id": "uni-x",
            "identification": "named",
            "rollup": "false",
            "country": "Russia",
            "category": "partnership",
            "title_en": "Huawei signs with X University",
            "summary_en": "Huawei signed an agreement with X University.",
            "title_vi": "Huawei ký với Đại học X",
            "summary_vi": "Huawei đã ký thỏa thuận với Đại học X.",
            "source_ids": "news-a;news-b",
        },
        {
            "event_id": "ev-rollup",
            "date": "2019",
            "date_precision": "year",
            "company": "Huawei",
            "counterpart": "US universities",
            "identification": "named",
            "rollup": "true",
            "country": "United States",
            "category": "tie_cut",
            "title_en": "US universities cut ties",
            "summary_en": "US universities cut ties with Huawei.",
            "title_vi": "Các trường Mỹ cắt quan hệ",
            "summary_vi": "Các trường đại học Mỹ cắt quan hệ với Huawei.",
            "source_ids": "news-a",
        },
    ],
    "flows": [
        {
            "flow_id": "fl-grant",
            "company": "Huawei",
            "payer": "Huawei",
            "recipient": "X University",
            "recipient_place_id": "uni-x",
            "recipient_country": "Russia",
            "amount": "2200000",
            "currency": "USD",
            "amount_kind": "one_off",
            "is_research_funding": "true",
            "year": "2018",
            "status": "paid",
            "description_en": "A grant of 2.2 million USD.",
            "description_vi": "Khoản tài trợ 2,2 triệu USD.",
            "source_ids": "news-a;news-b",
        }
    ],
    "metrics": [
        {
            "metric_id": "m-staff",
            "company": "Huawei",
            "country": "Russia",
            "subject": "Huawei Russia",
            "metric": "staff",
            "value": "1500",
            "value_qualifier": "about",
            "unit": "people",
            "kind": "claim",
            "year": "2019",
            "description_en": "About 1,500 staff.",
            "description_vi": "Khoảng 1.500 nhân viên.",
            "source_ids": "news-b",
        }
    ],
    "stances": [
        {
            "stance_id": "st-one",
            "company": "Huawei",
            "dimension": "research_presence",
            "position": "Growing in Russia",
            "statement_en": "Huawei widens its ties with Russian universities.",
            "position_vi": "Mở rộng ở Nga",
            "statement_vi": "Huawei mở rộng quan hệ với các trường đại học Nga.",
            "as_of": "2019",
            "source_ids": "seed-s",
        }
    ],
    "quotes": [
        {
            "quote_id": "q-one",
            "source_id": "seed-s",
            "record_table": "stances",
            "record_id": "st-one",
            "text": "Huawei mở rộng hợp tác với các trường đại học Nga.",
            "text_en": "Huawei widens its cooperation with Russian universities.",
        }
    ],
    "vocabulary": [
        {"en": label, "vi": label + " (vi)"}
        for label in (
            "X University",
            "Moscow",
            "Russia",
            "US universities",
            "United States",
            "Huawei",
            "Huawei Russia",
            "staff",
            "people",
        )
    ],
    "evidence": [
        {
            "record_table": "events",
            "record_id": "ev-sign",
            "source_id": "news-b",
            "excerpt": "В июне 2019 года Huawei подписала соглашение с университетом X.",
            "excerpt_lang": "ru",
            "excerpt_en": "In June 2019 Huawei signed an agreement with X University.",
            "read_on": "2026-12-07",
        },
        {
            "record_table": "events",
            "record_id": "ev-rollup",
            "source_id": "news-a",
            "excerpt": "US universities cut their ties with Huawei last spring.",
            "excerpt_lang": "en",
            "read_on": "2026-12-07",
        },
        {
            "record_table": "flows",
            "record_id": "fl-grant",
            "source_id": "news-a",
            "excerpt": "Individual grants totaled $2.2 million in 2018, up from $855,000 in 2017.",
            "excerpt_lang": "en",
            "excerpt_vi": "Các khoản tài trợ riêng lẻ đạt tổng cộng 2,2 triệu USD vào năm 2018.",
            "read_on": "2026-12-07",
        },
        {
            "record_table": "metrics",
            "record_id": "m-staff",
            "source_id": "news-b",
            "excerpt": "По словам компании, в России работают около 1500 сотрудников.",
            "excerpt_lang": "ru",
            "excerpt_en": "The company said about 1,500 staff work in Russia.",
            "read_on": "2026-12-07",
        },
        {
            "record_table": "stances",
            "record_id": "st-one",
            "source_id": "seed-s",
            "excerpt": "Huawei mở rộng hợp tác với các trường đại học Nga.",
            "excerpt_lang": "vi",
            "excerpt_en": "Huawei widens its cooperation with Russian universities.",
            "read_on": "2026-12-07",
        },
    ],
}

CHANGELOG_TEXT = "# Data changelog\n\n## 3.0.0 — 2026-12-07\n\n- A folder for the tests of the evidence.\n"


def write_csv(path: Path, table: str, rows: list[dict[str, str]], columns: list[str] | None = None) -> None:
    """Write rows of a table with its schema's header (or the given columns); a missing cell is empty."""
    header = columns or list(schema.TABLES[table].to_schema().columns)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_folder(root: Path, rows: dict[str, list[dict[str, str]]] | None = None) -> Path:
    """Write the folder (root/data and root/seeds) from ROWS, with any table replaced; returns the data folder."""
    tables = {**ROWS, **(rows or {})}
    data_dir = root / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    (root / "seeds" / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (data_dir / "CHANGELOG.md").write_text(CHANGELOG_TEXT, encoding="utf-8")
    for table, table_rows in tables.items():
        write_csv(data_dir / f"{table}.csv", table, table_rows)
    return data_dir


def edited(table: str, index: int, **cells: str) -> dict[str, list[dict[str, str]]]:
    """ROWS' table with row `index` changed: a one-fault folder."""
    rows = [dict(row) for row in ROWS[table]]
    rows[index].update(cells)
    return {table: rows}


def line_of(table: str, index: int) -> int:
    """The file line of row `index` (the header is line 1; no cell of these rows spans lines)."""
    return index + 2

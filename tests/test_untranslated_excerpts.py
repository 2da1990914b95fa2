"""An excerpt a Vietnamese reader sees as written (English, with no excerpt_vi) says so, in the hover and the
table's evidence column; one in the reader's language, or translated into it, carries no such note."""

from __future__ import annotations

from techrift import evidence
from techrift.i18n import t


def test_the_note_is_given_only_where_the_reader_gets_no_translation() -> None:
    assert evidence.untranslated({"excerpt_lang": "en", "excerpt_vi": None}, "vi") == "Tiếng Anh nguyên văn, chưa dịch"
    assert evidence.untranslated({"excerpt_lang": "en", "excerpt_vi": None}, "en") == ""
    assert evidence.untranslated({"excerpt_lang": "ru", "excerpt_vi": "bản dịch"}, "vi") == ""


def test_hover_and_table_label_an_untranslated_english_excerpt_in_vietnamese(dataset) -> None:
    rows = dataset.evidence[dataset.evidence["record_table"].eq("events")].drop_duplicates("record_id")
    bare = rows[rows["excerpt_lang"].eq("en") & rows["excerpt_vi"].isna()]
    translated = rows[rows["excerpt_vi"].notna() | rows["excerpt_lang"].eq("vi")]
    assert not bare.empty and not translated.empty  # the fixture has both cases
    note = t("excerpt_untranslated", "vi", language="Tiếng Anh")
    ids = [*bare["record_id"], *translated["record_id"]]
    hovers = evidence.hover_lines(dataset, "events", ids, "vi")
    assert all(note in hover for hover in hovers[: len(bare)])
    assert not any(note in hover for hover in hovers[len(bare) :])
    assert not any(note in hover for hover in evidence.hover_lines(dataset, "events", ids, "en"))
    frame = dataset.events[dataset.events["event_id"].isin(bare["record_id"])][["event_id"]]
    cells = evidence.with_evidence_column(frame, dataset, "events", "vi")["evidence"]
    assert all(cell.endswith(f"({note})") for cell in cells)

"""Number matching: a sentence states a record's figure however people write it, and a different figure is not
taken for it."""

from __future__ import annotations

import pytest

from techrift.amounts import amounts_in, numeral_readings, states_amount, states_year


@pytest.mark.parametrize(
    ("excerpt", "amount"),
    [
        ("Individual grants totaled $2.2 million in 2018", 2_200_000),
        ("grants worth 2.2m", 2_200_000),
        ("valued at US$13.3 billion", 13_300_000_000),
        ("spent 90 billion yuan on research", 90_000_000_000),
        ("khoản tài trợ 2,2 triệu USD", 2_200_000),
        ("about 1,500 staff in Russia and Belarus", 1500),
        ("khoảng 1.500 nhân viên", 1500),
        ("ưu đãi lên tới 70.000 USD cho mỗi dự án", 70_000),
        ("half of the world's AI researchers", 50),
        ("half of the world's AI researchers", 0.5),
        ("more than 300 million USD a year", 300_000_000),
        ("more than $300m a year", 300_000_000),
        ("revenue of 17 bn dollars", 17_000_000_000),
        ("revenue of $17bn", 17_000_000_000),
        ("$855,000 in 2017", 855_000),
        ("$7.8mn in existing agreements", 7_800_000),
        ("a $4.5 billion charge", 4_500_000_000),
        ("approximately a dozen employees were affected", 12),
        ("more than a billion people", 1_000_000_000),
        ("hơn 1 tỷ người", 1_000_000_000),
        ("13,3 tỷ USD", 13_300_000_000),
        ("300 triệu USD", 300_000_000),
        ("华为研发投入900亿元", 90_000_000_000),
        ("总额达1.5万亿元", 1_500_000_000_000),
        ("около 1\u00a0500 сотрудников", 1500),
        ("2,5 млрд долларов", 2_500_000_000),
        ("1,234.5 units", 1234.5),
        ("1.234,5 đơn vị", 1234.5),
        ("1,500,000 dollars", 1_500_000),
        ("1.500.000 đồng", 1_500_000),
        ("13% of revenue", 13),
        ("two regions", 2),
        ("ten contracts", 10),
        ("two hundred people", 200),
        ("Amazon: $1bn.", 1_000_000_000),
        ("at $150,000, the installment", 150_000),
        ("2 TỶ USD", 2_000_000_000),
        ("tiềm năng thị trường hơn một tỷ người", 1_000_000_000),
        ("tăng từ một hợp đồng nghiên cứu vào năm 2013", 1),
        ("lên mười hợp đồng", 10),  # capitals, as a headline writes
    ],
)
def test_the_excerpt_states_the_amount(excerpt: str, amount: float) -> None:
    assert states_amount(excerpt, amount)


@pytest.mark.parametrize(
    ("excerpt", "amount"),
    [
        ("Individual grants totaled $2.2 million in 2018", 855_000),  # another figure of the sentence
        ("$2.2 million", 2_200),  # the scale is not dropped
        ("$2.2 million", 2.2),
        ("300 million USD a year", 300),
        ("$7.8 million", 78_000_000),  # a misplaced decimal
        ("spent 90 billion yuan", 9_000_000_000),
        ("2.2 metres of cable", 2_200_000),  # 'm' is a scale only on its own
        ("a major decision", 1_000_000),  # nor is the 'm' of a word
        ("about 1,500 staff", 15_000),
        ("1.5 million", 1_500),
        ("the company's 2019 results", 2_019_000_000),
        ("a dozen", 13),
        ("The lab closed.", 1),
        ("", 0),
        ("1,23,4 odd", 1234),  # a numeral that fits no way of writing numbers
        ("version 1.2.3", 123),
    ],
)
def test_a_different_figure_is_not_taken_for_the_amount(excerpt: str, amount: float) -> None:
    assert not states_amount(excerpt, amount)


@pytest.mark.parametrize(
    ("numeral", "readings"),
    [
        ("1500", {1500.0}),
        ("1,500", {1500.0, 1.5}),  # English grouping or a Vietnamese decimal comma
        ("1.500", {1500.0, 1.5}),  # Vietnamese grouping or an English decimal point
        ("2,2", {2.2}),
        ("2.25", {2.25}),
        ("1,500,000", {1_500_000.0}),
        ("1.234,5", {1234.5}),
        ("1,234.5", {1234.5}),
        ("1\u202f500", {1500.0}),
        ("12,34,567", set()),  # groups that are not thousands
        ("1.2.3", set()),
        ("1,234,5.6", set()),
    ],
)
def test_numeral_readings(numeral: str, readings: set[float]) -> None:
    assert numeral_readings(numeral) == readings


def test_amounts_in_reads_every_figure_of_a_sentence() -> None:
    found = amounts_in("Individual grants totaled $2.2 million in 2018, up from $855,000 in 2017")
    assert {2_200_000.0, 855_000.0, 2018.0, 2017.0} <= found
    assert 2.2 not in found


def test_a_decomposed_vietnamese_scale_word_is_read() -> None:
    import unicodedata

    assert states_amount(unicodedata.normalize("NFD", "2,2 triệu USD"), 2_200_000)
    assert states_amount(unicodedata.normalize("NFD", "13,3 tỷ USD"), 13_300_000_000)


@pytest.mark.parametrize(
    ("text", "year", "states"),
    [
        ("in June 2019 Huawei", 2019, True),
        ("2019-05-23", 2019, True),
        ("năm 2019,", 2019, True),
        ("2019年", 2019, True),
        ("in 2018", 2019, False),
        ("20190", 2019, False),  # part of a longer number
        ("12019", 2019, False),
    ],
)
def test_states_year(text: str, year: int, states: bool) -> None:
    assert states_year(text, year) is states

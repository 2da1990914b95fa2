"""Numbers as people write them: does a sentence state this amount, this year?

A sentence says "$2.2 million", "2.2m", "US$13.3 billion", "90 billion yuan", "2,2 triệu", "1,500" or "1.500" (the
Vietnamese grouping), "half", "a dozen", "17 bn" or "900亿元"; a record stores the plain number. `amounts_in` reads
every figure a sentence states (every reading of an ambiguous one: "1,500" is 1500 in English and 1.5 in Vietnamese),
and `states_amount` asks whether one of them is the record's figure. The currency is not compared: a sentence that
states the figure in another currency is the curator's to judge.
"""

from __future__ import annotations

import math
import re
import unicodedata

# Separators that group thousands without being decimal marks: a no-break space, a narrow or a thin space.
_SPACE_GROUPING = "\u00a0\u202f\u2009"
_NUMERAL = re.compile(rf"(?<![\d.,])\d+(?:[.,{_SPACE_GROUPING}]\d+)*")

# Scale words after a numeral, longest first (so that "nghìn tỷ" is read before "nghìn"); word scales need a word
# boundary after them ("2.2m" but not "2.2 metres"), CJK scales do not (there is no space in "900亿元").
_WORD_SCALES: dict[str, float] = {
    "nghìn tỷ": 1e12,
    "nghìn tỉ": 1e12,
    "ngàn tỷ": 1e12,
    "trillion": 1e12,
    "tn": 1e12,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "tỷ": 1e9,
    "tỉ": 1e9,
    "млрд": 1e9,
    "миллиарда": 1e9,
    "миллиардов": 1e9,
    "миллиард": 1e9,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mio": 1e6,
    "m": 1e6,
    "triệu": 1e6,
    "млн": 1e6,
    "миллиона": 1e6,
    "миллионов": 1e6,
    "миллион": 1e6,
    "thousand": 1e3,
    "hundred": 1e2,
    "k": 1e3,
    "nghìn": 1e3,
    "ngàn": 1e3,
    "тыс": 1e3,
}
_CJK_SCALES: dict[str, float] = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
_SCALE = re.compile(
    r"\s*(?:(?P<word>"
    + "|".join(re.escape(word) for word in sorted(_WORD_SCALES, key=len, reverse=True))
    + r")(?!\w)|(?P<cjk>"
    + "|".join(re.escape(word) for word in sorted(_CJK_SCALES, key=len, reverse=True))
    + "))"
)

_WORD_NUMBERS: dict[str, tuple[float, ...]] = {
    "half": (0.5, 50.0),  # "half of" a whole, or 50 per cent of it
    "a dozen": (12.0,),
    "dozen": (12.0,),
    "one": (1.0,),
    "two": (2.0,),
    "three": (3.0,),
    "four": (4.0,),
    "five": (5.0,),
    "six": (6.0,),
    "seven": (7.0,),
    "eight": (8.0,),
    "nine": (9.0,),
    "ten": (10.0,),
    "eleven": (11.0,),
    "twelve": (12.0,),
    "twenty": (20.0,),
    "một nửa": (0.5, 50.0),
    "một": (1.0,),
    "hai": (2.0,),
    "ba": (3.0,),
    "bốn": (4.0,),
    "năm": (5.0,),  # also "year": a five read where none was meant can only let a figure pass, never fail one
    "sáu": (6.0,),
    "bảy": (7.0,),
    "tám": (8.0,),
    "chín": (9.0,),
    "mười": (10.0,),
    "nửa": (0.5, 50.0),
    "a": (1.0,),  # "a billion": only read with a scale after it
    "an": (1.0,),
}
_NEEDS_SCALE = {"a", "an"}
_WORD_NUMBER = re.compile(
    r"(?<!\w)(?P<word>"
    + "|".join(re.escape(word) for word in sorted(_WORD_NUMBERS, key=len, reverse=True))
    + r")(?!\w)"
)


def _normal(text: str) -> str:
    """Composed (NFC) and lower case: 'Tỷ' typed with combining marks reads as 'tỷ'."""
    return unicodedata.normalize("NFC", text).casefold()


def numeral_readings(numeral: str) -> set[float]:
    """Every value a written numeral can mean: '1,500' is 1500 (grouped) or 1.5 (a decimal comma); '1.500.000' is
    1500000; '2,2' is 2.2; '1.234,5' is 1234.5. A numeral that fits no way of writing numbers gives nothing."""
    parts = re.split(rf"([.,{_SPACE_GROUPING}])", numeral)
    digits, separators = parts[0::2], parts[1::2]
    if not separators:
        return {float(numeral)}
    readings: set[float] = set()
    groups_of_three = all(len(group) == 3 for group in digits[1:]) and 1 <= len(digits[0]) <= 3
    if len(set(separators)) == 1:
        if groups_of_three:
            readings.add(float("".join(digits)))
        if len(separators) == 1 and separators[0] in ".,":
            readings.add(float(f"{digits[0]}.{digits[1]}"))
        return readings
    # Two kinds of mark: the last is the decimal mark, every other one groups thousands ("1,234.5", "1.234,5").
    decimal = separators[-1]
    if decimal in _SPACE_GROUPING or decimal in separators[:-1]:
        return readings
    whole = digits[:-1]
    if all(len(group) == 3 for group in whole[1:]) and 1 <= len(whole[0]) <= 3:
        readings.add(float(f"{''.join(whole)}.{digits[-1]}"))
    return readings


def _scale_after(text: str, end: int) -> float | None:
    """The scale written right after position `end` ('million', 'bn', 'triệu', '亿'), or None."""
    match = _SCALE.match(text, end)
    if match is None:
        return None
    return _WORD_SCALES[match["word"]] if match["word"] else _CJK_SCALES[match["cjk"]]


def amounts_in(text: str) -> set[float]:
    """Every figure the text states, in every reading, with its scale applied ('$2.2 million' gives 2200000.0;
    '50%' gives 50.0; 'half' gives 0.5 and 50.0)."""
    text = _normal(text)
    found: set[float] = set()
    for match in _NUMERAL.finditer(text):
        scale = _scale_after(text, match.end())
        found |= {value * scale if scale else value for value in numeral_readings(match.group())}
    for match in _WORD_NUMBER.finditer(text):
        word = match["word"]
        scale = _scale_after(text, match.end())
        if word in _NEEDS_SCALE and scale is None:
            continue
        values = _WORD_NUMBERS[word]
        found |= {value * scale if scale else value for value in values}
    return {_rounded(value) for value in found}


def _rounded(value: float) -> float:
    """A product like 2.2 * 1e6 made exact to the digits a person wrote (2200000.0002 is 2200000)."""
    return float(f"{value:.12g}")


def states_amount(text: str, amount: float) -> bool:
    """Whether the text states `amount`, written in any way people write it."""
    return any(math.isclose(found, amount, rel_tol=1e-9) for found in amounts_in(text))


def states_year(text: str, year: int) -> bool:
    """Whether the text names the year (as a number of its own: '2019', '2019-05-23', 'năm 2019', '2019年')."""
    return re.search(rf"(?<!\d){year}(?!\d)", text) is not None

"""Interface labels in English and Vietnamese, and the language-aware reading of translated data columns.

Translations are stored in locale/vi/LC_MESSAGES/techrift.po (gettext) and in the data's *_vi columns; nothing is machine-translated at run time.
"""

from __future__ import annotations

import numbers
import string
import warnings
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from babel import Locale
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGUAGES: dict[str, str] = {"en": "English", "vi": "Tiếng Việt"}
DEFAULT_LANGUAGE = "en"

# The labels live in a gettext file that translators' tools read (tools/catalogue.py adds to it): per label, the key
# the code asks for (msgctxt), the English (msgid) and the Vietnamese (msgstr).
CATALOGUE_FILE = Path(__file__).parent / "locale" / "vi" / "LC_MESSAGES" / "techrift.po"


def read_catalogue(path: Path = CATALOGUE_FILE) -> dict[str, dict[str, str]]:
    """Every label by key, in each language: {"app_name": {"en": "TechRift", "vi": "TechRift"}, ...}."""
    with path.open("rb") as file:
        messages = read_po(file, locale="vi")
    return {
        str(message.context): {"en": str(message.id), "vi": str(message.string)}
        for message in messages
        if message.id and message.context
    }


CATALOGUE: dict[str, dict[str, str]] = read_catalogue()


def number(value: float, lang: str, decimals: int = 0) -> str:
    """A number as the language writes it, with at most `decimals` decimals: '70,000' / '70.000', '13.3' / '13,3'."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=lang)


def plural_category(count: float, lang: str) -> str:
    """The CLDR plural category of a count in the language: 'one' or 'other' in English, always 'other' in Vietnamese."""
    return Locale.parse(lang).plural_form(abs(count))


class _LocalFormatter(string.Formatter):
    """str.format, except that a number under a grouping spec ('{count:,}') is written the language's way."""

    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "," and isinstance(value, (int, float)):
            return number(value, self.lang)
        return super().format_field(value, format_spec)


class MissingLabelWarning(UserWarning):
    """A label the code asked for is not in the catalogue (the tests turn this warning into an error)."""


def _missing(key: str) -> str:
    """What a page shows for a label the catalogue lacks: the key, never a traceback; the log says what to add."""
    warnings.warn(
        f"the label catalogue has no key {key!r}: add it, in every language, to techrift/i18n.py's CATALOGUE",
        MissingLabelWarning,
        stacklevel=3,
    )
    return f"[{key}]"


def t(key: str, lang: str, **values: object) -> str:
    """The label `key` in `lang` (English if that language lacks it), with {placeholders} filled. With a numeric
    `count`, a form for the count's plural category is used where the catalogue has one (`<key>_one`)."""
    count = values.get("count")
    if isinstance(count, numbers.Real) and (form := f"{key}_{plural_category(float(count), lang)}") in CATALOGUE:
        key = form
    entry = CATALOGUE.get(key)
    if entry is None or DEFAULT_LANGUAGE not in entry:
        return _missing(key)
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return _LocalFormatter(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).format(text, **values) if values else text


# Columns whose name is not a catalogue key's tail.
_COLUMN_KEYS = {"≈": "approximate"}


def column_label(column: str, lang: str) -> str:
    """A table column's header in the language: the catalogue's col_<column>."""
    return t(f"col_{_COLUMN_KEYS.get(column, column)}", lang)


def localized(row: Mapping[Hashable, Any] | pd.Series, base: str, lang: str) -> str:
    """A translated data column (`title` -> title_vi) in `lang`, falling back to the English column."""
    if lang != DEFAULT_LANGUAGE:
        value = row.get(f"{base}_{lang}")
        if isinstance(value, str) and value:
            return value
    english = row.get(f"{base}_en", row.get(base))
    return "" if english is None or (isinstance(english, float) and pd.isna(english)) else str(english)


def localized_column(frame: pd.DataFrame, base: str, lang: str) -> pd.Series:
    """`localized` for every row of a frame at once."""
    english_column = f"{base}_en" if f"{base}_en" in frame.columns else base
    english = frame[english_column].astype(object).where(frame[english_column].notna(), "")
    translated = frame.get(f"{base}_{lang}") if lang != DEFAULT_LANGUAGE else None
    if translated is None:
        return english.astype(str)
    has_translation = translated.notna() & translated.astype(object).ne("")
    return translated.astype(object).where(has_translation, english).astype(str)


def parse_language(raw: str) -> tuple[str, str | None]:
    """A language code from the URL, or the default with a notice."""
    code = raw.strip().lower()
    if code in LANGUAGES:
        return code, None
    return DEFAULT_LANGUAGE, t("notice_language", DEFAULT_LANGUAGE, value=raw[:20])

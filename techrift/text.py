"""Making text from the data safe to place in Markdown: shown as typed, never run or linked."""

from __future__ import annotations

import re
from urllib.parse import quote

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")
# Zero-width and bidirectional control characters can hide or reorder text on screen.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def plain(text: object) -> str:
    """The text with invisible and direction-changing characters removed."""
    return _INVISIBLE.sub("", "" if text is None else str(text))


def escape_markdown(text: object) -> str:
    """Escape every Markdown and HTML-significant character so the text renders literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text)).replace("\n", " ")


def safe_url(url: object) -> str | None:
    """An https URL made safe inside a Markdown link; None for anything else (javascript:, data:, ...)."""
    if not isinstance(url, str) or not url.startswith("https://"):
        return None
    return quote(plain(url), safe=":/?=&%#~+,;@!$'*-._")


def markdown_link(label: object, url: object) -> str:
    """A Markdown link with an escaped label, or the escaped label alone when the URL is not https."""
    target = safe_url(url)
    label_md = escape_markdown(label)
    if target is None:
        return label_md
    return f"[{label_md}]({target.replace('(', '%28').replace(')', '%29')})"
